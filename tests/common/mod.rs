//! Helpers shared by the integration tests: run the real `mille` binary against a
//! database in a temporary folder.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("mille.db");
        Env { dir, db }
    }

    /// `mille --db <tmp>/mille.db ARGS...`, with no HOME database in reach.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("mille").expect("mille binary");
        c.env_remove("MILLE_DB").env("HOME", self.dir.path()).env("XDG_DATA_HOME", self.dir.path().join("xdg"));
        c.arg("--db").arg(&self.db).args(args);
        c
    }

    /// Runs and returns stdout, asserting success.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run mille");
        assert!(
            out.status.success(),
            "mille {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs and returns parsed JSON stdout, asserting success.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut a = args.to_vec();
        a.push("--json");
        let text = self.ok(&a);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    }

    /// Runs expecting exit code `code`; returns (stdout, stderr).
    pub fn fails(&self, args: &[&str], code: i32) -> (String, String) {
        let out = self.cmd(args).output().expect("run mille");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(code), "mille {args:?}: stdout {stdout} stderr {stderr}");
        assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
        (stdout, stderr)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, content).expect("write file");
        p
    }
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
