//! Dates, times, amounts of money, percentages and quantities, with values.
//!
//! Values: DATE gives an ISO 8601 date as far as the text fixes it
//! ("2023-03-21", "2023-03", "2023", "--03-17" without a year, and
//! "--10-17/--10-18" for a range); relative dates ("last year", "Tuesday")
//! have none. TIME gives "HH:MM" (24-hour). MONEY gives an ISO 4217 code and
//! the exact amount ("USD 1130000000"); PERCENT the number ("76").

use crate::scan::{Tok, TokKind};
use newsmill_doc::Label;

/// A value found in the text: tokens `first..last` (exclusive) of the scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValueMention {
    pub first: usize,
    pub last: usize,
    pub label: Label,
    pub value: Option<String>,
}

const MONTHS: [(&str, u32); 23] = [
    ("January", 1),
    ("Jan", 1),
    ("February", 2),
    ("Feb", 2),
    ("March", 3),
    ("Mar", 3),
    ("April", 4),
    ("Apr", 4),
    ("May", 5),
    ("June", 6),
    ("Jun", 6),
    ("July", 7),
    ("Jul", 7),
    ("August", 8),
    ("Aug", 8),
    ("September", 9),
    ("Sept", 9),
    ("Sep", 9),
    ("October", 10),
    ("Oct", 10),
    ("November", 11),
    ("Nov", 11),
    ("December", 12),
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub(crate) fn month_number(word: &str) -> Option<u32> {
    if word == "Dec" {
        return Some(12);
    }
    MONTHS.iter().find(|(m, _)| *m == word).map(|&(_, n)| n)
}

pub(crate) fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word)
}

fn days_in_month(month: u32) -> u32 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

struct Cursor<'a> {
    text: &'a str,
    toks: &'a [Tok],
}

impl<'a> Cursor<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.glued)
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.word(i) == s
    }

    /// A plain integer token (no separators) and its value.
    fn integer(&self, i: usize) -> Option<u32> {
        if self.kind(i) != Some(TokKind::Number) {
            return None;
        }
        let w = self.word(i);
        if w.len() > 9 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        w.parse().ok()
    }

    /// A day of the month, with its ordinal suffix if any: (day, tokens used).
    fn day(&self, i: usize, month: Option<u32>) -> Option<(u32, usize)> {
        let day = self.integer(i)?;
        if self.word(i).len() > 2 || day == 0 || day > month.map_or(31, days_in_month) {
            return None;
        }
        let ordinal = self.glued(i + 1)
            && matches!(
                self.word(i + 1).to_ascii_lowercase().as_str(),
                "st" | "nd" | "rd" | "th"
            );
        if !ordinal && self.glued(i + 1) && self.kind(i + 1) == Some(TokKind::Word) {
            return None;
        }
        Some((day, 1 + usize::from(ordinal)))
    }

    fn year(&self, i: usize) -> Option<u32> {
        let y = self.integer(i)?;
        (self.word(i).len() == 4 && (1000..=2999).contains(&y)).then_some(y)
    }

    fn month(&self, i: usize) -> Option<(u32, usize)> {
        let m = month_number(self.word(i))?;
        // "Sept." and other abbreviations may carry a dot.
        let w = self.word(i);
        let dot = w.len() <= 4
            && !matches!(w, "May" | "June" | "July")
            && self.is(i + 1, ".")
            && self.glued(i + 1);
        Some((m, 1 + usize::from(dot)))
    }

    fn is_dash(&self, i: usize) -> bool {
        matches!(self.word(i), "-" | "\u{2013}" | "\u{2010}")
    }
}

/// Finds every value mention, in text order, never overlapping.
pub(crate) fn find_values(text: &str, toks: &[Tok]) -> Vec<ValueMention> {
    let c = Cursor { text, toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let found = date(&c, i)
            .or_else(|| time(&c, i))
            .or_else(|| money(&c, i))
            .or_else(|| percent(&c, i))
            .or_else(|| quantity(&c, i));
        match found {
            Some(m) if m.last > i => {
                i = m.last;
                out.push(m);
            }
            _ => i += 1,
        }
    }
    out
}

fn mention(first: usize, last: usize, label: Label, value: Option<String>) -> Option<ValueMention> {
    Some(ValueMention {
        first,
        last,
        label,
        value,
    })
}

const DATE_UNITS: [&str; 13] = [
    "week", "weekend", "month", "year", "decade", "century", "season", "spring", "summer",
    "autumn", "winter", "fall", "quarter",
];

const YEAR_CUES: [&str; 14] = [
    "in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "through",
    "early", "late", "between",
];

fn date(c: &Cursor, i: usize) -> Option<ValueMention> {
    let w = c.word(i);
    // Relative dates.
    match w.to_ascii_lowercase().as_str() {
        "today" | "yesterday" | "tomorrow" => return mention(i, i + 1, Label::Date, None),
        "last" | "next" | "this" | "coming" | "previous" => {
            let n = c.word(i + 1);
            if DATE_UNITS.contains(&n) || is_weekday(n) || (month_number(n).is_some() && n != "May")
            {
                return mention(i, i + 2, Label::Date, None);
            }
            return None;
        }
        _ => {}
    }
    // "three years ago", "10 days ago"
    if (c.kind(i) == Some(TokKind::Number) || number_word(w).is_some())
        && matches!(
            c.word(i + 1),
            "days" | "weeks" | "months" | "years" | "decades"
        )
        && c.is(i + 2, "ago")
    {
        return mention(i, i + 3, Label::Date, None);
    }
    // ISO dates: 2023-03-21.
    if let Some(y) = c.year(i) {
        if c.is(i + 1, "-") && c.glued(i + 1) && c.glued(i + 2) && c.is(i + 3, "-") {
            let (m, d) = (c.integer(i + 2), c.integer(i + 4));
            if let (Some(m), Some(d)) = (m, d) {
                if (1..=12).contains(&m)
                    && d >= 1
                    && d <= days_in_month(m)
                    && c.word(i + 2).len() == 2
                    && c.word(i + 4).len() == 2
                    && c.glued(i + 4)
                {
                    return mention(i, i + 5, Label::Date, Some(format!("{y:04}-{m:02}-{d:02}")));
                }
            }
        }
        // Decades: the 1990s.
        if c.glued(i + 1) && c.is(i + 1, "s") && y % 10 == 0 {
            return mention(i, i + 2, Label::Date, None);
        }
        // A bare year needs a cue before it: "in 2023", "since 1991".
        let cue_before = i > 0 && YEAR_CUES.contains(&c.word(i - 1))
            || i > 1 && matches!(c.word(i - 1), "and" | "to" | "-") && c.year(i - 2).is_some();
        let amount_after = c.glued(i + 1) && c.kind(i + 1) != Some(TokKind::Punct)
            || matches!(c.kind(i + 1), Some(TokKind::Symbol))
            || multiplier(c.word(i + 1)).is_some();
        let currency_before = i > 0 && c.kind(i - 1) == Some(TokKind::Symbol);
        if cue_before && !amount_after && !currency_before {
            return mention(i, i + 1, Label::Date, Some(format!("{y:04}")));
        }
        return None;
    }
    let mut first = i;
    let mut j = i;
    // Weekday, optionally leading a full date: "Tuesday, March 21".
    if is_weekday(w) {
        j += 1;
        let after_comma = if c.is(j, ",") { j + 1 } else { j };
        if let Some(rest) = calendar_date(c, after_comma) {
            return mention(first, rest.last, Label::Date, rest.value);
        }
        return mention(first, j, Label::Date, None);
    }
    if let Some(found) = calendar_date(c, j) {
        first = first.min(found.first);
        return mention(first, found.last, Label::Date, found.value);
    }
    None
}

/// "March 21, 2023", "March 17", "October 17-18", "21 March 2023", "March 2023", "March".
fn calendar_date(c: &Cursor, i: usize) -> Option<ValueMention> {
    // Month first.
    if let Some((month, used)) = c.month(i) {
        let mut j = i + used;
        let mut value = None;
        let mut end = j;
        if let Some((day, used)) = c.day(j, Some(month)) {
            j += used;
            let mut day_end = None;
            if c.is_dash(j) && c.glued(j) {
                if let Some((d2, used2)) = c.day(j + 1, Some(month)) {
                    if d2 > day {
                        day_end = Some(d2);
                        j += 1 + used2;
                    }
                }
            }
            end = j;
            let year = if c.is(j, ",") {
                c.year(j + 1).map(|y| (y, j + 2))
            } else {
                c.year(j).map(|y| (y, j + 1))
            };
            let prefix = match year {
                Some((y, e)) => {
                    end = e;
                    format!("{y:04}-")
                }
                None => "--".to_string(),
            };
            value = Some(match day_end {
                Some(d2) => format!("{prefix}{month:02}-{day:02}/{prefix}{month:02}-{d2:02}"),
                None => format!("{prefix}{month:02}-{day:02}"),
            });
        } else if let Some(y) = c.year(j) {
            end = j + 1;
            value = Some(format!("{y:04}-{month:02}"));
        } else if c.word(i) == "May"
            || c.word(i).len() <= 4 && c.word(i) != "June" && c.word(i) != "July"
        {
            // "May" alone is as often a name or a verb; bare abbreviations are risky.
            return None;
        }
        return mention(i, end, Label::Date, value);
    }
    // Day first: "21 March 2023", "17-18 October".
    let (day, used) = c.day(i, None)?;
    let mut j = i + used;
    let mut day_end = None;
    if c.is_dash(j) && c.glued(j) {
        if let Some((d2, used2)) = c.day(j + 1, None) {
            if d2 > day {
                day_end = Some(d2);
                j += 1 + used2;
            }
        }
    }
    if c.is(j, "of") {
        j += 1;
    }
    let (month, used) = c.month(j)?;
    if day > days_in_month(month) {
        return None;
    }
    j += used;
    let (prefix, end) = match c.year(j) {
        Some(y) => (format!("{y:04}-"), j + 1),
        None => ("--".to_string(), j),
    };
    let value = match day_end {
        Some(d2) => format!("{prefix}{month:02}-{day:02}/{prefix}{month:02}-{d2:02}"),
        None => format!("{prefix}{month:02}-{day:02}"),
    };
    mention(i, end, Label::Date, Some(value))
}

const TIME_ZONES: [&str; 12] = [
    "GMT", "BST", "UTC", "EST", "EDT", "CET", "CEST", "PST", "PDT", "ET", "PT", "JST",
];

fn time(c: &Cursor, i: usize) -> Option<ValueMention> {
    match c.word(i).to_ascii_lowercase().as_str() {
        "noon" | "midday" => return mention(i, i + 1, Label::Time, Some("12:00".into())),
        "midnight" => return mention(i, i + 1, Label::Time, Some("00:00".into())),
        "tonight" => return mention(i, i + 1, Label::Time, None),
        _ => {}
    }
    let mut j = i + 1;
    let mut minute = 0;
    let mut has_minute = false;
    let mut dotted = false;
    // "10.30" scans as one number token; "10:30" as three.
    let hour = match c.word(i).split_once('.') {
        Some((h, m)) if c.kind(i) == Some(TokKind::Number) && m.len() == 2 => {
            minute = m.parse().ok().filter(|m| *m < 60)?;
            has_minute = true;
            dotted = true;
            h.parse::<u32>().ok()?
        }
        _ => c.integer(i)?,
    };
    if hour > 23 || c.word(i).split('.').next().map_or(0, str::len) > 2 {
        return None;
    }
    if !has_minute && c.is(j, ":") && c.glued(j) && c.glued(j + 1) {
        if let Some(m) = c.integer(j + 1) {
            if c.word(j + 1).len() == 2 && m < 60 {
                minute = m;
                has_minute = true;
                j += 2;
            }
        }
    }
    let meridiem = c.word(j).to_ascii_lowercase();
    let pm = match meridiem.as_str() {
        "a.m." | "am" => Some(false),
        "p.m." | "pm" => Some(true),
        _ => None,
    };
    let (hour24, mut end) = match pm {
        Some(pm) if (1..=12).contains(&hour) => {
            let h = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            (h, j + 1)
        }
        None if has_minute
            && !dotted
            && hour < 24
            && c.kind(j) != Some(TokKind::Number)
            && !c.is(j, ":") =>
        {
            (hour, j)
        }
        _ => return None,
    };
    if TIME_ZONES.contains(&c.word(end)) {
        end += 1;
    }
    mention(
        i,
        end,
        Label::Time,
        Some(format!("{hour24:02}:{minute:02}")),
    )
}

/// Powers of ten for amount words and abbreviations.
fn multiplier(word: &str) -> Option<i32> {
    Some(match word {
        "thousand" | "k" | "K" => 3,
        "million" | "m" | "mn" | "mln" | "M" => 6,
        "billion" | "bn" | "bln" | "b" | "B" => 9,
        "trillion" | "tn" | "trn" => 12,
        _ => return None,
    })
}

fn number_word(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let lower = word.to_ascii_lowercase();
    WORDS.iter().position(|w| *w == lower).map(|p| p as u32 + 1)
}

fn symbol_currency(symbol: &str) -> Option<&'static str> {
    Some(match symbol {
        "$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        "₹" => "INR",
        "₽" => "RUB",
        _ => return None,
    })
}

const CODES: [&str; 25] = [
    "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "INR", "CHF", "CAD", "AUD", "HKD", "SGD", "NZD",
    "NOK", "SEK", "DKK", "PLN", "CZK", "HUF", "BRL", "MXN", "ZAR", "KRW", "AED", "SAR",
];

/// Currency named after the number: (code, tokens used, scale applied to the amount).
fn currency_after(c: &Cursor, i: usize) -> Option<(&'static str, usize, i32)> {
    let w = c.word(i);
    let (code, used) = match w {
        "dollars" | "dollar" | "dlrs" => ("USD", 1),
        "euros" | "euro" => ("EUR", 1),
        "pounds" | "pound" | "sterling" | "stg" => {
            if c.is(i + 1, "sterling") {
                ("GBP", 2)
            } else {
                ("GBP", 1)
            }
        }
        "yen" => ("JPY", 1),
        "yuan" | "renminbi" => ("CNY", 1),
        "rupees" => ("INR", 1),
        "roubles" | "rubles" => ("RUB", 1),
        "francs" => ("CHF", 1),
        "cents" | "cts" => return Some(("USD", 1, -2)),
        "pence" | "p" if w != "p" || c.glued(i) => return Some(("GBP", 1, -2)),
        "US" | "U.S." | "Canadian" | "Australian" | "Singapore" | "Hong" | "Swiss" | "New" => {
            let (code, skip) = match w {
                "Canadian" => ("CAD", 1),
                "Australian" => ("AUD", 1),
                "Singapore" => ("SGD", 1),
                "Hong" if c.is(i + 1, "Kong") => ("HKD", 2),
                "New" if c.is(i + 1, "Zealand") => ("NZD", 2),
                "Swiss" => ("CHF", 1),
                "US" | "U.S." => ("USD", 1),
                _ => return None,
            };
            let unit = c.word(i + skip);
            if matches!(unit, "dollars" | "dollar" | "dlrs" | "francs") {
                return Some((code, skip + 1, 0));
            }
            return None;
        }
        _ => return None,
    };
    Some((code, used, 0))
}

fn money(c: &Cursor, i: usize) -> Option<ValueMention> {
    // Currency before the number: $5, US$5, £600m, EUR 5bn.
    let (code, number_at) = match c.kind(i) {
        Some(TokKind::Symbol) => (symbol_currency(c.word(i))?, i + 1),
        Some(TokKind::Word) => {
            let w = c.word(i);
            if c.is(i + 1, "$") && c.glued(i + 1) {
                let code = match w {
                    "US" => "USD",
                    "A" => "AUD",
                    "C" => "CAD",
                    "HK" => "HKD",
                    "NZ" => "NZD",
                    "S" => "SGD",
                    "R" => "BRL",
                    "MX" => "MXN",
                    "NT" => "TWD",
                    _ => return None,
                };
                (code, i + 2)
            } else if CODES.contains(&w) && c.kind(i + 1) == Some(TokKind::Number) {
                (CODES[CODES.iter().position(|x| *x == w)?], i + 1)
            } else if matches!(w, "Rs" | "Rs.") && c.kind(i + 1) == Some(TokKind::Number) {
                ("INR", i + 1)
            } else {
                return prefixless_money(c, i);
            }
        }
        Some(TokKind::Number) => return prefixless_money(c, i),
        _ => return None,
    };
    if c.kind(number_at) != Some(TokKind::Number) {
        return None;
    }
    let mut j = number_at + 1;
    let mut exp = 0;
    if let Some(e) = multiplier(c.word(j)) {
        // "$5m" glued or "$5 million"; a spaced single letter is not a multiplier.
        if c.glued(j) || c.word(j).len() > 2 {
            exp = e;
            j += 1;
        }
    }
    let amount = scale(c.word(number_at), exp)?;
    mention(i, j, Label::Money, Some(format!("{code} {amount}")))
}

/// "1.5 million euros", "15 mln dlrs", "50p", "20 US dollars".
fn prefixless_money(c: &Cursor, i: usize) -> Option<ValueMention> {
    if c.kind(i) != Some(TokKind::Number) {
        return None;
    }
    let mut j = i + 1;
    let mut exp = 0;
    if let Some(e) = multiplier(c.word(j)) {
        if c.glued(j) || c.word(j).len() > 2 {
            exp = e;
            j += 1;
        }
    }
    let (code, used, scale_by) = currency_after(c, j)?;
    let amount = scale(c.word(i), exp + scale_by)?;
    mention(i, j + used, Label::Money, Some(format!("{code} {amount}")))
}

fn percent(c: &Cursor, i: usize) -> Option<ValueMention> {
    if c.kind(i) != Some(TokKind::Number) {
        return None;
    }
    let end = if c.is(i + 1, "%") {
        i + 2
    } else if c.is(i + 1, "per") && c.is(i + 2, "cent") {
        i + 3
    } else if c.is(i + 1, "percent") || c.is(i + 1, "pct") {
        i + 2
    } else if c.is(i + 1, "percentage") && c.is(i + 2, "points") {
        i + 3
    } else {
        return None;
    };
    let number = scale(c.word(i), 0)?;
    mention(i, end, Label::Percent, Some(number))
}

const UNITS: [&str; 30] = [
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "mile",
    "metres",
    "meters",
    "kg",
    "kilograms",
    "tonnes",
    "tons",
    "barrels",
    "bpd",
    "acres",
    "hectares",
    "feet",
    "ft",
    "inches",
    "mph",
    "litres",
    "liters",
    "gallons",
    "grams",
    "pounds-weight",
    "ounces",
    "megawatts",
    "MW",
    "GW",
    "sq",
    "kph",
];

fn quantity(c: &Cursor, i: usize) -> Option<ValueMention> {
    if c.kind(i) != Some(TokKind::Number) {
        return None;
    }
    let mut j = i + 1;
    if multiplier(c.word(j)).is_some() && c.word(j).len() > 2 {
        j += 1;
    }
    if UNITS.contains(&c.word(j)) {
        let mut end = j + 1;
        if c.is(j, "sq") {
            end += 1;
        }
        return mention(i, end, Label::Quantity, None);
    }
    None
}

/// `number` ("1,200.5") times ten to `exp`, written exactly, without
/// separators, exponent or trailing zeros.
pub(crate) fn scale(number: &str, exp: i32) -> Option<String> {
    let mut digits = String::with_capacity(number.len() + 12);
    let mut point: Option<usize> = None;
    for ch in number.chars() {
        match ch {
            '0'..='9' => digits.push(ch),
            ',' => {}
            '.' if point.is_none() => point = Some(digits.len()),
            _ => return None,
        }
    }
    if digits.is_empty() || digits.len() > 40 {
        return None;
    }
    let int_len = point.unwrap_or(digits.len()) as i64 + exp as i64;
    if int_len > 60 {
        return None;
    }
    let (mut int_part, mut frac_part) = if int_len <= 0 {
        ("0".to_string(), "0".repeat((-int_len) as usize) + &digits)
    } else if int_len as usize >= digits.len() {
        (
            digits.clone() + &"0".repeat(int_len as usize - digits.len()),
            String::new(),
        )
    } else {
        let (a, b) = digits.split_at(int_len as usize);
        (a.to_string(), b.to_string())
    };
    let trimmed = int_part.trim_start_matches('0');
    int_part = if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    };
    while frac_part.ends_with('0') {
        frac_part.pop();
    }
    Some(if frac_part.is_empty() {
        int_part
    } else {
        format!("{int_part}.{frac_part}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tokenize;

    fn values(text: &str) -> Vec<(String, Label, Option<String>)> {
        let toks = tokenize(text);
        find_values(text, &toks)
            .into_iter()
            .map(|m| {
                (
                    text[toks[m.first].start..toks[m.last - 1].end].to_string(),
                    m.label,
                    m.value,
                )
            })
            .collect()
    }

    #[test]
    fn scale_is_exact() {
        assert_eq!(scale("1.13", 9).as_deref(), Some("1130000000"));
        assert_eq!(scale("1,200", 0).as_deref(), Some("1200"));
        assert_eq!(scale("50", -2).as_deref(), Some("0.5"));
        assert_eq!(scale("0.5", 0).as_deref(), Some("0.5"));
        assert_eq!(scale("007", 0).as_deref(), Some("7"));
    }

    #[test]
    fn dates() {
        let v = values("On March 21, 2023 and on March 17 and October 17-18, then 5 June 2004.");
        assert_eq!(
            v,
            vec![
                (
                    "March 21, 2023".into(),
                    Label::Date,
                    Some("2023-03-21".into())
                ),
                ("March 17".into(), Label::Date, Some("--03-17".into())),
                (
                    "October 17-18".into(),
                    Label::Date,
                    Some("--10-17/--10-18".into())
                ),
                ("5 June 2004".into(), Label::Date, Some("2004-06-05".into())),
            ]
        );
        let v = values("It grew in 2023 and last year, on Tuesday, since March 2020.");
        let spans: Vec<&str> = v.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(spans, ["2023", "last year", "Tuesday", "March 2020"]);
        assert_eq!(v[3].2.as_deref(), Some("2020-03"));
    }

    #[test]
    fn money_and_percent() {
        let v =
            values("Profit jumped 76% to $1.13bn (£600m), or 1.5 million euros, up 5 per cent.");
        assert_eq!(
            v,
            vec![
                ("76%".into(), Label::Percent, Some("76".into())),
                (
                    "$1.13bn".into(),
                    Label::Money,
                    Some("USD 1130000000".into())
                ),
                ("£600m".into(), Label::Money, Some("GBP 600000000".into())),
                (
                    "1.5 million euros".into(),
                    Label::Money,
                    Some("EUR 1500000".into())
                ),
                ("5 per cent".into(), Label::Percent, Some("5".into())),
            ]
        );
    }

    #[test]
    fn dollar_prefixes_and_currency_codes() {
        let v = values("A R$18bn metro, a NZ$310m port and a NOK 1.2bn order.");
        let found: Vec<(&str, Option<&str>)> =
            v.iter().map(|x| (x.0.as_str(), x.2.as_deref())).collect();
        assert_eq!(
            found,
            [
                ("R$18bn", Some("BRL 18000000000")),
                ("NZ$310m", Some("NZD 310000000")),
                ("NOK 1.2bn", Some("NOK 1200000000")),
            ]
        );
    }

    #[test]
    fn times() {
        let v = values("The vote opens at 10 a.m. and closes at 9:30pm GMT.");
        assert_eq!(v[0], ("10 a.m.".into(), Label::Time, Some("10:00".into())));
        assert_eq!(
            v[1],
            ("9:30pm GMT".into(), Label::Time, Some("21:30".into()))
        );
    }

    #[test]
    fn numbers_alone_are_not_values() {
        assert!(values("He scored 2 goals in 45 minutes; 1,000 fans and 2023 seats.").is_empty());
    }
}
