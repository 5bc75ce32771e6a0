//! The meetings' HTTP routes: `/meetings.json` for the app (with a validator: a reload costs a
//! 304 until the meetings change), the calendars to subscribe to, a group's
//! (`/groups/<slug>/meetings.ics`) and every group's (`/meetings.ics`, narrowed by `region`
//! and `country` like the directory), and one meeting's alone, to add it to a calendar
//! (`/groups/<slug>/meetings/<key>.ics`).

use axum::{
    extract::{Path, RawQuery, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use groups_core::filter::from_query;

use super::live::LiveMeetings;
use crate::live_directory::LiveDirectory;

/// What the routes read: the meetings and the directory they belong to.
#[derive(Clone)]
pub struct Meetings {
    pub published: LiveMeetings,
    pub directory: LiveDirectory,
}

pub async fn meetings_json(State(meetings): State<Meetings>, headers: HeaderMap) -> Response {
    let snapshot = meetings.published.snapshot();
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim().trim_start_matches("W/") == snapshot.etag));
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], snapshot.json.clone()).into_response()
    };
    response.headers_mut().insert(header::ETAG, HeaderValue::from_str(&snapshot.etag).expect("a hex tag"));
    response
}

const CALENDAR: &str = "text/calendar; charset=utf-8";

pub async fn group_calendar(State(meetings): State<Meetings>, Path(slug): Path<String>) -> Response {
    let directory = meetings.directory.published();
    match directory.find(&slug) {
        Some(group) => ([(header::CONTENT_TYPE, CALENDAR)], meetings.published.group_calendar(group)).into_response(),
        None => not_found(),
    }
}

/// One meeting's calendar (`<key>.ics`, its UID's part before `@`): the event as the group's
/// calendar writes it, with the same UID, so a calendar that has both holds it once.
pub async fn meeting_calendar(
    State(meetings): State<Meetings>,
    Path((slug, file)): Path<(String, String)>,
) -> Response {
    let directory = meetings.directory.published();
    let found = directory
        .find(&slug)
        .zip(file.strip_suffix(".ics"))
        .and_then(|(group, key)| meetings.published.meeting_calendar(group, key));
    match found {
        Some(ics) => ([(header::CONTENT_TYPE, CALENDAR)], ics).into_response(),
        None => not_found(),
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "Not found\n").into_response()
}

pub async fn calendar(State(meetings): State<Meetings>, RawQuery(query): RawQuery) -> Response {
    let filter = from_query(query.as_deref().unwrap_or_default());
    let name = match (filter.country, filter.region) {
        (Some(code), _) => {
            format!("User group meetings in {}", groups_core::regions::country(code).map_or(code, |c| c.name))
        }
        (None, Some(region)) => format!("User group meetings in {}", region.name()),
        (None, None) => "User group meetings".to_owned(),
    };
    let directory = meetings.directory.published();
    ([(header::CONTENT_TYPE, CALENDAR)], meetings.published.calendar(&name, &directory.groups, &filter)).into_response()
}
