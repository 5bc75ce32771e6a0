//! What one machine holds: builds the database of a portal far busier than today's (1,000
//! listed groups, each with a year of weekly meetings from its feed, and 10,000 new-group
//! requests), then measures its size and how long a backup of it takes. A measurement, not a
//! check run every time (README, "Deploying": "What one machine holds"):
//! `cargo test -p groups-server --release --test capacity -- --ignored --nocapture`.

use std::time::{Duration, Instant};

use groups_server::{
    clock::Timestamp,
    store::{
        backup::{copy_database, inspect},
        Decision, FetchResult, NewRequest, Store,
    },
};

const GROUPS: usize = 1_000;
const MEETINGS_PER_GROUP: usize = 52;
const REQUESTS: usize = 10_000;

#[test]
#[ignore = "a measurement of about a minute: run it with --ignored --nocapture"]
fn a_year_of_a_thousand_groups_and_ten_thousand_requests() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("requests.db");
    let store = Store::open(&path).unwrap();
    let start: Timestamp = "2026-01-05T18:00:00Z".parse().unwrap();
    let started = Instant::now();

    let groups: Vec<_> = (0..GROUPS)
        .map(|n| {
            let raw = groups_core::fixtures::raw_group(&format!("openstack-user-group-{n:04}"));
            let about = "Operators, developers and users of OpenStack meet monthly for talks, demos and a drink.";
            groups_core::fixtures::checked(groups_core::directory::RawRecord { description: Some(about.into()), ..raw })
        })
        .collect();
    store.seed_directory(&groups, "capacity", &Decision::new("capacity", start, None)).unwrap();

    for (n, group) in groups.iter().enumerate() {
        let meetings = (0..MEETINGS_PER_GROUP)
            .map(|week| {
                let at = start.plus(Duration::from_secs(week as u64 * 7 * 24 * 3600 + n as u64 * 60));
                let at = chrono::DateTime::<chrono::Utc>::from_timestamp(at.unix(), 0).unwrap();
                groups_feeds::Occurrence {
                    uid: format!("{week}-{n}@calendar.example.org"),
                    recurrence_id: None,
                    title: format!("OpenStack meetup #{week}: operators' stories and a talk on Nova"),
                    start: at,
                    end: Some(at + chrono::Duration::hours(2)),
                    tz: chrono_tz::Europe::Berlin,
                    all_day: false,
                    place: Some("Example Venue, Hauptstraße 1, 10115 Berlin".into()),
                    online: week % 4 == 0,
                    url: Some(format!("https://www.meetup.com/openstack-group-{n}/events/{week}00000/")),
                    cancelled: false,
                    last_modified: Some(at),
                    sequence: 0,
                }
            })
            .collect();
        let result = FetchResult::Parsed {
            etag: Some("\"abc\"".into()),
            last_modified: None,
            fingerprint: format!("fingerprint-{n}"),
            meetings,
        };
        let url = format!("https://calendar.example.org/{n}.ics");
        store
            .record_fetch(&group.slug.to_string(), &url, start, start.plus(Duration::from_secs(3600)), result)
            .unwrap();
    }

    let mut sent = groups_core::fixtures::valid_request_for(groups_server::terms::TERMS);
    for n in 0..REQUESTS {
        sent.group.name = format!("OpenStack User Group {n}");
        sent.organizers[0].email = format!("organiser-{n}@example.org");
        let request = NewRequest {
            id: format!("GR-{:04}-{:04}", n / 10_000, n % 10_000),
            received_at: start.plus(Duration::from_secs(n as u64 * 3000)),
            idempotency_key: format!("key-{n}"),
            body_sha256: format!("{n:064}"),
            request_json: serde_json::to_string(&sent).unwrap(),
            consent_version: "2026-11-01".into(),
            consent_text_sha256: "a".repeat(64),
            lang: groups_i18n::Lang::En,
            key_hash: format!("{n:064}"),
        };
        store.insert(&request, || unreachable!(), |_| Vec::new()).unwrap();
    }
    store.compact().unwrap();
    let built = started.elapsed();
    let size = std::fs::metadata(&path).unwrap().len();

    let copy = dir.path().join("copy.db");
    let timing = Instant::now();
    copy_database(&path, &copy).unwrap();
    let copied = timing.elapsed();
    let timing = Instant::now();
    let seen = inspect(&copy).unwrap();
    let checked = timing.elapsed();
    println!(
        "{GROUPS} groups, {} meetings, {REQUESTS} requests: the database is {:.1} MB ({size} bytes), built in {:.1} s; \
         a backup copies it in {:.2} s and checks it in {:.2} s ({seen})",
        GROUPS * MEETINGS_PER_GROUP,
        size as f64 / 1e6,
        built.as_secs_f64(),
        copied.as_secs_f64(),
        checked.as_secs_f64()
    );
    assert_eq!(
        (seen.requests, seen.groups, seen.meetings),
        (REQUESTS as i64, GROUPS as i64, (GROUPS * MEETINGS_PER_GROUP) as i64)
    );
}
