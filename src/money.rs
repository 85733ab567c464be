//! Money as exact decimals: the ISO 4217 currency table (codes, symbols), rounding
//! (always half away from zero, never banker's), and formatting for people
//! (`$1,250.00`) and for JSON (`"1250.00"`). Reading money *from text* is the import
//! module's job, since it depends on the file's conventions.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half away from zero to `dp` decimal places (`2.345` → `2.35`, `-2.345` → `-2.35`).
pub fn round(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// `value` rounded half away from zero and written with exactly `dp` decimals
/// (`fixed(12000, 2)` is `"12000.00"`). This is how JSON shows money, CPMs and rates.
pub fn fixed(value: Decimal, dp: u32) -> String {
    let mut r = round(value, dp);
    r.rescale(dp);
    let s = r.to_string();
    // -0.00 reads oddly; a rounded zero has no sign.
    if r.is_zero() && s.starts_with('-') {
        s[1..].to_string()
    } else {
        s
    }
}

/// `value` rounded half away from zero to at most `dp` places, trailing zeros dropped
/// (`"20"`, `"2.33"`): how percentages are shown.
pub fn trimmed(value: Decimal, dp: u32) -> String {
    let r = round(value, dp).normalize();
    let s = r.to_string();
    if r.is_zero() {
        "0".to_string()
    } else {
        s
    }
}

/// Money rounded to cents, as a JSON string (`"1250.00"`).
pub fn json_money(value: Decimal) -> String {
    fixed(value, 2)
}

/// Groups the integer digits of a plain decimal string with commas (`1234567.5` →
/// `1,234,567.5`).
pub fn group_thousands(plain: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(plain.len() + plain.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// Money for people: the currency's symbol, thousands grouped, `dp` decimals
/// (`$1,250.00` with 2, `$1,250` with 0). A currency without a symbol of its own is
/// written after the number (`1,250.00 CHF`).
///
/// ```
/// use rust_decimal_macros::dec;
/// assert_eq!(mille::money::display(dec!(1250), "USD", 2), "$1,250.00");
/// assert_eq!(mille::money::display(dec!(1250.5), "EUR", 0), "€1,251");
/// assert_eq!(mille::money::display(dec!(99), "CHF", 2), "99.00 CHF");
/// ```
pub fn display(value: Decimal, currency: &str, dp: u32) -> String {
    let text = fixed(value, dp);
    let grouped = group_thousands(&text);
    match symbol(currency) {
        Some(sym) => match grouped.strip_prefix('-') {
            Some(abs) => format!("-{sym}{abs}"),
            None => format!("{sym}{grouped}"),
        },
        None => format!("{grouped} {currency}"),
    }
}

/// The symbol a currency is written with, when it has an unambiguous one.
pub fn symbol(code: &str) -> Option<&'static str> {
    Some(match code {
        "USD" => "$",
        "CAD" => "CA$",
        "AUD" => "A$",
        "NZD" => "NZ$",
        "SGD" => "S$",
        "HKD" => "HK$",
        "MXN" => "MX$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "CNY" => "CN¥",
        "INR" => "₹",
        "KRW" => "₩",
        "BRL" => "R$",
        _ => return None,
    })
}

/// Currencies written with a plain `$`.
pub const DOLLAR_CURRENCIES: &[&str] = &[
    "USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN", "ARS", "CLP", "COP", "BSD", "BBD", "BZD", "BMD", "BND",
    "KYD", "FJD", "GYD", "JMD", "LRD", "NAD", "SBD", "SRD", "TTD", "XCD", "ZWL", "UYU", "CUP", "DOP", "TVD",
];

/// Which currencies a symbol found in a money value agrees with (`$` → every dollar,
/// `€` → EUR, `£` → GBP, `¥` → JPY or CNY). `None` for text that is not a known symbol.
pub fn symbol_currencies(sym: &str) -> Option<&'static [&'static str]> {
    Some(match sym {
        "$" | "US$" => {
            if sym == "US$" {
                &["USD"]
            } else {
                DOLLAR_CURRENCIES
            }
        }
        "€" => &["EUR"],
        "£" => &["GBP"],
        "¥" | "￥" => &["JPY", "CNY"],
        "CA$" | "C$" => &["CAD"],
        "A$" | "AU$" => &["AUD"],
        "NZ$" => &["NZD"],
        "S$" => &["SGD"],
        "HK$" => &["HKD"],
        "R$" => &["BRL"],
        "₹" => &["INR"],
        "₩" => &["KRW"],
        _ => return None,
    })
}

/// True for an active ISO 4217 code (upper case, as stored).
pub fn is_iso_currency(code: &str) -> bool {
    ISO_4217.binary_search(&code).is_ok()
}

/// Active ISO 4217 alphabetic codes, sorted (for binary search).
pub const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
    "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn iso_table_is_sorted() {
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]));
        assert!(is_iso_currency("EUR"));
        assert!(!is_iso_currency("EUD"));
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        for (v, dp, want) in [
            (dec!(2.345), 2, "2.35"),
            (dec!(2.335), 2, "2.34"),
            (dec!(-2.345), 2, "-2.35"),
            (dec!(0.00005), 4, "0.0001"),
            (dec!(12000), 2, "12000.00"),
            (dec!(-0.001), 2, "0.00"),
        ] {
            assert_eq!(fixed(v, dp), want, "{v}");
        }
        assert_eq!(trimmed(dec!(20.00), 2), "20");
        assert_eq!(trimmed(dec!(2.3333333), 2), "2.33");
    }

    #[test]
    fn display_groups_and_symbols() {
        assert_eq!(display(dec!(1234567.891), "USD", 2), "$1,234,567.89");
        assert_eq!(display(dec!(-1250), "GBP", 0), "-£1,250");
        assert_eq!(display(dec!(5), "SEK", 2), "5.00 SEK");
        assert_eq!(group_thousands("123"), "123");
        assert_eq!(group_thousands("1234"), "1,234");
    }
}
