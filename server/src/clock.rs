//! Times as the server writes them: RFC 3339 in UTC to the second (`2026-11-29T10:00:00Z`),
//! one format everywhere, so that times compare as text; and "twelve months before", the
//! privacy page's retention period.

use std::time::SystemTime;

/// Now, as the server writes times.
pub fn now() -> String {
    format(SystemTime::now())
}

pub fn format(time: SystemTime) -> String {
    humantime::format_rfc3339_seconds(time).to_string()
}

/// Reads a time given on the command line (`--now`), RFC 3339 in UTC (`2027-12-01T00:00:00Z`,
/// fractions of a second allowed), and writes it in the server's form; `None` if it is not one.
pub fn parse(text: &str) -> Option<String> {
    humantime::parse_rfc3339_weak(text.trim()).ok().map(format)
}

/// The same moment twelve calendar months earlier: 2027-12-01T00:00:00Z → 2026-12-01T00:00:00Z.
/// 29 February becomes 28 February, so a year is never more than a year.
pub fn twelve_months_before(time: &str) -> Option<String> {
    let year: u32 = time.get(..4)?.parse().ok()?;
    let rest = time.get(4..)?;
    let earlier = format!("{:04}{rest}", year.checked_sub(1)?);
    if earlier.get(4..10) == Some("-02-29") {
        return Some(format!("{}-02-28{}", &earlier[..4], &earlier[10..]));
    }
    Some(earlier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_and_written_in_one_form() {
        assert_eq!(parse("2027-12-01T00:00:00Z").as_deref(), Some("2027-12-01T00:00:00Z"));
        assert_eq!(parse(" 2027-12-01T01:30:00.25Z ").as_deref(), Some("2027-12-01T01:30:00Z"));
        assert_eq!(parse("next tuesday"), None);
        assert_eq!(now().len(), "2026-11-29T10:00:00Z".len());
        assert!(now().ends_with('Z'));
    }

    #[test]
    fn twelve_months_before_is_the_same_day_a_year_earlier() {
        assert_eq!(twelve_months_before("2027-12-01T00:00:00Z").as_deref(), Some("2026-12-01T00:00:00Z"));
        assert_eq!(twelve_months_before("2028-02-29T12:00:00Z").as_deref(), Some("2027-02-28T12:00:00Z"));
        assert_eq!(twelve_months_before("x"), None);
        // Text order is time order in this form.
        assert!("2026-11-30T23:59:59Z" < "2026-12-01T00:00:00Z");
    }
}
