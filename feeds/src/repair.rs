//! Mistakes other tools write that the iCalendar parser would misread, mended in the
//! unfolded text before it parses it: they must be seen as written, and the parser keeps
//! only what it understood.

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
    None
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
}
