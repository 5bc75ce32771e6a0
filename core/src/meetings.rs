//! Groups' meetings as the server publishes them (`/meetings.json`) and the app reads them:
//! the upcoming meetings by date, each with its day and hours already worked out in the
//! meeting's own zone (so the app carries no time-zone database; each language writes them,
//! `when`), and for each group with a calendar where its meetings come from, when it last met
//! and whether it still seems to meet.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::{
    directory::GroupRecord,
    filter::{Filter, SOON_DAYS},
    when::{Day, When},
};

/// The file format version this code reads and writes (2: days and hours as data, written by
/// each language; 1 had them as English text).
pub const VERSION: u32 = 2;

/// `/meetings.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeetingsFile {
    pub version: u32,
    /// The site's canonical origin (`https://groups.openstack.org`), where its calendars are
    /// subscribed to; empty in a file that does not say (then pages link them by path).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub origin: String,
    /// Upcoming meetings of every group, by start.
    pub upcoming: Vec<Meeting>,
    /// For each group with a calendar (by slug): its meetings' story.
    pub groups: BTreeMap<String, GroupMeetings>,
}

/// One meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The group's slug.
    pub group: String,
    /// Stable across fetches: the same meeting keeps it (calendars updating rather than
    /// duplicating it use it as the UID).
    pub id: String,
    pub title: String,
    /// RFC 3339, UTC.
    pub start: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Its day and hours in its own zone, with the zone's abbreviation, or its offset where
    /// the zone has none ("UTC−3").
    pub when: When,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default)]
    pub online: bool,
    /// The meeting's own page (https only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default)]
    pub cancelled: bool,
}

/// A group's meetings at a glance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMeetings {
    /// Where they come from: the calendar's site ("meetup.com").
    pub source: String,
    /// The day they were last read from it (in UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Day>,
    /// The day of its latest past meeting, in its own zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Day>,
    /// The start of its next meeting (RFC 3339, UTC), for "meets in the next 30 days".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Its next meeting's day, in its own zone, for the list and the map's card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_date: Option<Day>,
    /// No meeting in the past 12 months nor the next 3: it may have stopped meeting.
    #[serde(default)]
    pub quiet: bool,
}

impl MeetingsFile {
    /// The upcoming meetings of `group`, by start.
    pub fn of<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a Meeting> + 'a {
        self.upcoming.iter().filter(move |m| m.group == group)
    }

    /// The groups whose next meeting starts in [`now`, `until`) (both as this file writes
    /// times): the "meets in the next 30 days" filter.
    pub fn meeting_between(&self, now: &str, until: &str) -> HashSet<String> {
        self.groups
            .iter()
            .filter(|(_, g)| g.next.as_deref().is_some_and(|next| starts_within(next, now, until)))
            .map(|(slug, _)| slug.clone())
            .collect()
    }

    /// The groups whose next meeting starts within [`SOON_DAYS`] days of `now` (seconds since
    /// 1970): the directory's "meets in the next 30 days".
    pub fn soon(&self, now: i64) -> HashSet<String> {
        let until = now + i64::from(SOON_DAYS) * 86_400;
        self.meeting_between(&utc_from_unix(now), &utc_from_unix(until))
    }

    /// The meetings still to come at `now` of the groups in the places `filter` names (its
    /// region and country; nothing else of it), by start: each as its position in `upcoming`
    /// and its group's in `groups`.
    pub fn in_places(&self, groups: &[GroupRecord], filter: &Filter, now: &str) -> Vec<(usize, usize)> {
        let by_slug: HashMap<&str, usize> = groups.iter().enumerate().map(|(i, g)| (g.slug.as_str(), i)).collect();
        let place = Filter { region: filter.region, country: filter.country, ..Filter::default() };
        let none = HashSet::new();
        let matcher = place.matcher(&none);
        self.upcoming
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.is_over(now))
            .filter_map(|(i, m)| by_slug.get(m.group.as_str()).map(|&g| (i, g)))
            .filter(|&(_, g)| matcher.matches(&groups[g], ""))
            .collect()
    }

    /// The next meeting's date of `group` in the page's language, if it has one.
    pub fn next_date(&self, group: &str) -> Option<String> {
        self.groups.get(group)?.next_date.map(Day::full)
    }
}

impl Meeting {
    /// The month and year it starts in, in its own zone: the heading it is listed under.
    pub fn month(&self) -> (i32, u8) {
        (self.when.day.year, self.when.day.month)
    }

    /// Whether it is over at `now` (RFC 3339 in UTC): ended, or started when it has no end.
    pub fn is_over(&self, now: &str) -> bool {
        self.end.as_deref().unwrap_or(&self.start) <= now
    }
}

/// `seconds` since 1970 in this file's form (`2026-12-03T01:02:03Z`): how the app writes its
/// clock's "now" to compare with the file's times as text.
pub fn utc_from_unix(seconds: i64) -> String {
    // Days to a civil date in the proleptic Gregorian calendar (H. Hinnant's algorithm): eras
    // of 400 years, each starting on 1 March so that the leap day ends the year.
    let (days, time) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", time / 3600, time % 3600 / 60, time % 60)
}

/// Whether `start` falls in [`now`, `until`): all three RFC 3339 in UTC as this file writes
/// them, which compare as text as they do as times.
pub fn starts_within(start: &str, now: &str, until: &str) -> bool {
    start >= now && start < until
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups() -> Vec<GroupRecord> {
        let records = [("berlin", "DE"), ("tokyo", "JP"), ("closed", "FR")]
            .map(|(slug, country)| {
                format!(
                    r#"{{"slug":"{slug}","name":"{slug}","country":"{country}","lat":1,"lon":2,"status":"official"}}"#
                )
            })
            .join(",");
        let read = crate::directory::read(&format!(r#"{{"version":1,"groups":[{records}]}}"#)).unwrap();
        read.groups.into_iter().filter(|g| g.slug != "closed").collect()
    }

    fn at(group: &str, start: &str) -> Meeting {
        Meeting {
            group: group.into(),
            id: format!("{group}-{start}"),
            title: "Talks".into(),
            start: start.into(),
            end: None,
            when: When {
                day: Day::new(2026, 12, 10).unwrap(),
                from: None,
                to: None,
                to_day: None,
                zone: String::new(),
                to_zone: None,
            },
            place: None,
            online: false,
            url: None,
            cancelled: false,
        }
    }

    #[test]
    fn meetings_are_shown_by_place_and_time_and_soon_means_thirty_days() {
        let now = 1_796_259_723; // 2026-12-03T01:02:03Z
        let mut file = MeetingsFile { version: VERSION, ..Default::default() };
        file.upcoming = vec![
            at("berlin", "2026-12-03T01:00:00Z"),
            at("tokyo", "2026-12-10T10:00:00Z"),
            at("closed", "2026-12-11T10:00:00Z"),
            at("berlin", "2027-01-07T18:00:00Z"),
        ];
        for (slug, next) in [("berlin", "2027-01-02T01:02:03Z"), ("tokyo", "2026-12-10T10:00:00Z")] {
            file.groups.insert(slug.into(), GroupMeetings { next: Some(next.into()), ..Default::default() });
        }
        assert_eq!(
            file.soon(now),
            HashSet::from(["tokyo".to_owned()]),
            "Berlin's next is exactly 30 days away: not within"
        );
        assert_eq!(file.soon(now + 1).len(), 2);
        let groups = groups();
        let all = file.in_places(&groups, &Filter::default(), &utc_from_unix(now));
        let shown: Vec<_> =
            all.iter().map(|&(m, g)| (groups[g].slug.as_str(), file.upcoming[m].start.as_str())).collect();
        assert_eq!(
            shown,
            [("tokyo", "2026-12-10T10:00:00Z"), ("berlin", "2027-01-07T18:00:00Z")],
            "past and unlisted left out"
        );
        let europe = Filter {
            region: Some(crate::regions::Region::Europe),
            soon: true,
            query: "x".into(),
            ..Default::default()
        };
        assert_eq!(file.in_places(&groups, &europe, &utc_from_unix(now)).len(), 1, "only the place counts");
    }

    #[test]
    fn the_file_reads_what_it_writes() {
        let mut file = MeetingsFile { version: VERSION, ..Default::default() };
        file.upcoming.push(Meeting {
            group: "berlin".into(),
            id: "a1@groups.example.org".into(),
            title: "<b>Talks</b>".into(),
            start: "2026-12-10T17:30:00Z".into(),
            end: None,
            when: When {
                day: Day::new(2026, 12, 10).unwrap(),
                from: Some("18:30".parse().unwrap()),
                to: None,
                to_day: None,
                zone: "CET".into(),
                to_zone: None,
            },
            place: None,
            online: true,
            url: None,
            cancelled: false,
        });
        file.groups.insert("berlin".into(), GroupMeetings { source: "meetup.com".into(), ..Default::default() });
        let text = serde_json::to_string(&file).unwrap();
        assert!(!text.contains("\"end\""), "absent members are left out: {text}");
        assert_eq!(serde_json::from_str::<MeetingsFile>(&text).unwrap(), file);
        assert_eq!(file.of("berlin").count(), 1);
        assert_eq!(file.upcoming[0].month(), (2026, 12));
        assert!(text.contains(r#""when":{"day":"2026-12-10","from":"18:30","zone":"CET"}"#), "{text}");
        assert!(starts_within("2026-12-10T17:30:00Z", "2026-12-01T00:00:00Z", "2026-12-31T00:00:00Z"));
        assert!(!starts_within("2027-01-10T17:30:00Z", "2026-12-01T00:00:00Z", "2026-12-31T00:00:00Z"));
        file.groups.get_mut("berlin").unwrap().next = Some("2026-12-10T17:30:00Z".into());
        let soon = file.meeting_between("2026-12-01T00:00:00Z", "2026-12-31T00:00:00Z");
        assert!(soon.contains("berlin"));
        assert!(file.meeting_between("2027-01-01T00:00:00Z", "2027-01-31T00:00:00Z").is_empty());
        for (seconds, text) in [
            (0, "1970-01-01T00:00:00Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_796_259_723, "2026-12-03T01:02:03Z"),
            (4_107_542_399, "2100-02-28T23:59:59Z"),
        ] {
            assert_eq!(utc_from_unix(seconds), text, "{seconds}");
        }
        let talk = &file.upcoming[0];
        assert!(
            !talk.is_over("2026-12-10T17:29:59Z") && talk.is_over("2026-12-10T17:30:00Z"),
            "no end: over once begun"
        );
        let long = Meeting { end: Some("2026-12-10T20:00:00Z".into()), ..talk.clone() };
        assert!(!long.is_over("2026-12-10T19:00:00Z") && long.is_over("2026-12-10T20:00:00Z"));
    }
}
