//! Bad input end to end with the built binary: one batch holding an empty
//! file, a binary file, invalid UTF-8, a 20 MB single line, a missing path
//! and a good page. Each failure is named on stderr with its problem, the
//! batch exits 1, every readable document is still written, nothing panics.
//! Also: `--help` on every subcommand exits 0.

use std::path::{Path, PathBuf};
use std::process::Command;

fn marsad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn bad_inputs_in_one_batch() {
    let d = tmpdir("bad");
    let empty = d.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = d.join("binary.bin");
    // deterministic "random" bytes with NULs: a compressed or image file
    let bytes: Vec<u8> = (0u32..8192)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&binary, &bytes).unwrap();
    let bad_utf8 = d.join("latin1.txt");
    let mut b = "قال الرئيس الفرنسي إن باريس ستواصل حملتها "
        .as_bytes()
        .to_vec();
    b.extend_from_slice(b"\xff\xfe caf\xe9 ");
    b.extend_from_slice("ضد التنظيم في سوريا والعراق.".as_bytes());
    std::fs::write(&bad_utf8, &b).unwrap();
    let missing = d.join("no-such-file.txt");
    let seed = root().join("examples/seed.txt");

    let out = marsad()
        .arg("analyze")
        .args([&empty, &binary, &bad_utf8, &missing, &seed])
        .output()
        .expect("marsad runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // every failure names its file and its problem
    let line_of = |p: &Path| {
        stderr
            .lines()
            .find(|l| l.contains(&*p.display().to_string()))
            .unwrap_or_else(|| panic!("{} not named on stderr: {stderr}", p.display()))
            .to_string()
    };
    assert!(line_of(&empty).contains("empty"));
    assert!(line_of(&binary).contains("binary"));
    assert!(line_of(&missing).contains("No such file"));
    // invalid UTF-8 is decoded with replacement characters and a warning
    assert!(line_of(&bad_utf8).contains("invalid UTF-8"));
    // documents written: the invalid-UTF-8 page and the seed
    let docs: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is one JSON document"))
        .collect();
    assert_eq!(docs.len(), 2, "stderr: {stderr}");
    let by_path = |p: &Path| {
        docs.iter()
            .find(|d| d["source"]["path"].as_str() == Some(&*p.display().to_string()))
            .unwrap_or_else(|| panic!("no document for {}", p.display()))
    };
    let bad = by_path(&bad_utf8);
    assert!(bad["text"].as_str().unwrap().contains('\u{FFFD}'));
    assert!(bad["warnings"][0]
        .as_str()
        .unwrap()
        .contains("invalid UTF-8"));
    let s = by_path(&seed);
    assert!(s["text"]
        .as_str()
        .unwrap()
        .starts_with("حصل الرئيس الفرنسي فرنسوا هولاند على دعم قوي من لندن"));
    assert!(stderr.contains("3 of 5 documents failed"), "{stderr}");
    let _ = std::fs::remove_dir_all(&d);
}

/// A 20 MB single line goes through the whole CLI in bounded time beside a
/// good page: both documents written, no panic, and the document says which
/// stages were bounded (see `marsad::LONG_DOCUMENT_CHARS`).
#[test]
fn twenty_megabyte_single_line() {
    let d = tmpdir("big");
    let big = d.join("big.txt");
    let sentence = "حصل الرئيس الفرنسي على دعم قوي من لندن في حملته ضد تنظيم الدولة. ";
    let line = sentence.repeat(20 * 1024 * 1024 / sentence.len() + 1);
    assert!(line.len() >= 20 * 1024 * 1024 && !line.contains('\n'));
    std::fs::write(&big, &line).unwrap();
    let seed = root().join("examples/seed.txt");
    let out = marsad()
        .arg("analyze")
        .args([&big, &seed])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 2);
    let big_doc: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    let warnings = big_doc["warnings"].to_string();
    assert!(warnings.contains("bound for entity linking"), "{warnings}");
    assert!(big_doc["text"].as_str().unwrap().len() >= 20 * 1024 * 1024 - 200);
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn seed_done_when() {
    let out = marsad()
        .args([
            "analyze",
            &root().join("examples/seed.txt").display().to_string(),
        ])
        .output()
        .expect("marsad runs");
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let text = doc["text"].as_str().unwrap();
    let lead = "حصل الرئيس الفرنسي فرنسوا هولاند على دعم قوي من لندن في حملته ضد تنظيم الدولة الإسلامية بعد أيام على اعتداءات باريس وذلك في مستهل سلسلة لقاءات مع شركائه الدائمين في مجلس الأمن الدولي.";
    assert!(text.starts_with(lead));
    assert_eq!(text.matches("حصل الرئيس الفرنسي فرنسوا هولاند").count(), 1);
    assert!(text.ends_with("فإن مصير الأسد لا يزال سببا في الخلاف."));
    assert_eq!(
        doc["title"],
        "باريس تحرك قنواتها الدبلوماسية لمواجهة داعش بالقوة"
    );
    assert_eq!(doc["byline"], serde_json::json!(["Aissa Boukanoun"]));
    assert_eq!(doc["schema"], "marsad/1");
    let removed: Vec<&str> = doc["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    for chrome in [
        "شارك هذا المقال",
        "Copy to clipboard",
        "اعلان",
        "مواضيع إضافية",
        "بريغوجين",
    ] {
        assert!(!text.contains(chrome), "{chrome} in text");
        assert!(
            removed.iter().any(|r| r.contains(chrome)),
            "{chrome} not in removed"
        );
    }
}

#[test]
fn help_on_every_subcommand() {
    let out = marsad().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let top = String::from_utf8_lossy(&out.stdout).to_string();
    // the subcommands as the top-level help lists them
    let mut cmds: Vec<Vec<String>> = Vec::new();
    let section = top.split("Commands:").nth(1).expect("a Commands section");
    for l in section.lines().skip(1).take_while(|l| !l.trim().is_empty()) {
        let name = l.split_whitespace().next().unwrap_or("");
        if !name.is_empty() && name != "help" {
            cmds.push(vec![name.to_string()]);
        }
    }
    assert!(cmds.len() >= 5, "{top}");
    // nested subcommands (train ner, eval events, kb build …)
    let mut nested = Vec::new();
    for c in &cmds {
        let out = marsad().args(c).arg("--help").output().unwrap();
        assert_eq!(out.status.code(), Some(0), "marsad {c:?} --help");
        let h = String::from_utf8_lossy(&out.stdout).to_string();
        if let Some(sec) = h.split("Commands:").nth(1) {
            for l in sec.lines().skip(1).take_while(|l| !l.trim().is_empty()) {
                // a wrapped description line is indented past the names
                if l.starts_with("   ") {
                    continue;
                }
                let name = l.split_whitespace().next().unwrap_or("");
                if !name.is_empty() && name != "help" {
                    nested.push(vec![c[0].clone(), name.to_string()]);
                }
            }
        }
    }
    for c in &nested {
        let out = marsad().args(c).arg("--help").output().unwrap();
        assert_eq!(out.status.code(), Some(0), "marsad {c:?} --help");
        assert!(!out.stdout.is_empty());
    }
    // a wrong command line is exit 2
    let out = marsad()
        .args(["analyze", "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// `--jobs` analyses pages on several threads; the output must be the same
/// documents in the same order as one thread gives, failures included.
#[test]
fn parallel_analyze_keeps_input_order() {
    let pages = root().join("../shared/data/extract/arabic-pages/pages");
    let d = tmpdir("jobs");
    let empty = d.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let run = |jobs: &str| {
        let o = marsad()
            .args(["analyze", "--published", "2015-11-23", "--jobs", jobs])
            .arg(root().join("examples/seed.txt"))
            .arg(&empty)
            .arg(&pages)
            .output()
            .unwrap();
        (o.status.code(), String::from_utf8(o.stdout).unwrap())
    };
    let (code1, one) = run("1");
    let (code3, three) = run("3");
    assert_eq!(code1, Some(1), "the empty page fails the batch");
    assert_eq!(code3, Some(1));
    let ids = |s: &str| -> Vec<String> {
        s.lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["source"]["path"].as_str().unwrap_or("").to_string()
            })
            .collect()
    };
    assert!(one.lines().count() > 10, "the page set is read");
    assert_eq!(ids(&one), ids(&three));
    assert!(ids(&one)[0].ends_with("seed.txt"));
    assert_eq!(one, three, "same documents, byte for byte");
    let bad = marsad()
        .args(["analyze", "--jobs", "0"])
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
