//! Replays every fuzzing input kept in the repository through the same checks the
//! fuzz targets run (`fuzz/src/lib.rs`, included here by path): the seed corpus in
//! `fuzz/corpus/<target>/` and every input that once crashed or failed a check, in
//! `tests/fuzz-regressions/<target>/`. Deterministic and quick; the long fuzzing runs
//! themselves are `cargo fuzz run <target>` (see fuzz/Cargo.toml).

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for dir in [root.join("fuzz/corpus").join(target), root.join("tests/fuzz-regressions").join(target)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file()).collect();
        files.sort();
        for file in files {
            if file.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            let bytes = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&bytes));
            assert!(outcome.is_ok(), "{} fails its fuzz check (see the panic above)", file.display());
            n += 1;
        }
    }
    n
}

#[test]
fn csv_corpus_and_regressions() {
    assert!(replay("import_csv", checks::check_csv) > 5);
}

#[test]
fn spreadsheet_corpus_and_regressions() {
    checks::install_guard_aware_hook();
    assert!(replay("import_sheet", checks::check_sheet) >= 3);
}

#[test]
fn xlsx_xml_corpus_and_regressions() {
    checks::install_guard_aware_hook();
    assert!(replay("import_xlsx_xml", checks::check_xlsx_xml) >= 1);
}

#[test]
fn values_corpus_and_regressions() {
    assert!(replay("values", checks::check_values) > 10);
}

/// The xlsx wrapper the fuzz target uses makes a workbook calamine reads: the seed
/// reads as posts, so fuzzing starts from real sheets rather than from refusals.
#[test]
fn xlsx_wrapper_builds_a_readable_workbook() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = std::fs::read(root.join("fuzz/corpus/import_xlsx_xml/posts")).unwrap();
    let parsed = mille::import::read_spreadsheet(&checks::xlsx_from_parts(&seed), &Default::default()).unwrap();
    assert_eq!(parsed.rows.len(), 2);
    assert_eq!(parsed.rows[1].post.brand, "=HYPERLINK(\"x\")");
}

/// A cell reference too long for calamine's column arithmetic (it panics on the
/// overflow in a debug build): through the real binary this is one sentence and exit
/// 1, not the "internal error" of the CLI's panic hook.
#[test]
fn a_panic_inside_calamine_reads_as_one_sentence() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sheet = std::fs::read(root.join("tests/fuzz-regressions/import_xlsx_xml/calamine_column_overflow")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("overflow.xlsx");
    std::fs::write(&file, checks::xlsx_from_parts(&sheet)).unwrap();
    let out = assert_cmd::Command::cargo_bin("mille")
        .unwrap()
        .env_remove("MILLE_DB")
        .arg("--db")
        .arg(dir.path().join("m.db"))
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!err.contains("internal error") && !err.contains("panicked"), "{err}");
    assert!(err.contains("damaged or cut off"), "calamine panicked and Mille caught it: {err}");
}
