//! Reading the publication dates news pages print into ISO 8601.

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let key = lower.get(..3)?;
    MONTHS.iter().position(|m| *m == key).map(|i| i as u32 + 1)
}

const MONTH_NAME: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

/// A line that is only a date, optionally labelled and with a time and zone.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?ix)^
        (?P<label>(?:first\s+)?published|(?:last\s+)?updated|posted|last\s+modified|date)?
        (?:\s+on)?\s*:?\s*
        (?:
            (?P<h0>\d{{1,2}})[:.](?P<min0>\d{{2}})\s*(?P<ampm0>[ap]\.?m\.?)?
            \s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT)?\s*,?\s*
        )?
        (?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?
        (?:
            (?P<y1>\d{{4}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}})
          | (?P<mn2>{MONTH_NAME})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})
          | (?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn3>{MONTH_NAME}),?\s+(?P<y3>\d{{4}})
        )
        (?:\s*(?:,|at|T|-|\||·)?\s*
            (?P<h>\d{{1,2}})[:.](?P<min>\d{{2}})(?::\d{{2}}(?:\.\d+)?)?\s*(?P<ampm>[ap]\.?m\.?)?
        )?
        \s*(?:GMT|UTC|BST|CET|CEST|EET|EEST|WET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|IST|JST|KST|HKT|SGT|AEST|AEDT|Z|[+-]\d{{2}}:?\d{{2}}|\(?(?:GMT|UTC)[+-]?\d{{0,2}}\)?)?
        \s*$"
    );
    Regex::new(&pattern).expect("date-line pattern is valid")
});

/// A found date: its ISO form and whether the line said "updated".
pub(crate) struct DateLine {
    pub iso: String,
    pub updated: bool,
}

/// Read a line such as "Published Oct 17, 2023" or "Updated: 2023-10-17 10:00".
pub(crate) fn parse_date_line(line: &str) -> Option<DateLine> {
    if line.len() > 80 {
        return None;
    }
    let caps = DATE_LINE.captures(line.trim())?;
    let (year, month, day) = if let Some(y) = caps.name("y1") {
        (
            y.as_str().parse::<u32>().ok()?,
            caps.name("m1")?.as_str().parse::<u32>().ok()?,
            caps.name("d1")?.as_str().parse::<u32>().ok()?,
        )
    } else if let Some(y) = caps.name("y2") {
        (
            y.as_str().parse().ok()?,
            month_number(caps.name("mn2")?.as_str())?,
            caps.name("d2")?.as_str().parse().ok()?,
        )
    } else {
        (
            caps.name("y3")?.as_str().parse().ok()?,
            month_number(caps.name("mn3")?.as_str())?,
            caps.name("d3")?.as_str().parse().ok()?,
        )
    };
    if !(1800..=2200).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut iso = format!("{year:04}-{month:02}-{day:02}");
    // The time after the date, or before it ("Updated 10:01 pm PST,
    // Tuesday, November 19, 2019").
    let time = match (caps.name("h"), caps.name("min")) {
        (Some(h), Some(m)) => Some((h, m, caps.name("ampm"))),
        _ => caps
            .name("h0")
            .zip(caps.name("min0"))
            .map(|(h, m)| (h, m, caps.name("ampm0"))),
    };
    if let Some((h, m, ampm)) = time {
        let mut hour: u32 = h.as_str().parse().ok()?;
        let minute: u32 = m.as_str().parse().ok()?;
        if let Some(ampm) = ampm {
            let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
            if hour == 12 {
                hour = 0;
            }
            if pm {
                hour += 12;
            }
        }
        if hour < 24 && minute < 60 {
            iso.push_str(&format!("T{hour:02}:{minute:02}"));
        }
    }
    let updated = caps.name("label").is_some_and(|l| {
        l.as_str().to_ascii_lowercase().contains("updated")
            || l.as_str().to_ascii_lowercase().contains("modified")
    });
    Some(DateLine { iso, updated })
}

/// Bring a machine date from page metadata ("2023-10-17T10:00:00Z") or a
/// printed one to ISO 8601; machine dates already in ISO form stay as given.
pub(crate) fn normalize_meta_date(value: &str) -> Option<String> {
    let value = value.trim();
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$",
        )
        .expect("iso pattern is valid")
    });
    if ISO.is_match(value) {
        return Some(value.replacen(' ', "T", 1));
    }
    parse_date_line(value).map(|d| d.iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_labelled_and_bare_dates() {
        let d = parse_date_line("Published Oct 17, 2023").unwrap();
        assert_eq!(d.iso, "2023-10-17");
        assert!(!d.updated);
        let d = parse_date_line("Updated: 2023-10-17 10:00").unwrap();
        assert_eq!(d.iso, "2023-10-17T10:00");
        assert!(d.updated);
        assert_eq!(
            parse_date_line("17 October 2023 at 3:05 pm BST")
                .unwrap()
                .iso,
            "2023-10-17T15:05"
        );
        assert_eq!(
            parse_date_line("Tuesday, March 5th, 2024").unwrap().iso,
            "2024-03-05"
        );
        // The time first, as some US chains print it.
        let d = parse_date_line("Updated 10:01 pm PST, Tuesday, November 19, 2019").unwrap();
        assert_eq!(d.iso, "2019-11-19T22:01");
        assert!(d.updated);
        assert!(parse_date_line("10:01 pm, a long time ago").is_none());
    }

    #[test]
    fn rejects_sentences_and_impossible_dates() {
        assert!(parse_date_line("Published Oct 17, 2023, the report said more.").is_none());
        assert!(parse_date_line("2023-13-45").is_none());
        assert!(parse_date_line("Oct 17").is_none());
        assert!(parse_date_line("March 31, 1986 end").is_none());
    }

    #[test]
    fn keeps_iso_metadata_dates() {
        assert_eq!(
            normalize_meta_date("2023-10-17T10:00:00Z").unwrap(),
            "2023-10-17T10:00:00Z"
        );
        assert_eq!(
            normalize_meta_date("October 17, 2023").unwrap(),
            "2023-10-17"
        );
    }
}
