//! Copies the link-acceptance asset (`assets/kb/accept.json`) into OUT_DIR
//! for `include_str!`, or an empty file when it is missing, so that the
//! crate builds and links exactly as before without it (see src/accept.rs).

use std::path::PathBuf;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = PathBuf::from(manifest).join("../../assets/kb");
    println!("cargo:rerun-if-changed={}", dir.display());
    let asset = dir.join("accept.json");
    let text = match std::fs::read_to_string(&asset) {
        Ok(t) => t,
        // no model ships: the binary links exactly as the rule linker
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => panic!(
            "{}: cannot read the link-acceptance asset ({e}); retrain it with `marsad train link-accept` or delete it",
            asset.display()
        ),
    };
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("accept.json");
    if let Err(e) = std::fs::write(&out, text) {
        panic!("{}: cannot write ({e})", out.display());
    }
}
