//! A realistic `/meetings.json` for `cargo xtask size`: every shipped group whose feed the
//! server would import (a calendar link, or a Meetup group's) with six meetings a month
//! apart, written as the server writes them. The real file depends on what the groups'
//! calendars hold, so the report measures this stand-in and says how it was made.

use std::{fs, path::Path};

use anyhow::{Context, Result};
use groups_core::{
    directory,
    links::feed_url,
    meetings::{GroupMeetings, Meeting, MeetingsFile, VERSION},
    when::{Day, When},
};

/// Meetings per group in the sample: about half a year of monthly meetings, the window the
/// server publishes.
pub const PER_GROUP: usize = 6;

/// The sample for the directory in `groups_json`, and how many groups it covers.
pub fn sample(groups_json: &Path) -> Result<(String, usize)> {
    let text = fs::read_to_string(groups_json).with_context(|| format!("reading {}", groups_json.display()))?;
    let read = directory::read(&text).map_err(|e| anyhow::anyhow!("{}: {}", groups_json.display(), e.0))?;
    let mut file = MeetingsFile { version: VERSION, ..Default::default() };
    let mut covered = 0;
    for group in read.groups.iter().filter(|g| feed_url(&g.links).is_some()) {
        covered += 1;
        for month in 0..PER_GROUP {
            let day = 10 + month;
            file.upcoming.push(Meeting {
                group: group.slug.clone(),
                id: format!("event_{:09}@meetup.com", covered * 100 + month),
                title: format!("{}: monthly meetup — lightning talks and networking", group.name),
                start: format!("2027-{:02}-{day:02}T17:30:00Z", month + 1),
                end: Some(format!("2027-{:02}-{day:02}T20:00:00Z", month + 1)),
                when: When {
                    day: Day::new(2027, month as u8 + 1, day as u8).expect("a day"),
                    from: "18:30".parse().ok(),
                    to: "21:00".parse().ok(),
                    to_day: None,
                    zone: "CET".into(),
                    to_zone: None,
                },
                place: Some(format!(
                    "Community hall, Main Street 12, {}",
                    group.city.as_deref().unwrap_or("the capital")
                )),
                online: false,
                url: Some(format!("https://www.meetup.com/{}/events/{:09}/", group.slug, covered * 100 + month)),
                cancelled: false,
            });
        }
        file.groups.insert(
            group.slug.clone(),
            GroupMeetings {
                source: "meetup.com".into(),
                updated: "2026-12-02".parse().ok(),
                last: "2026-11-12".parse().ok(),
                next: Some("2027-01-10T17:30:00Z".into()),
                next_date: "2027-01-10".parse().ok(),
                quiet: false,
            },
        );
    }
    file.upcoming.sort_by(|a, b| a.start.cmp(&b.start));
    Ok((serde_json::to_string(&file)?, covered))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_covers_the_groups_with_a_feed_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("groups.json");
        fs::write(
            &path,
            r#"{"version":1,"groups":[
              {"slug":"a","name":"A group","city":"Berlin","country":"DE","lat":52.5,"lon":13.4,"status":"official",
               "links":[{"kind":"meetup","url":"https://www.meetup.com/a-group/"}]},
              {"slug":"b","name":"B group","country":"FR","lat":48.8,"lon":2.3,"status":"official"}]}"#,
        )
        .unwrap();
        let (json, covered) = sample(&path).unwrap();
        assert_eq!(covered, 1);
        let file: MeetingsFile = serde_json::from_str(&json).unwrap();
        assert_eq!(file.upcoming.len(), PER_GROUP);
        assert!(file.groups.contains_key("a") && !file.groups.contains_key("b"));
    }
}
