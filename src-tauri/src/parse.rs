//! What the user typed, read by the core's input reader (`mille::input`, the same rules
//! and bounds as the CLI's flags and a campaign file's cells): each reader returns core
//! values or an error that names its field (`field.<name>`), phrased for the window,
//! never naming a CLI flag.

pub mod deals;

use crate::dto::{
    PackageEdit, PostInput, PostsPageQuery, ProfileView, ProposeInput, RatecardInput, ReportQuery, TrashPageQuery,
};
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use mille::fx::Rates;
use mille::import::values as v;
use mille::input::{
    self, BusinessForm, DeliverableForm, Field, FieldName, HandleForm, InputError, PostForm, ProfileForm, RequestForm,
};
use mille::metrics::{self, Dimension, Filter, GroupQuery, GroupSort};
use mille::model::{Format, PostData, Profile};
use mille::pricing::{Deliverable, Package, Request, UsageRights};
use mille::ratecard::{CardOptions, PackageSpec, PricePoint};
use mille::store::{PostQuery, PostSort};

/// A value error of the core as a sentence about the field `field`.
pub fn bad(field: &str, label: &str, text: &str, e: v::ValueError) -> AppError {
    let shown = if text.trim().is_empty() { String::new() } else { format!(" {:?}", text.trim()) };
    AppError::field(field, format!("{label}{shown}: {}", e.message()))
}

/// An input error of the core for the form field it names: a line of a request is
/// `line{i}`, a handle of the profile `handle{i}`, anything else its own key.
pub(crate) fn said(e: InputError, repeated: &str) -> AppError {
    let field = match e.field.line {
        Some(i) => format!("{repeated}{i}"),
        None => e.field.name.key().to_string(),
    };
    AppError::field(&field, e.to_string())
}

/// Reads the Log / Edit form into a post (`base`: the base currency). A fee in another
/// currency without its rate takes the ECB reference rate of the post's date.
pub fn post(input: &PostInput, base: &str, rates: &Rates) -> AppResult<PostData> {
    let some = |t: &String| Some(t.clone());
    let form = PostForm {
        date: some(&input.date),
        brand: some(&input.brand),
        platform: some(&input.platform),
        format: some(&input.format),
        fee: some(&input.fee),
        currency: some(&input.currency),
        fx_rate: some(&input.fx_rate),
        counts: [
            some(&input.impressions),
            some(&input.reach),
            some(&input.views),
            some(&input.likes),
            some(&input.comments),
            some(&input.shares),
            some(&input.saves),
            some(&input.clicks),
        ],
        campaign: some(&input.campaign),
        url: some(&input.url),
        notes: some(&input.notes),
    };
    input::post(&form, None, base, rates).map_err(|e| said(e, "line"))
}

/// A typed number of days: empty is none (`field`, `label` name it in an error).
pub fn days(text: &str, field: &str, label: &str) -> AppResult<Option<u32>> {
    input::days(Field::of(FieldName::Exclusivity), text).map_err(|e| relabel(e, field, label))
}

/// A typed quantity of a deliverable line (`line` names it): empty is 1.
pub fn quantity(text: &str, field: &str, line: &str) -> AppResult<u32> {
    input::quantity(Field::of(FieldName::Quantity), text).map_err(|e| relabel(e, field, &format!("{line}: quantity")))
}

/// Typed usage rights: empty, a number of days, or `perpetual`.
pub fn usage_rights(text: &str, field: &str, label: &str) -> AppResult<Option<UsageRights>> {
    input::usage_rights(Field::of(FieldName::UsageRights), text).map_err(|e| relabel(e, field, label))
}

/// An input error said about a field the core's form does not know (a package line).
fn relabel(e: InputError, field: &str, label: &str) -> AppError {
    let shown = if e.value.is_empty() { String::new() } else { format!(" {:?}", e.value) };
    AppError::field(field, format!("{label}{shown}: {}", e.problem))
}

/// Reads the Propose form into a pricing request as of `as_of`.
pub fn request(input: &ProposeInput, base: &str, as_of: NaiveDate) -> AppResult<Request> {
    let form = RequestForm {
        deliverables: input
            .deliverables
            .iter()
            .map(|d| DeliverableForm {
                platform: d.platform.clone(),
                format: d.format.clone(),
                quantity: d.quantity.clone(),
                impressions: d.impressions.clone(),
            })
            .collect(),
        date: input.date.clone(),
        brand: input.brand.clone(),
        usage_rights: input.usage_rights.clone(),
        exclusivity: input.exclusivity.clone(),
        whitelisting: input.whitelisting.clone(),
        rush: input.rush,
        offer: input.offer.clone(),
    };
    input::request(&form, base, as_of).map_err(|e| said(e, "line"))
}

/// "Add to rate card": the request's lines and add-ons as a package named `name`.
pub fn package_of_request(req: Request, name: &str) -> AppResult<PackageSpec> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::field("package_name", "give the package a name, e.g. \"Launch bundle\""));
    }
    Ok(PackageSpec {
        package: Package {
            name: name.to_string(),
            deliverables: req.deliverables,
            usage_rights: req.usage_rights,
            exclusivity_days: req.exclusivity_days,
            whitelisting_days: req.whitelisting_days,
            rush: req.rush,
        },
        recommended: false,
    })
}

/// Reads the Insights screen's query: the dimensions (each once) and the filters.
pub fn report_query(query: &ReportQuery) -> AppResult<(Vec<Dimension>, Filter)> {
    let mut by = Vec::new();
    for name in &query.by {
        let dim: Dimension = name.parse().map_err(|e: metrics::DimensionError| AppError::field("by", e.to_string()))?;
        if !by.contains(&dim) {
            by.push(dim);
        }
    }
    let opt_date = |text: &str, field: &str| -> AppResult<Option<NaiveDate>> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        input::date(Field::of(FieldName::Date), text).map(Some).map_err(|e| relabel(e, field, field))
    };
    let filter = Filter {
        from: opt_date(&query.from, "from")?,
        to: opt_date(&query.to, "to")?,
        platform: if query.platform.trim().is_empty() {
            None
        } else {
            Some(v::parse_platform(&query.platform).map_err(|e| bad("platform", "platform", &query.platform, e))?)
        },
        format: if query.format.trim().is_empty() { None } else { Format::parse(&query.format) },
        brand: Some(query.brand.trim().to_string()).filter(|b| !b.is_empty()),
    };
    Ok((by, filter))
}

/// Reads the Posts screen's page query: the filters as [`report_query`] reads them, the
/// sort column by its name, and a page of 1 to 500 rows.
pub fn posts_page_query(q: &PostsPageQuery) -> AppResult<PostQuery> {
    let (_, filter) = report_query(&ReportQuery {
        by: Vec::new(),
        from: q.from.clone(),
        to: q.to.clone(),
        platform: q.platform.clone(),
        format: q.format.clone(),
        brand: q.brand.clone(),
        ..ReportQuery::default()
    })?;
    let sort = match q.sort.trim() {
        "" | "date" => PostSort::Date,
        "brand" => PostSort::Brand,
        "platform" => PostSort::Platform,
        "format" => PostSort::Format,
        "fee" => PostSort::Fee,
        "impressions" => PostSort::Impressions,
        "cpm" => PostSort::Cpm,
        other => return Err(AppError::field("sort", format!("posts cannot be sorted by {other}"))),
    };
    let (offset, limit) = page_of(q.offset, q.limit);
    Ok(PostQuery { filter, sort, descending: q.descending, offset, limit })
}

/// Reads the Insights table's order and page: the column by its name (`key`, a
/// dimension, or a figure named as in the report's JSON) and 1 to 500 groups.
pub fn group_query(q: &ReportQuery) -> AppResult<GroupQuery> {
    let sort = match q.sort.trim() {
        "" | "key" => GroupSort::Key,
        "posts" => GroupSort::Posts,
        "measured_posts" => GroupSort::Measured,
        "fee" => GroupSort::Fee,
        "impressions" => GroupSort::Impressions,
        "cpm" => GroupSort::Cpm,
        "cpm_median" => GroupSort::CpmMedian,
        "ctr" => GroupSort::Ctr,
        "engagement_rate" => GroupSort::EngagementRate,
        other => match other.parse::<Dimension>() {
            Ok(d) => GroupSort::Dimension(d),
            Err(_) => return Err(AppError::field("sort", format!("groups cannot be sorted by {other}"))),
        },
    };
    let (offset, limit) = page_of(q.offset, q.limit);
    Ok(GroupQuery { sort, descending: q.descending, offset, limit })
}

/// Reads the Trash view's page: an offset and 1 to 500 posts.
pub fn trash_page_query(q: &TrashPageQuery) -> (usize, usize) {
    page_of(q.offset, q.limit)
}

/// A page as the window asks for one (Posts, the Trash, the Insights groups): its
/// offset, and 1 to 500 rows.
fn page_of(offset: u64, limit: u64) -> (usize, usize) {
    (usize::try_from(offset).unwrap_or(usize::MAX), limit.clamp(1, 500) as usize)
}

/// Reads the profile form; the logo and the business block are kept as they are in
/// `current` (the stored profile).
pub fn profile(view: &ProfileView, current: Profile) -> AppResult<Profile> {
    let form = ProfileForm {
        name: view.name.clone(),
        handles: view
            .handles
            .iter()
            .map(|h| HandleForm {
                platform: h.platform.clone(),
                handle: h.handle.clone(),
                audience: h.audience.clone(),
            })
            .collect(),
        base_currency: view.base_currency.clone(),
        payment_terms: view.payment_terms.clone(),
        accent: view.accent.clone(),
        business: Some(BusinessForm {
            legal_name: view.business.legal_name.clone(),
            address: view.business.address.clone(),
            tax_id: view.business.tax_id.clone(),
            email: view.business.email.clone(),
            payment_details: view.business.payment_details.clone(),
            tax_note: view.business.tax_note.clone(),
        }),
    };
    input::profile(&form, &current).map_err(|e| said(e, "handle"))
}

/// Reads the Rate card screen's options (the date empty means today).
pub fn card_options(input: &RatecardInput, today: NaiveDate) -> AppResult<CardOptions> {
    let t = input.date.trim();
    let date = if t.is_empty() {
        None
    } else {
        // The core's reader and bounds (a date in 1900–2200), not a format of our own.
        Some(input::date(Field::of(FieldName::Date), t).map_err(|e| said(e, "line"))?)
    };
    Ok(CardOptions { date, as_of: today, how_i_price: input.how_i_price, performance: input.performance })
}

/// The price point a proposal PDF quotes: target or anchor.
pub fn price_point(text: &str) -> AppResult<PricePoint> {
    PricePoint::parse(text).map_err(|_| {
        AppError::field(
            "price_point",
            format!("price point {:?}: a quote is at target or anchor (the floor is never quoted)", text.trim()),
        )
    })
}

/// Reads the packages editor's package `i`; the field of an error is `package{i}` so
/// the UI can show it beside that package.
pub fn package(i: usize, e: &PackageEdit) -> AppResult<PackageSpec> {
    let field = format!("package{i}");
    let name = e.name.trim();
    let what = if name.is_empty() { format!("package {}", i + 1) } else { format!("package \"{name}\"") };
    let mut deliverables = Vec::new();
    for (j, l) in e.lines.iter().enumerate() {
        let line = format!("{what}, line {}", j + 1);
        let platform = input::platform(Field::of(FieldName::Platform), &l.platform)
            .map_err(|e| relabel(e, &field, &format!("{line}: platform")))?;
        let format = input::format(Field::of(FieldName::Format), &l.format)
            .map_err(|e| relabel(e, &field, &format!("{line}: format")))?;
        let quantity = quantity(&l.quantity, &field, &line)?;
        deliverables.push(Deliverable { platform, format, quantity });
    }
    Ok(PackageSpec {
        package: Package {
            name: name.to_string(),
            deliverables,
            usage_rights: usage_rights(&e.usage_rights, &field, &format!("{what}: usage rights"))?,
            exclusivity_days: days(&e.exclusivity, &field, &format!("{what}: exclusivity"))?,
            whitelisting_days: days(&e.whitelisting, &field, &format!("{what}: whitelisting"))?,
            rush: e.rush,
        },
        recommended: e.recommended,
    })
}

/// Every package of the editor, checked before any is saved.
pub fn packages(edits: &[PackageEdit]) -> AppResult<Vec<PackageSpec>> {
    edits.iter().enumerate().map(|(i, e)| package(i, e)).collect()
}
