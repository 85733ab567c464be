//! The columns of a campaign file ([`Column`]): their names as export writes them,
//! which are required, which hold counts, and how a header or a `--map` name is
//! normalised before it is compared.

use std::fmt;

/// A column of the campaign file, in the order export writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Date,
    Brand,
    Platform,
    Format,
    Fee,
    Currency,
    FxRate,
    Impressions,
    Reach,
    Views,
    Likes,
    Comments,
    Shares,
    Saves,
    Clicks,
    Campaign,
    Url,
    Notes,
    /// The deal's stage (real-files.md "Statuses"): decides whether a row is a post.
    Status,
    /// The day the brand paid.
    PaidOn,
    /// Whether the brand has paid (yes/no): a fee-named column holding yes/no.
    Paid,
}

/// How many columns there are, for arrays indexed by `Column as usize`.
pub(crate) const COLUMNS: usize = 21;

impl Column {
    /// Every column a post has, in the order export writes them.
    pub const ALL: [Column; 18] = [
        Column::Date,
        Column::Brand,
        Column::Platform,
        Column::Format,
        Column::Fee,
        Column::Currency,
        Column::FxRate,
        Column::Impressions,
        Column::Reach,
        Column::Views,
        Column::Likes,
        Column::Comments,
        Column::Shares,
        Column::Saves,
        Column::Clicks,
        Column::Campaign,
        Column::Url,
        Column::Notes,
    ];

    /// Every column import reads: a post's, then the deal columns of a tracker.
    pub const EVERY: [Column; COLUMNS] = {
        let mut every = [Column::Paid; COLUMNS];
        let mut i = 0;
        while i < Column::ALL.len() {
            every[i] = Column::ALL[i];
            i += 1;
        }
        every[18] = Column::Status;
        every[19] = Column::PaidOn;
        every
    };

    /// The column's name in the spec and in exported headers (`fx_rate`).
    pub fn name(self) -> &'static str {
        match self {
            Column::Date => "date",
            Column::Brand => "brand",
            Column::Platform => "platform",
            Column::Format => "format",
            Column::Fee => "fee",
            Column::Currency => "currency",
            Column::FxRate => "fx_rate",
            Column::Impressions => "impressions",
            Column::Reach => "reach",
            Column::Views => "views",
            Column::Likes => "likes",
            Column::Comments => "comments",
            Column::Shares => "shares",
            Column::Saves => "saves",
            Column::Clicks => "clicks",
            Column::Campaign => "campaign",
            Column::Url => "url",
            Column::Notes => "notes",
            Column::Status => "status",
            Column::PaidOn => "paid_on",
            Column::Paid => "paid",
        }
    }

    /// True for the columns every file must have (a value in each row, too).
    pub fn required(self) -> bool {
        matches!(self, Column::Date | Column::Brand | Column::Platform | Column::Format | Column::Fee)
    }

    /// True for the numeric columns of a post (impressions … clicks).
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Column::Impressions
                | Column::Reach
                | Column::Views
                | Column::Likes
                | Column::Comments
                | Column::Shares
                | Column::Saves
                | Column::Clicks
        )
    }

    /// The spec's column names, for messages.
    pub fn name_list() -> String {
        Column::EVERY.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A header as compared: lowercase, accents folded, without whitespace, `_ - . #`.
pub fn normalize(text: &str) -> String {
    let kept: String =
        text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '#' | '\u{feff}')).collect();
    crate::import::dates::fold(&kept)
}
