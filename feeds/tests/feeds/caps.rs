//! Bounds on the work and the output: a daily series over years, a rule every second.

use crate::common::{fixture, now, of, read};
use chrono::TimeDelta;

#[test]
fn a_daily_series_over_years_gives_the_500_nearest_to_now() {
    let parsed = read(&fixture("daily.ics"));
    let daily = of(&parsed, "daily-since-2015");
    assert_eq!(daily.len(), 500);
    assert_eq!(parsed.occurrences.len(), 500);
    // Consecutive days around now, as many before as after (give or take one).
    assert!(daily.windows(2).all(|w| (w[1].start - w[0].start - TimeDelta::days(1)).abs() <= TimeDelta::hours(1)));
    let before = daily.iter().filter(|o| o.start < now()).count();
    assert!((249..=251).contains(&before), "{before}");
    assert!(daily.iter().all(|o| (o.start - now()).abs() < TimeDelta::days(251)));
    assert!(
        parsed.skipped.iter().any(|l| l == &format!("{} occurrences beyond the 500 nearest to now", 730 - 500)),
        "{:?}",
        parsed.skipped
    );
}

#[test]
fn a_rule_every_second_is_refused_not_expanded() {
    let parsed = read(&fixture("daily.ics"));
    assert!(of(&parsed, "every-second").is_empty());
    assert!(
        parsed
            .skipped
            .iter()
            .any(|l| l == "UID every-second: repeats more often than daily (FREQ=SECONDLY), which is not supported"),
        "{:?}",
        parsed.skipped
    );
}
