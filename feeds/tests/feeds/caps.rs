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

/// A daily series with a title of 200 KB and one of 2 MB (under the feed's 2 MiB): the time
/// it takes to read, printed, never asserted (the work itself is bounded by the unit test
/// `a_series_texts_are_cleaned_once_not_per_date`). `cargo test -p groups-feeds --release
/// --test feeds bench_ -- --ignored --nocapture`.
#[test]
#[ignore = "a bench: prints timings"]
fn bench_a_daily_series_with_a_long_title() {
    for size in [200_000, 2_000_000] {
        let title = "Meetup ".repeat(size / 7);
        let ics = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long\r\nDTSTART:20250201T180000Z\r\nRRULE:FREQ=DAILY\r\n\
             SUMMARY:{title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        );
        let started = std::time::Instant::now();
        let parsed = read(ics.as_bytes());
        eprintln!(
            "a daily series with a title of {} bytes: {} dates read in {:?}",
            title.len(),
            parsed.occurrences.len(),
            started.elapsed()
        );
    }
}
