//! `occurrences FILE NOW FROM UNTIL [ZONE]`: one calendar file read by `groups_feeds::parse`,
//! its occurrences printed as JSON lines, for comparing the reader with another one
//! (`tools/compare_calendars.py`). The instants are RFC 3339 in UTC; `NOW` is given, never
//! the clock, so a run can be repeated; `ZONE` (default UTC) is the zone of floating times.
//!
//! Each line is an occurrence (`uid`, `recurrence_id`, `start`, `end`, `all_day`, `title`),
//! then one `{"skipped": …}` line; a refused file prints only `{"error": …}`. A tool beside
//! the library, which itself stays pure: the file is read here.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::json;
use std::process::ExitCode;

fn instant(arg: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(arg).map(|d| d.with_timezone(&Utc)).map_err(|e| format!("{arg}: {e}"))
}

fn rfc3339(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn run(args: &[String]) -> Result<(), String> {
    let [file, now, from, until, rest @ ..] = args else {
        return Err("usage: occurrences FILE NOW FROM UNTIL [ZONE] (instants in RFC 3339)".into());
    };
    let zone = match rest.first() {
        Some(name) => name.parse().map_err(|e| format!("{name}: {e}"))?,
        None => chrono_tz::UTC,
    };
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    let parsed = match groups_feeds::parse(&bytes, instant(now)?, (instant(from)?, instant(until)?), zone) {
        Ok(parsed) => parsed,
        Err(e) => {
            println!("{}", json!({ "error": e.to_string() }));
            return Ok(());
        }
    };
    for o in &parsed.occurrences {
        let line = json!({
            "uid": o.uid,
            "recurrence_id": o.recurrence_id.map(rfc3339),
            "start": rfc3339(o.start),
            "end": o.end.map(rfc3339),
            "all_day": o.all_day,
            "title": o.title,
        });
        println!("{line}");
    }
    println!("{}", json!({ "skipped": parsed.skipped }));
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("occurrences: {why}");
            ExitCode::FAILURE
        }
    }
}
