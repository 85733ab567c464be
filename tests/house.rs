//! The house rules a reviewer would otherwise check by hand: no import cycle between
//! the modules of the core or of the app shell (at the top level of each crate and
//! between the siblings of each folder module), and no source file past ~500 lines
//! outside tests and generated code.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without its comment lines.
fn code(p: &Path) -> String {
    fs::read_to_string(p)
        .expect("read")
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module names that follow `prefix` in `src` (`crate::store::…` → `store`).
fn after(src: &str, prefix: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = src;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let names: Vec<String> = if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}').unwrap_or(0);
            inner[..end].split(',').map(|n| n.trim().split("::").next().unwrap_or("").to_string()).collect()
        } else {
            vec![rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()]
        };
        out.extend(names.into_iter().filter(|n| !n.is_empty() && n.chars().all(|c| c.is_lowercase() || c == '_')));
    }
    out
}

/// The first cycle of a graph, if any.
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut c = path[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys().find_map(|k| visit(k, g, &mut Vec::new(), &mut done))
}

/// The unit (top module, or sibling inside `folder`) a file belongs to.
fn unit(folder: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(folder).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy().to_string();
    let name = first.trim_end_matches(".rs").to_string();
    (!matches!(name.as_str(), "mod" | "lib" | "main" | "tests")).then_some(name)
}

/// Edges between the units of `folder`: `crate_path` (`crate::` or `crate::store::`)
/// followed by a unit, or `super::` + a unit in a file directly inside it.
fn graph(folder: &Path, crate_path: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(folder, &mut files);
    let units: BTreeSet<String> = files.iter().filter_map(|f| unit(folder, f)).collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let Some(me) = unit(folder, f) else { continue };
        // A folder's own tests module may use anything of its folder.
        if f.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let src = code(f);
        let mut names = after(&src, crate_path);
        if f.parent() == Some(folder) {
            names.extend(after(&src, "super::"));
        }
        let deps = g.entry(me.clone()).or_default();
        deps.extend(names.into_iter().filter(|n| units.contains(n) && *n != me));
    }
    g
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for (crate_dir, crate_path) in [("src", "crate::"), ("src-tauri/src", "crate::")] {
        let top = root.join(crate_dir);
        let mut folders = vec![(top.clone(), crate_path.to_string())];
        for e in fs::read_dir(&top).expect("read").flatten() {
            if e.path().is_dir() {
                let name = e.file_name().to_string_lossy().to_string();
                folders.push((e.path(), format!("{crate_path}{name}::")));
            }
        }
        for (folder, path) in folders {
            let g = graph(&folder, &path);
            checked += g.len();
            assert_eq!(cycle(&g), None, "an import cycle in {}", folder.display());
        }
    }
    assert!(checked > 40, "the walk found the modules ({checked})");
}

#[test]
fn no_source_file_grows_past_about_500_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "src-tauri/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let long: Vec<String> = files
        .iter()
        .filter(|f| f.file_name().is_none_or(|n| n != "tests.rs") && !f.components().any(|c| c.as_os_str() == "tests"))
        .filter_map(|f| {
            let n = fs::read_to_string(f).ok()?.lines().count();
            (n > 520).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by concern: {long:?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycle(&g), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    g.insert("c".to_string(), BTreeSet::new());
    assert_eq!(cycle(&g), None);
    assert_eq!(
        after("use crate::{store, metrics::Filter}; x::crate::no", "crate::"),
        BTreeSet::from(["store".to_string(), "metrics".to_string()])
    );
}
