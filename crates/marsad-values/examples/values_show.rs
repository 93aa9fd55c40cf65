//! Prints the times and quantities of each line of standard input.
//! Usage: `cargo run -p marsad-values --example values_show -- [ANCHOR] < lines.txt`

use std::io::{BufRead, Write};

fn main() {
    let anchor = std::env::args()
        .nth(1)
        .and_then(|a| marsad_values::parse_anchor(&a));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (times, qs) = marsad_values::analyze(&line, anchor);
        let _ = writeln!(out, "{line}");
        for t in times {
            let _ = writeln!(
                out,
                "  T {:?} {:?} {:?} hijri={:?} anchored={}",
                t.text, t.kind, t.value, t.hijri, t.anchored
            );
        }
        for q in qs {
            let _ = writeln!(
                out,
                "  Q {:?} value={:?} unit={:?} approx={} range={:?}",
                q.text, q.value, q.unit, q.approximate, q.range
            );
        }
    }
}
