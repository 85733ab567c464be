//! `mille ratecard` through the real binary: the PDF's text (poppler's `pdftotext`)
//! carries exactly `mille propose`'s targets, nothing private, and hostile or
//! non-Latin names verbatim.

mod common;
use common::{s, Env};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

const DATE: &str = "2026-11-01";

/// The PDF's text, whitespace runs folded to one space.
fn pdf_text(pdf: &std::path::Path) -> String {
    let out =
        Command::new("pdftotext").args(["-enc", "UTF-8", s(pdf), "-"]).output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8 text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The PDF's lines as laid out on the page (`pdftotext -layout`), each with its
/// whitespace runs folded to one space: a rates-table row reads "Instagram reel $1,600".
fn pdf_rows(pdf: &std::path::Path) -> Vec<String> {
    let out = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8", s(pdf), "-"]).output().expect("pdftotext");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .expect("utf-8 text")
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn pdf_pages(pdf: &std::path::Path) -> (usize, String) {
    let out = Command::new("pdfinfo").arg(s(pdf)).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().parse().unwrap()).unwrap();
    let size = info.lines().find_map(|l| l.strip_prefix("Page size:")).unwrap().trim().to_string();
    (pages, size)
}

/// A realistic history (sample data) and a profile.
fn sample_env() -> Env {
    let env = Env::new();
    let csv = env.path("sample.csv");
    env.ok(&["sample", "--rows", "600", "--seed", "11", "--out", s(&csv)]);
    env.ok(&["import", s(&csv)]);
    env.ok(&[
        "profile",
        "set",
        "--name",
        "Maya Lindqvist",
        "--handle",
        "instagram=@maya.makes:182000",
        "--handle",
        "tiktok=@mayamakes:240000",
        "--handle",
        "youtube=@MayaMakes:56000",
        "--payment-terms",
        "50 % on signature, 50 % within 30 days of posting",
    ]);
    env
}

fn money_text(v: &str, currency_symbol: &str) -> String {
    // The card's format for whole dollar amounts: $1,700 (cents only when not whole).
    let (int, frac) = v.split_once('.').unwrap_or((v, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if frac.chars().all(|c| c == '0') {
        format!("{currency_symbol}{grouped}")
    } else {
        format!("{currency_symbol}{grouped}.{frac}")
    }
}

fn propose(env: &Env, deliverables: &[String], extra: &[&str]) -> Value {
    let mut args: Vec<&str> = vec!["propose"];
    for d in deliverables {
        args.push("--deliverable");
        args.push(d);
    }
    args.extend(["--date", DATE, "--as-of", DATE]);
    args.extend(extra);
    env.json(&args)
}

#[test]
fn every_price_on_the_card_is_the_propose_target_and_nothing_private_is() {
    let env = sample_env();
    let pdf = env.path("card.pdf");
    let card = env.json(&["ratecard", "--out", s(&pdf), "--date", DATE, "--as-of", DATE, "--performance"]);
    let text = pdf_text(&pdf);
    let rows = pdf_rows(&pdf);
    assert!(text.contains("Maya Lindqvist"), "{text}");
    assert!(text.contains("@maya.makes") && text.contains("182k") && text.contains("240k"), "{text}");
    assert!(text.contains("50 % on signature, 50 % within 30 days of posting"), "{text}");
    assert!(text.contains("valid until 1 December 2026"), "{text}");

    // Every price the brand sees, and every private figure behind them.
    let mut shown = BTreeSet::new();
    let mut private = BTreeSet::new();
    let rates = card["rates"].as_array().unwrap();
    assert!(rates.len() >= 8, "the sample sells most formats: {rates:?}");
    for r in rates {
        let slug = format!("{}/{}", r["platform"].as_str().unwrap(), r["format"].as_str().unwrap());
        let p = propose(&env, std::slice::from_ref(&slug), &[]);
        assert_eq!(r["price"], p["total"]["target"], "{slug}");
        let t = money_text(p["total"]["target"].as_str().unwrap(), "$");
        assert_eq!(r["price_text"], t.as_str());
        let row = format!("{} {t}", r["label"].as_str().unwrap());
        assert!(rows.iter().any(|l| l.starts_with(&row)), "{slug}: no row {row:?} on the card: {rows:#?}");
        shown.insert(t);
        private.insert(money_text(p["total"]["floor"].as_str().unwrap(), "$"));
        private.insert(money_text(p["total"]["anchor"].as_str().unwrap(), "$"));
    }
    let packages = card["packages"].as_array().unwrap();
    assert_eq!(packages.len(), 3);
    for pk in packages {
        let lines: Vec<String> = env
            .json(&["ratecard", "packages", "--as-of", DATE])
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == pk["name"])
            .unwrap()["deliverables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}/{}:{}", d["platform"].as_str().unwrap(), d["format"].as_str().unwrap(), d["quantity"]))
            .collect();
        let p = propose(&env, &lines, &[]);
        assert_eq!(pk["price"], p["total"]["target"], "{}", pk["name"]);
        let t = money_text(p["total"]["target"].as_str().unwrap(), "$");
        assert!(text.contains(&t), "package {} price {t} not on the card", pk["name"]);
        assert!(text.to_uppercase().contains(&pk["name"].as_str().unwrap().to_uppercase()));
        shown.insert(t);
        private.insert(money_text(p["total"]["floor"].as_str().unwrap(), "$"));
        private.insert(money_text(p["total"]["anchor"].as_str().unwrap(), "$"));
        if pk["name"] == "Standard" {
            assert_eq!(pk["recommended"], true);
            assert!(text.contains("RECOMMENDED"));
            let perf = &card["performance"];
            assert_eq!(perf["base"], p["performance"]["base"]);
            assert_eq!(perf["bonus_cpm"], p["performance"]["bonus_cpm"]);
            assert!(text.contains(&money_text(perf["base"].as_str().unwrap(), "$")), "{text}");
            private.insert(money_text(p["performance"]["cap"].as_str().unwrap(), "$"));
        }
    }
    shown.insert(money_text(card["performance"]["base"].as_str().unwrap(), "$"));
    // A private figure may coincide with a shown price; every other one must be absent.
    // Compare whole amounts: "$1,250" must not match inside "$1,2500".
    let amounts: BTreeSet<String> = text
        .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.' || c == '$'))
        .filter(|w| w.starts_with('$'))
        .map(|w| w.trim_end_matches(['.', ',']).to_string())
        .collect();
    for p in private.difference(&shown) {
        assert!(!amounts.contains(p), "private figure {p} is on the card: {text}");
    }
    for word in ["floor", "anchor", "walk-away", "cap", "Floor", "Anchor"] {
        assert!(
            !text.split(' ').any(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-') == word),
            "{word} on the card"
        );
    }
    // No brand, campaign, note or post URL.
    let posts = env.json(&["posts", "list"]);
    let mut secrets = BTreeSet::new();
    for post in posts.as_array().unwrap() {
        for key in ["brand", "campaign", "notes", "url"] {
            let v = post[key].as_str().unwrap_or("").trim();
            if v.chars().count() >= 4 {
                secrets.insert(v.to_string());
            }
        }
    }
    assert!(!secrets.is_empty());
    for secret in &secrets {
        assert!(!text.contains(secret.as_str()), "{secret:?} is on the card");
    }
    assert!(!text.contains("http"), "a URL is on the card");
}

#[test]
fn hostile_and_non_latin_text_prints_verbatim() {
    let env = sample_env();
    let name = "#set page(width: 1pt) ] $x$ <b>bold</b>";
    env.ok(&[
        "profile",
        "set",
        "--name",
        name,
        "--handle",
        "instagram=@مايا_العربية:1200",
        "--handle",
        "tiktok=@Майя Петрова:98000",
        "--handle",
        "youtube=@玛雅的频道:3400000",
        "--handle",
        "x==HYPERLINK(\"http://x\",\"y\")",
        "--payment-terms",
        "\u{200F}שלום\u{200E} net 30 🎉 ]#[",
    ]);
    let pdf = env.path("card.pdf");
    env.ok(&["ratecard", "--out", s(&pdf), "--date", DATE, "--as-of", DATE]);
    let text = pdf_text(&pdf);
    for needle in [
        "#set page(width: 1pt) ] $x$ <b>bold</b>",
        "=HYPERLINK(\"http://x\",\"y\")",
        "@Майя Петрова",
        "@玛雅的频道",
        "3.4M",
        "net 30",
        "]#[",
    ] {
        assert!(text.contains(needle), "{needle:?} not verbatim in: {text}");
    }
    // Arabic is shaped right to left; compare its letters, whatever order poppler gives.
    let arabic: String = "مايا العربية".chars().filter(|c| !c.is_whitespace()).collect();
    let found: BTreeSet<char> = text.chars().filter(|c| ('\u{0600}'..='\u{06FF}').contains(c)).collect();
    for c in arabic.chars().filter(|c| *c != '_') {
        assert!(found.contains(&c), "Arabic letter {c} missing: {text}");
    }
    // The page was not shrunk by the name (it is data, not a `#set page`).
    let (pages, size) = pdf_pages(&pdf);
    assert_eq!(pages, 1);
    assert!(size.starts_with("595.") && size.contains("x 841."), "A4 expected, got {size}");
    // Non-Latin glyphs come from the bundled fonts, embedded (not tofu).
    let fonts = Command::new("pdffonts").arg(s(&pdf)).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    for f in ["Inter", "NotoSansArabic", "DroidSansFallback"] {
        assert!(fonts.contains(f), "{f} not embedded: {fonts}");
    }
}

#[test]
fn same_data_same_pdf_and_options() {
    let env = sample_env();
    let a = env.path("a.pdf");
    let b = env.path("b.pdf");
    env.ok(&["ratecard", "--out", s(&a), "--date", DATE, "--as-of", DATE]);
    env.ok(&["ratecard", "--out", s(&b), "--date", DATE, "--as-of", DATE]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());

    // US Letter, and the "How I price" page on a second page.
    env.ok(&["settings", "set", "card_paper", "letter"]);
    env.ok(&["settings", "set", "card_valid_days", "14"]);
    let c = env.path("c.pdf");
    let card = env.json(&["ratecard", "--out", s(&c), "--date", DATE, "--as-of", DATE, "--how-i-price"]);
    let (pages, size) = pdf_pages(&c);
    assert_eq!(pages, 2);
    assert!(size.starts_with("612 x 792"), "{size}");
    assert_eq!(card["valid_until"], "2026-11-15");
    let text = pdf_text(&c);
    assert!(text.contains("How I price"));
    for row in card["how_i_price"]["rows"].as_array().unwrap() {
        assert!(row["posts"].as_u64().unwrap() >= 3);
        assert!(text.contains(row["cpm_text"].as_str().unwrap()), "{row}");
    }
    assert!(!text.contains("http"));
}

#[test]
fn custom_packages_are_saved_priced_and_reset() {
    let env = sample_env();
    let file = env.write(
        "packages.json",
        r#"[{"name": "Launch", "deliverables": [{"platform": "instagram", "format": "reel", "quantity": 2},
              {"platform": "instagram", "format": "story", "quantity": 3}],
             "usage_rights": {"Days": 30}, "exclusivity_days": null, "whitelisting_days": null, "rush": false,
             "recommended": true}]"#,
    );
    let saved = env.json(&["ratecard", "packages", "--set", s(&file)]);
    assert_eq!(saved.as_array().unwrap().len(), 1);
    let pdf = env.path("card.pdf");
    let card = env.json(&["ratecard", "--out", s(&pdf), "--date", DATE, "--as-of", DATE]);
    let p = propose(&env, &["instagram/reel:2".into(), "instagram/story:3".into()], &["--usage-rights", "30"]);
    assert_eq!(card["packages"][0]["price"], p["total"]["target"]);
    let text = pdf_text(&pdf);
    assert!(
        text.contains("LAUNCH") && text.contains("2 × Instagram reel") && text.contains("Usage rights, 30 days"),
        "{text}"
    );
    assert!(text.contains(&money_text(p["total"]["target"].as_str().unwrap(), "$")));

    let bad = env.write("bad.json", r#"[{"name": "", "deliverables": []}]"#);
    let (_, err) = env.fails(&["ratecard", "packages", "--set", s(&bad)], 1);
    assert!(err.contains("not a list of packages") || err.contains("no name"), "{err}");
    let reset = env.json(&["ratecard", "packages", "--reset"]);
    let names: Vec<&str> = reset.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Essential", "Standard", "Premium"]);
}

#[test]
fn logo_refusals_and_missing_data() {
    let env = Env::new();
    // No posts: a clear sentence, no file.
    let pdf = env.path("card.pdf");
    let (_, err) = env.fails(&["ratecard", "--out", s(&pdf), "--as-of", DATE], 1);
    assert!(err.contains("no measured paid post"), "{err}");
    assert!(!pdf.exists());
    let (_, err) = env.fails(&["ratecard"], 1);
    assert!(err.contains("--out"), "{err}");

    let env = sample_env();
    // A PNG logo (tests/fixtures/logo.png) becomes an image on the card.
    let logo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/logo.png");
    env.ok(&["profile", "set", "--logo", s(&logo)]);
    env.ok(&["ratecard", "--out", s(&pdf), "--date", DATE, "--as-of", DATE]);
    let images = Command::new("pdfimages").args(["-list", s(&pdf)]).output().unwrap();
    let images = String::from_utf8_lossy(&images.stdout);
    assert!(images.lines().count() > 2, "no image in the PDF: {images}");

    let (_, err) = env.fails(&["ratecard", "--date", "2026-13-01", "--json"], 1);
    assert!(err.contains("--date"), "{err}");
}

#[test]
fn proposal_pdf_shows_the_chosen_price_point_never_the_floor() {
    let env = sample_env();
    let pdf = env.path("quote.pdf");
    let brand = "Acme ] #pagebreak() Ω";
    let lines = ["instagram/reel:2".to_string(), "tiktok/video".to_string()];
    let p = propose(&env, &lines, &["--brand", brand, "--usage-rights", "30", "--pdf", s(&pdf), "--performance"]);
    let text = pdf_text(&pdf);
    assert!(text.contains(brand), "{text}");
    let total = money_text(p["total"]["target"].as_str().unwrap(), "$");
    assert!(text.contains(&total), "{total} not in {text}");
    assert!(text.contains("2 × Instagram reel") || text.contains("Instagram reel 2"), "{text}");
    assert!(text.contains("Usage rights, 30 days +20 %"), "{text}");
    assert!(text.contains(&money_text(p["performance"]["base"].as_str().unwrap(), "$")));
    for key in ["floor", "anchor"] {
        let t = money_text(p["total"][key].as_str().unwrap(), "$");
        let on_lines =
            p["lines"].as_array().unwrap().iter().any(|l| money_text(l["price"]["target"].as_str().unwrap(), "$") == t);
        if !on_lines {
            assert!(!text.contains(&format!("{t} ")) && !text.ends_with(&t), "{key} {t} on the quote: {text}");
        }
    }
    let (pages, _) = pdf_pages(&pdf);
    assert_eq!(pages, 1);

    let anchor_pdf = env.path("anchor.pdf");
    let p = propose(&env, &lines, &["--brand", brand, "--pdf", s(&anchor_pdf), "--price-point", "anchor"]);
    let text = pdf_text(&anchor_pdf);
    assert!(text.contains(&money_text(p["total"]["anchor"].as_str().unwrap(), "$")), "{text}");
    let (_, err) = env.fails(
        &[
            "propose",
            "--deliverable",
            "instagram/reel",
            "--date",
            DATE,
            "--pdf",
            s(&anchor_pdf),
            "--price-point",
            "floor",
        ],
        1,
    );
    assert!(err.contains("never quoted"), "{err}");
}
