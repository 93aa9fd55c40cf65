//! Copies the link-acceptance asset (`assets/kb/accept.json`) into OUT_DIR
//! for `include_str!`, or an empty file when it is missing, so that the
//! crate builds and links exactly as before without it (see src/accept.rs).

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/kb");
    println!("cargo:rerun-if-changed={}", dir.display());
    let text = std::fs::read_to_string(dir.join("accept.json")).unwrap_or_default();
    let out =
        PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("accept.json");
    if let Err(e) = std::fs::write(&out, text) {
        panic!("{}: cannot write ({e})", out.display());
    }
}
