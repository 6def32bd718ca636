//! Resolving relative and year-less dates against the article's publication
//! date: "Tuesday", "yesterday", "last year", "March 17" only mean a day once
//! the day the article appeared is known.
//!
//! A bare weekday takes the occurrence nearest the publication date (the past
//! one on a tie); "last"/"next" pick the occurrence strictly before/after. A
//! date without a year takes the latest occurrence at most
//! [`LOOKAHEAD_DAYS`] after publication: news looks back over the past year
//! ("On March 17, the court issued…") and forward only a little.

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    // Count from March so that the leap day ends the year.
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * i64::from(m) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count (inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_valid(year: i64, month: u32, day: u32) -> bool {
    (1..=12).contains(&month)
        && day >= 1
        && civil_from_days(days_from_civil(year, month, day)) == (year, month, day)
}

fn iso_day(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Monday = 0.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The day count of an ISO 8601 date or date-time's date part ("2023-10-17T09:00:00Z").
pub(crate) fn parse_published(published: &str) -> Option<i64> {
    let date = published.get(..10)?;
    let mut parts = date.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    (date.as_bytes()[4] == b'-' && is_valid(year, month, day))
        .then(|| days_from_civil(year, month, day))
}

/// How far ahead of publication a year-less date may lie.
const LOOKAHEAD_DAYS: i64 = 60;

/// Among candidate day counts (ascending), the latest no more than
/// [`LOOKAHEAD_DAYS`] after `published`.
fn latest_in_reach(candidates: impl Iterator<Item = i64>, published: i64) -> Option<i64> {
    candidates
        .filter(|&c| c <= published + LOOKAHEAD_DAYS)
        .max()
}

/// Among candidate day counts, the one nearest `published`, the earlier on a tie.
fn nearest(candidates: impl Iterator<Item = i64>, published: i64) -> Option<i64> {
    candidates.min_by_key(|&c| ((c - published).abs(), c))
}

/// A year-less value ("--03-17", "--03") placed in its year (see the module docs).
fn place(partial: &str, published: i64) -> Option<String> {
    let rest = partial.strip_prefix("--")?;
    let (year, _, _) = civil_from_days(published);
    let mut fields = rest.split('-');
    let month: u32 = fields.next()?.parse().ok()?;
    match fields.next() {
        Some(day) => {
            let day: u32 = day.parse().ok()?;
            let best = latest_in_reach(
                (year - 1..=year + 1)
                    .filter(|&y| is_valid(y, month, day))
                    .map(|y| days_from_civil(y, month, day)),
                published,
            )?;
            Some(iso_day(best))
        }
        None => {
            if !(1..=12).contains(&month) {
                return None;
            }
            // A month is placed by its first day.
            let best = latest_in_reach(
                (year - 1..=year + 1).map(|y| days_from_civil(y, month, 1)),
                published,
            )?;
            let (y, m, _) = civil_from_days(best);
            Some(format!("{y:04}-{m:02}"))
        }
    }
}

/// The normalised value of a DATE entity named `name` whose own `value` (if
/// any) lacks a year, given the publication day; `None` when the date cannot
/// be placed (or needs no placing).
pub(crate) fn resolve(name: &str, value: Option<&str>, published: i64) -> Option<String> {
    if let Some(value) = value {
        if !value.starts_with("--") {
            return None;
        }
        let parts: Option<Vec<String>> = value.split('/').map(|p| place(p, published)).collect();
        return parts.map(|p| p.join("/"));
    }
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (modifier, word) = match words.as_slice() {
        [word] => (None, *word),
        [modifier, word] => (Some(*modifier), *word),
        _ => return None,
    };
    let (year, month, _) = civil_from_days(published);
    let shift = match modifier {
        None | Some("this") => 0,
        Some("last" | "previous") => -1,
        Some("next" | "coming") => 1,
        Some(_) => return None,
    };
    match word {
        "today" | "tonight" if modifier.is_none() => Some(iso_day(published)),
        "yesterday" if modifier.is_none() => Some(iso_day(published - 1)),
        "tomorrow" if modifier.is_none() => Some(iso_day(published + 1)),
        "year" if modifier.is_some() => Some(format!("{:04}", year + shift)),
        "month" if modifier.is_some() => {
            let index = year * 12 + i64::from(month) - 1 + shift;
            Some(format!(
                "{:04}-{:02}",
                index.div_euclid(12),
                index.rem_euclid(12) + 1
            ))
        }
        _ => {
            let target = WEEKDAYS.iter().position(|&d| d == word)? as i64;
            let back = (weekday(published) - target).rem_euclid(7);
            let previous = published - if back == 0 { 7 } else { back };
            let ahead = (target - weekday(published)).rem_euclid(7);
            let following = published + if ahead == 0 { 7 } else { ahead };
            let day = match shift {
                -1 => previous,
                1 => following,
                _ if back == 0 => published,
                _ => nearest([previous, following].into_iter(), published)?,
            };
            Some(iso_day(day))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> i64 {
        parse_published(s).unwrap()
    }

    #[test]
    fn day_counts_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert!(!is_valid(2023, 2, 29));
        assert_eq!(weekday(day("2023-10-17")), 1, "a Tuesday");
        assert_eq!(
            parse_published("2023-10-17T08:00:00+02:00"),
            Some(day("2023-10-17"))
        );
        assert_eq!(parse_published("17 October 2023"), None);
        assert_eq!(parse_published("2023-02-30"), None);
    }

    #[test]
    fn weekdays_take_the_nearest_occurrence() {
        let tuesday = day("2023-10-17");
        assert_eq!(
            resolve("Tuesday", None, tuesday).as_deref(),
            Some("2023-10-17")
        );
        assert_eq!(
            resolve("Monday", None, tuesday).as_deref(),
            Some("2023-10-16")
        );
        assert_eq!(
            resolve("Thursday", None, tuesday).as_deref(),
            Some("2023-10-19")
        );
        assert_eq!(
            resolve("last Tuesday", None, tuesday).as_deref(),
            Some("2023-10-10")
        );
        assert_eq!(
            resolve("next Monday", None, tuesday).as_deref(),
            Some("2023-10-23")
        );
        assert_eq!(
            resolve("next Tuesday", None, tuesday).as_deref(),
            Some("2023-10-24")
        );
    }

    #[test]
    fn relative_words_and_units() {
        let d = day("2024-01-01");
        assert_eq!(resolve("yesterday", None, d).as_deref(), Some("2023-12-31"));
        assert_eq!(resolve("tomorrow", None, d).as_deref(), Some("2024-01-02"));
        assert_eq!(resolve("last year", None, d).as_deref(), Some("2023"));
        assert_eq!(resolve("last month", None, d).as_deref(), Some("2023-12"));
        assert_eq!(resolve("next month", None, d).as_deref(), Some("2024-02"));
        assert_eq!(resolve("three years ago", None, d), None);
        assert_eq!(
            resolve("2023", Some("2023"), d),
            None,
            "complete values stay"
        );
    }

    #[test]
    fn year_less_dates_land_in_their_news_year() {
        let d = day("2023-12-28");
        assert_eq!(
            resolve("Jan. 3", Some("--01-03"), d).as_deref(),
            Some("2024-01-03")
        );
        assert_eq!(
            resolve("March 17", Some("--03-17"), d).as_deref(),
            Some("2023-03-17")
        );
        assert_eq!(
            resolve("October 17-18", Some("--10-17/--10-18"), day("2023-10-17")).as_deref(),
            Some("2023-10-17/2023-10-18")
        );
        assert_eq!(
            resolve("March", Some("--03"), d).as_deref(),
            Some("2023-03")
        );
        assert_eq!(
            resolve("January", Some("--01"), d).as_deref(),
            Some("2024-01")
        );
        assert_eq!(
            resolve("March 17", Some("--03-17"), day("2023-10-17")).as_deref(),
            Some("2023-03-17"),
            "an earlier date of the year, not next spring"
        );
        assert_eq!(
            resolve("Feb 29", Some("--02-29"), day("2024-03-10")).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            resolve("Feb 29", Some("--02-29"), d),
            None,
            "no leap day in reach"
        );
        assert_eq!(resolve("bad", Some("--13-01"), d), None);
    }
}
