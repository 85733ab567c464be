//! Step 10, default packages for the rate card: Essential, Standard and Premium built
//! from the creator's three most used platform/formats of the last 12 months (1, 2 and
//! 3 of them), priced at target by the caller as one request each. The user edits them.

use super::maths::months_back;
use super::{AsPost, Deliverable, UsageRights};
use crate::model::{Format, Platform};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A good-better-best package: deliverables and the add-ons included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    pub name: String,
    pub deliverables: Vec<Deliverable>,
    pub usage_rights: Option<UsageRights>,
    pub exclusivity_days: Option<u32>,
    pub whitelisting_days: Option<u32>,
    pub rush: bool,
}

/// The default packages: "most used" counts the measured paid posts (the ones a price
/// can come from) dated in [as_of − 12 months, as_of), ties going to the more recently
/// used, then to platform/format order. Essential has the first, Standard the first
/// two, Premium the first three, one unit each. With fewer than three platform/formats
/// the units cycle over those there are (one format: 1, 2 and 3 units of it); with
/// none, no package.
pub fn default_packages<P: AsPost>(posts: &[P], as_of: NaiveDate) -> Vec<Package> {
    let from = months_back(as_of, 12);
    let mut usage: BTreeMap<(Platform, Format), (usize, NaiveDate)> = BTreeMap::new();
    for p in posts.iter().map(|p| p.post_data()) {
        if p.date >= from && p.date < as_of && p.is_measured() {
            let e = usage.entry((p.platform, p.format.clone())).or_insert((0, p.date));
            e.0 += 1;
            e.1 = e.1.max(p.date);
        }
    }
    let mut ranked: Vec<((Platform, Format), (usize, NaiveDate))> = usage.into_iter().collect();
    ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(b.1 .1.cmp(&a.1 .1)).then(a.0.cmp(&b.0)));
    let top: Vec<(Platform, Format)> = ranked.into_iter().take(3).map(|(k, _)| k).collect();
    if top.is_empty() {
        return Vec::new();
    }
    ["Essential", "Standard", "Premium"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut deliverables: Vec<Deliverable> = Vec::new();
            for unit in 0..=i {
                let (platform, format) = &top[unit % top.len()];
                match deliverables.iter_mut().find(|d| d.platform == *platform && d.format == *format) {
                    Some(d) => d.quantity += 1,
                    None => deliverables.push(Deliverable { platform: *platform, format: format.clone(), quantity: 1 }),
                }
            }
            Package {
                name: (*name).to_string(),
                deliverables,
                usage_rights: None,
                exclusivity_days: None,
                whitelisting_days: None,
                rush: false,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::tests::{d, post};

    fn slugs(p: &Package) -> Vec<String> {
        p.deliverables.iter().map(|d| format!("{}×{}", d.quantity, d.slug())).collect()
    }

    #[test]
    fn packages_take_the_three_most_used_formats_of_the_last_year() {
        let mut posts = Vec::new();
        // 3 reels, 2 tiktoks, 2 stories (stories used more recently), 1 youtube short,
        // and 5 old newsletters outside the 12 months before 2026-11-22.
        for day in ["2026-01-10", "2026-02-10", "2026-03-10"] {
            posts.push(post(day, "instagram", "reel", "500", Some(40000)));
        }
        for day in ["2026-04-10", "2026-05-10"] {
            posts.push(post(day, "tiktok", "video", "300", Some(60000)));
        }
        for day in ["2026-04-10", "2026-06-10"] {
            posts.push(post(day, "instagram", "story", "100", Some(9000)));
        }
        posts.push(post("2026-07-10", "youtube", "short", "200", Some(80000)));
        for day in ["2025-01-10", "2025-02-10", "2025-03-10", "2025-04-10", "2025-05-10"] {
            posts.push(post(day, "newsletter", "sponsorship", "400", Some(9000)));
        }
        // A gifted post does not count as a use a price can come from.
        posts.push(post("2026-08-10", "youtube", "short", "0", Some(80000)));
        let packs = default_packages(&posts, d("2026-11-22"));
        let names: Vec<&str> = packs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Essential", "Standard", "Premium"]);
        assert_eq!(slugs(&packs[0]), ["1×instagram/reel"]);
        assert_eq!(slugs(&packs[1]), ["1×instagram/reel", "1×instagram/story"]);
        assert_eq!(slugs(&packs[2]), ["1×instagram/reel", "1×instagram/story", "1×tiktok/video"]);
    }

    #[test]
    fn one_format_gives_1_2_and_3_units_of_it() {
        let posts = vec![post("2026-03-10", "instagram", "reel", "500", Some(40000))];
        let packs = default_packages(&posts, d("2026-11-22"));
        let all: Vec<Vec<String>> = packs.iter().map(slugs).collect();
        assert_eq!(all, [vec!["1×instagram/reel"], vec!["2×instagram/reel"], vec!["3×instagram/reel"]]);
        assert!(default_packages(&posts, d("2026-03-10")).is_empty());
    }
}
