//! Converts an Umm al-Qura Hijri date to Gregorian: `hijri Y M D`.
fn main() {
    let a: Vec<i32> = std::env::args()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    if a.len() == 3 {
        match marsad_values::calendar::hijri_to_gregorian(a[0], a[1] as u32, a[2] as u32) {
            Some(g) => println!("{}", g.iso()),
            None => println!("none"),
        }
    } else {
        eprintln!("usage: hijri Y M D");
    }
}
