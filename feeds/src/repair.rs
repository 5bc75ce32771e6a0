//! Mistakes other tools write that the iCalendar parser would misread, mended in the
//! unfolded text before it parses it: they must be seen as written, and the parser keeps
//! only what it understood. A negative COUNT, and a date that carries a time.

use std::borrow::Cow;

/// `text` (unfolded, LF line endings) with its known mistakes mended.
pub(crate) fn repair(text: &str) -> Cow<'_, str> {
    if !text.lines().any(|l| needs_repair(l).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match needs_repair(line) {
            Some(mended) => out.push_str(&mended),
            None => out.push_str(line),
        }
    }
    Cow::Owned(out)
}

/// The mended line, or `None` when it is right.
fn needs_repair(line: &str) -> Option<String> {
    let head = line.get(..6)?;
    if head.eq_ignore_ascii_case("RRULE:") || head.eq_ignore_ascii_case("RRULE;") {
        return without_bad_count(line);
    }
    date_with_its_time(line)
}

/// A date-time marked `VALUE=DATE` without the mark (`DTSTART;VALUE=DATE:20200101T100000`):
/// the parser would keep the date and drop the time, making an all-day event of a meeting.
fn date_with_its_time(line: &str) -> Option<String> {
    let (name, value) = line.split_once(':')?;
    let at = name.to_ascii_uppercase().find(";VALUE=DATE")?;
    let rest = name.get(at + ";VALUE=DATE".len()..)?;
    if !(rest.is_empty() || rest.starts_with(';')) {
        return None;
    }
    let timed = |v: &str| {
        let v = v.trim().trim_end_matches(['Z', 'z']);
        v.len() >= 13
            && v.get(8..9).is_some_and(|t| t.eq_ignore_ascii_case("T"))
            && v.chars().enumerate().all(|(i, c)| i == 8 || c.is_ascii_digit())
    };
    if !value.trim_end().split(',').all(timed) {
        return None;
    }
    Some(format!("{}{rest}:{value}", name.get(..at)?))
}

/// An RRULE without a COUNT that is not a positive number: Confluence writes COUNT=-1 beside
/// UNTIL, which the parser would take for COUNT=1. Without it the rule runs until UNTIL, as
/// the other readers have it.
fn without_bad_count(line: &str) -> Option<String> {
    let (name, rule) = line.split_once(':')?;
    let end = rule.get(rule.trim_end().len()..).unwrap_or_default();
    let parts: Vec<&str> = rule.trim_end().split(';').collect();
    let bad = |part: &&str| {
        part.split_once('=').is_some_and(|(key, value)| {
            key.trim().eq_ignore_ascii_case("COUNT") && !value.trim().parse::<u32>().is_ok_and(|n| n > 0)
        })
    };
    if !parts.iter().any(bad) {
        return None;
    }
    let kept: Vec<&str> = parts.into_iter().filter(|p| !bad(p)).collect();
    Some(format!("{name}:{}{end}", kept.join(";")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_that_are_not_positive_numbers_go() {
        assert_eq!(
            repair("A:1\nRRULE:FREQ=WEEKLY;UNTIL=20240331;COUNT=-1;BYDAY=MO\nB:2\n"),
            "A:1\nRRULE:FREQ=WEEKLY;UNTIL=20240331;BYDAY=MO\nB:2\n"
        );
        assert_eq!(repair("rrule:COUNT=0;FREQ=DAILY"), "rrule:FREQ=DAILY");
        assert_eq!(repair("RRULE:FREQ=DAILY;COUNT=-100\n"), "RRULE:FREQ=DAILY\n");
        // A right count, and a COUNT elsewhere than in a rule, stay.
        assert!(matches!(repair("RRULE:FREQ=DAILY;COUNT=3\nX-COUNT=-1:a\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn dates_that_carry_a_time_lose_their_mark() {
        assert_eq!(repair("DTSTART;VALUE=DATE:20200101T100000\n"), "DTSTART:20200101T100000\n");
        assert_eq!(
            repair("EXDATE;value=date;X-A=1:20200101T100000Z,20200108T100000Z\n"),
            "EXDATE;X-A=1:20200101T100000Z,20200108T100000Z\n"
        );
        // Dates, date-times marked as such, and other values stay.
        for right in [
            "DTSTART;VALUE=DATE:20200101\n",
            "DTSTART;VALUE=DATE-TIME:20200101T100000\n",
            "SUMMARY;VALUE=DATE:20200101T10 o'clock\n",
        ] {
            assert!(matches!(repair(right), Cow::Borrowed(_)), "{right}");
        }
    }
}
