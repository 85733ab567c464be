//! `mille report --json` checked against an independent computation.
//!
//! The real binary generates a sample history (`mille sample`), imports it into a fresh
//! database and reports it grouped every which way. This test reads the same CSV itself
//! with the `csv` crate and recomputes every figure of metrics.md in a deliberately
//! different style: exact fractions of `i128` (no `rust_decimal`, no code of the
//! library), plain loops, its own percentile and rounding code. Any disagreement in a
//! single field, in the order of the groups or of the key's names fails.

use assert_cmd::Command;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{json, Value};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

// ----- exact fractions ----------------------------------------------------------------

/// n / d with d > 0, kept reduced.
#[derive(Clone, Copy, Debug)]
struct Q {
    n: i128,
    d: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    if a == 0 {
        1
    } else {
        a
    }
}

impl Q {
    fn new(n: i128, d: i128) -> Q {
        assert!(d != 0);
        let (n, d) = if d < 0 { (-n, -d) } else { (n, d) };
        let g = gcd(n, d);
        Q { n: n / g, d: d / g }
    }
    fn int(n: i128) -> Q {
        Q { n, d: 1 }
    }
    fn zero() -> Q {
        Q::int(0)
    }
    fn add(self, o: Q) -> Q {
        let g = gcd(self.d, o.d);
        Q::new(self.n * (o.d / g) + o.n * (self.d / g), self.d / g * o.d)
    }
    fn sub(self, o: Q) -> Q {
        self.add(Q { n: -o.n, d: o.d })
    }
    fn mul(self, o: Q) -> Q {
        let g1 = gcd(self.n, o.d);
        let g2 = gcd(o.n, self.d);
        Q::new((self.n / g1) * (o.n / g2), (self.d / g2) * (o.d / g1))
    }
    fn div(self, o: Q) -> Option<Q> {
        if o.n == 0 {
            None
        } else {
            Some(self.mul(Q::new(o.d, o.n)))
        }
    }
    fn cmp(&self, o: &Q) -> Ordering {
        (self.n * o.d).cmp(&(o.n * self.d))
    }
    fn is_positive(&self) -> bool {
        self.n > 0
    }
    /// Rounded half away from zero to `dp` places, written with exactly `dp` decimals.
    fn fixed(&self, dp: u32) -> String {
        let scale = 10i128.pow(dp);
        let scaled = self.n * scale;
        let mut q = scaled / self.d;
        let r = scaled % self.d;
        if 2 * r.abs() >= self.d {
            q += scaled.signum();
        }
        let neg = q < 0;
        let q = q.abs();
        let int = q / scale;
        let frac = q % scale;
        let sign = if neg { "-" } else { "" };
        if dp == 0 {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{frac:0width$}", width = dp as usize)
        }
    }
}

/// A plain decimal as written in the CSV (`384.96`, `1250`, `1.1040`).
fn parse_q(text: &str) -> Q {
    let t = text.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t),
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    assert!(int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()), "not a plain decimal: {text:?}");
    let digits = format!("{int}{frac}");
    let n: i128 = digits.parse().unwrap_or_else(|_| panic!("decimal {text:?}"));
    let q = Q::new(n, 10i128.pow(frac.len() as u32));
    if neg {
        Q::new(-q.n, q.d)
    } else {
        q
    }
}

// ----- the CSV, read independently ---------------------------------------------------

#[derive(Debug, Clone)]
struct Row {
    id: i64,
    date: String,
    brand: String,
    platform: String,
    format: String,
    fee: Q,
    fee_base: Q,
    impressions: Option<i128>,
    views: Option<i128>,
    likes: Option<i128>,
    comments: Option<i128>,
    shares: Option<i128>,
    saves: Option<i128>,
    clicks: Option<i128>,
}

/// Undoes export's formula guard: a leading `'` before `=`, `+`, `-`, `@` or `'`.
fn unguard(s: &str) -> String {
    let t = s.trim();
    let mut it = t.chars();
    if it.next() == Some('\'') && matches!(it.next(), Some('=' | '+' | '-' | '@' | '\'')) {
        t[1..].to_string()
    } else {
        t.to_string()
    }
}

fn read_rows(path: &Path) -> Vec<Row> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_path(path).expect("open sample csv");
    let headers: Vec<String> = rdr.headers().expect("header").iter().map(|h| h.trim().to_lowercase()).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
    let (c_date, c_brand, c_platform, c_format, c_fee, c_fx) =
        (col("date"), col("brand"), col("platform"), col("format"), col("fee"), col("fx_rate"));
    let counts: Vec<usize> =
        ["impressions", "views", "likes", "comments", "shares", "saves", "clicks"].iter().map(|n| col(n)).collect();
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.expect("csv record");
        let count = |c: usize| -> Option<i128> {
            let t = rec[c].trim();
            if t.is_empty() {
                None
            } else {
                Some(t.parse().unwrap_or_else(|_| panic!("count {t:?}")))
            }
        };
        let fee = parse_q(&rec[c_fee]);
        let fx = rec[c_fx].trim();
        let fee_base = if fx.is_empty() { fee } else { fee.mul(parse_q(fx)) };
        rows.push(Row {
            // a fresh database numbers the imported rows 1, 2, … in file order
            id: i as i64 + 1,
            date: rec[c_date].trim().to_string(),
            brand: unguard(&rec[c_brand]),
            platform: rec[c_platform].trim().to_lowercase(),
            format: rec[c_format].trim().to_lowercase(),
            fee,
            fee_base,
            impressions: count(counts[0]),
            views: count(counts[1]),
            likes: count(counts[2]),
            comments: count(counts[3]),
            shares: count(counts[4]),
            saves: count(counts[5]),
            clicks: count(counts[6]),
        });
    }
    rows
}

fn dim_value(row: &Row, dim: &str) -> String {
    let year = &row.date[0..4];
    let month: u32 = row.date[5..7].parse().expect("month");
    let quarter = month.div_ceil(3);
    match dim {
        "platform" => row.platform.clone(),
        "format" => row.format.clone(),
        "brand" => row.brand.clone(),
        "season" => format!("Q{quarter}"),
        "quarter" => format!("{year}-Q{quarter}"),
        "year" => year.to_string(),
        "month" => row.date[0..7].to_string(),
        other => panic!("dimension {other}"),
    }
}

// ----- the figures, recomputed --------------------------------------------------------

/// Linear interpolation between closest ranks at k/4 (k = 1, 2, 3), exactly.
fn quartile(sorted: &[Q], k: i128) -> Q {
    let pos = (sorted.len() as i128 - 1) * k; // h = pos / 4
    let lo = (pos / 4) as usize;
    let rem = pos % 4;
    if rem == 0 {
        return sorted[lo];
    }
    let step = sorted[lo + 1].sub(sorted[lo]);
    sorted[lo].add(step.mul(Q::new(rem, 4)))
}

fn money(q: Option<Q>) -> Value {
    q.map_or(Value::Null, |q| Value::String(q.fixed(2)))
}

fn rate(q: Option<Q>) -> Value {
    q.map_or(Value::Null, |q| Value::String(q.fixed(4)))
}

fn expected_stats(rows: &[&Row]) -> Value {
    let mut fee_all = Q::zero();
    for r in rows {
        fee_all = fee_all.add(r.fee_base);
    }
    let mut measured: Vec<&Row> = Vec::new();
    for r in rows {
        if r.fee.is_positive() && r.impressions.unwrap_or(0) > 0 {
            measured.push(r);
        }
    }
    let mut fee_m = Q::zero();
    let mut imps: i128 = 0;
    let mut cpms: Vec<Q> = Vec::new();
    for r in &measured {
        let i = r.impressions.unwrap_or(0);
        fee_m = fee_m.add(r.fee_base);
        imps += i;
        cpms.push(r.fee_base.mul(Q::int(1000)).div(Q::int(i)).expect("impressions > 0"));
    }
    cpms.sort_by(|a, b| a.cmp(b));

    let (mut c_n, mut c_fee, mut c_imps, mut c_clicks) = (0, Q::zero(), 0i128, 0i128);
    let (mut e_n, mut e_fee, mut e_imps, mut e_sum) = (0, Q::zero(), 0i128, 0i128);
    let (mut v_n, mut v_fee, mut v_views) = (0, Q::zero(), 0i128);
    for r in &measured {
        let i = r.impressions.unwrap_or(0);
        if let Some(c) = r.clicks {
            c_n += 1;
            c_fee = c_fee.add(r.fee_base);
            c_imps += i;
            c_clicks += c;
        }
        let parts = [r.likes, r.comments, r.shares, r.saves];
        if parts.iter().any(|p| p.is_some()) {
            e_n += 1;
            e_fee = e_fee.add(r.fee_base);
            e_imps += i;
            for p in parts.iter().flatten() {
                e_sum += *p;
            }
        }
        if let Some(v) = r.views {
            v_n += 1;
            v_fee = v_fee.add(r.fee_base);
            v_views += v;
        }
    }
    let none_if = |n: usize, q: Option<Q>| if n == 0 { None } else { q };
    let has = !cpms.is_empty();
    json!({
        "posts": rows.len(),
        "measured_posts": measured.len(),
        "fee": fee_all.fixed(2),
        "impressions": imps as u64,
        "cpm": money(none_if(measured.len(), fee_m.mul(Q::int(1000)).div(Q::int(imps)))),
        "cpm_median": money(has.then(|| quartile(&cpms, 2))),
        "cpm_p25": money(has.then(|| quartile(&cpms, 1))),
        "cpm_p75": money(has.then(|| quartile(&cpms, 3))),
        "cpm_min": money(cpms.first().copied()),
        "cpm_max": money(cpms.last().copied()),
        "ctr": rate(none_if(c_n, Q::int(c_clicks).div(Q::int(c_imps)))),
        "engagement_rate": rate(none_if(e_n, Q::int(e_sum).div(Q::int(e_imps)))),
        "cpe": money(none_if(e_n, e_fee.div(Q::int(e_sum)))),
        "cpc": money(none_if(c_n, c_fee.div(Q::int(c_clicks)))),
        "cpv": money(none_if(v_n, v_fee.div(Q::int(v_views)))),
        "thin": measured.len() < 3,
    })
}

// ----- the report's JSON, with the key's order kept ---------------------------------

/// A JSON object read as its (name, value) pairs in the order written.
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, Value>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(Deserialize)]
struct KeysOnly {
    groups: Vec<GroupKey>,
}

#[derive(Deserialize)]
struct GroupKey {
    key: Ordered,
}

// ----- running the binary -------------------------------------------------------------

fn mille(db: &Path) -> Command {
    let mut c = Command::cargo_bin("mille").expect("the mille binary");
    c.arg("--db").arg(db);
    c
}

struct Case<'a> {
    by: Option<&'a str>,
    filters: Vec<String>,
}

fn check_report(db: &Path, rows: &[Row], case: &Case<'_>) {
    let mut cmd = mille(db);
    cmd.arg("report").arg("--json");
    if let Some(by) = case.by {
        cmd.arg("--by").arg(by);
    }
    cmd.args(&case.filters);
    let out = cmd.assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).expect("utf-8 report");
    let what = format!("report --by {:?} {:?}", case.by, case.filters);
    let got: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {text}"));

    // the posts this report covers
    let get = |flag: &str| case.filters.iter().position(|f| f == flag).map(|i| case.filters[i + 1].clone());
    let (from, to, platform, format, brand) =
        (get("--from"), get("--to"), get("--platform"), get("--format"), get("--brand"));
    let selected: Vec<&Row> = rows
        .iter()
        .filter(|r| from.as_ref().is_none_or(|f| r.date.as_str() >= f.as_str()))
        .filter(|r| to.as_ref().is_none_or(|t| r.date.as_str() <= t.as_str()))
        .filter(|r| platform.as_ref().is_none_or(|p| &r.platform == p))
        .filter(|r| format.as_ref().is_none_or(|f| &r.format == f))
        .filter(|r| brand.as_ref().is_none_or(|b| r.brand.trim().to_lowercase() == b.trim().to_lowercase()))
        .collect();

    let dims: Vec<&str> = case.by.unwrap_or("platform,format,season").split(',').collect();
    assert_eq!(got["base_currency"], json!("USD"), "{what}");
    assert_eq!(got["by"], json!(dims), "{what}");

    // groups: a BTreeMap of the key's texts is sorted by code point, in `by` order
    let mut groups: BTreeMap<Vec<String>, Vec<&Row>> = BTreeMap::new();
    for r in &selected {
        let key: Vec<String> = dims.iter().map(|d| dim_value(r, d)).collect();
        groups.entry(key).or_default().push(*r);
    }
    let got_groups = got["groups"].as_array().unwrap_or_else(|| panic!("{what}: groups"));
    assert_eq!(got_groups.len(), groups.len(), "{what}: number of groups");
    let keys: KeysOnly = serde_json::from_str(&text).expect("groups with keys");
    for (i, ((key, members), g)) in groups.iter().zip(got_groups).enumerate() {
        let names: Vec<&str> = keys.groups[i].key.0.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, dims, "{what}: key names and order of group {i}");
        let values: Vec<Value> = keys.groups[i].key.0.iter().map(|(_, v)| v.clone()).collect();
        let want_values: Vec<Value> = key.iter().map(|v| json!(v)).collect();
        assert_eq!(values, want_values, "{what}: key of group {i}");
        let mut fields = g.as_object().expect("group object").clone();
        fields.remove("key");
        let want = expected_stats(members);
        assert_eq!(Value::Object(fields), want, "{what}: group {key:?}");
    }
    assert_eq!(got["total"], expected_stats(&selected), "{what}: total");

    let mut excluded = Vec::new();
    for r in &selected {
        if !r.fee.is_positive() {
            excluded.push(json!({"id": r.id, "reason": "gifted"}));
        } else if r.impressions.unwrap_or(0) == 0 {
            excluded.push(json!({"id": r.id, "reason": "impressions unknown"}));
        }
    }
    assert_eq!(got["excluded"], Value::Array(excluded), "{what}: excluded");
}

fn run_seed(seed: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv_path = dir.path().join("f.csv");
    let db = dir.path().join("d.db");
    Command::cargo_bin("mille")
        .expect("the mille binary")
        .args(["sample", "--rows", "160", "--seed", &seed.to_string(), "--out"])
        .arg(&csv_path)
        .assert()
        .success();
    let rows = read_rows(&csv_path);
    assert_eq!(rows.len(), 160);
    let out = mille(&db).arg("import").arg(&csv_path).arg("--json").assert().success().get_output().stdout.clone();
    let imported: Value = serde_json::from_slice(&out).expect("import --json");
    assert_eq!(imported["added"], json!(160), "{imported}");

    let mut cases: Vec<Case<'_>> = Vec::new();
    for by in ["platform", "format", "season", "brand", "quarter", "month", "year"] {
        cases.push(Case { by: Some(by), filters: vec![] });
    }
    for by in [
        "platform,format",
        "format,platform",
        "brand,year",
        "season,platform",
        "month,format",
        "quarter,brand",
        "year,season",
        "platform,format,season",
    ] {
        cases.push(Case { by: Some(by), filters: vec![] });
    }
    cases.push(Case { by: None, filters: vec![] });
    cases.push(Case {
        by: Some("format"),
        filters: ["--from", "2024-01-01", "--to", "2024-12-31", "--platform", "instagram"].map(String::from).to_vec(),
    });
    // the most frequent brand, written in capitals with spaces around it
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        *counts.entry(r.brand.as_str()).or_default() += 1;
    }
    let top = counts.iter().max_by_key(|(_, n)| **n).map(|(b, _)| b.to_uppercase()).expect("a brand");
    cases.push(Case { by: Some("quarter"), filters: vec!["--brand".into(), format!("  {top} ")] });
    cases.push(Case { by: Some("brand"), filters: vec!["--format".into(), "story".into()] });
    for case in &cases {
        check_report(&db, &rows, case);
    }
}

#[test]
fn report_matches_an_independent_computation() {
    for seed in [7, 2025] {
        run_seed(seed);
    }
}

/// The independent arithmetic itself, on numbers worked by hand.
#[test]
fn fraction_arithmetic_of_this_test() {
    // 2.345 → 2.35 and 2.335 → 2.34 (half away from zero)
    assert_eq!(parse_q("2.345").fixed(2), "2.35");
    assert_eq!(parse_q("2.335").fixed(2), "2.34");
    assert_eq!(parse_q("-2.345").fixed(2), "-2.35");
    assert_eq!(parse_q("12000").fixed(2), "12000.00");
    assert_eq!(Q::new(1, 3).fixed(4), "0.3333");
    assert_eq!(Q::new(2, 3).fixed(2), "0.67");
    // €384.96 × 1.1040 = $424.99584
    assert_eq!(parse_q("384.96").mul(parse_q("1.1040")).fixed(5), "424.99584");
    // quartiles of 1, 2, 3, 4: 1.75, 2.5, 3.25
    let v: Vec<Q> = (1..=4).map(Q::int).collect();
    assert_eq!([1, 2, 3].map(|k| quartile(&v, k).fixed(2)), ["1.75", "2.50", "3.25"]);
    assert_eq!(quartile(&[Q::int(7)], 1).fixed(0), "7");
    assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
    assert_eq!(unguard("'plain"), "'plain");
}
