//! The staff's meetings commands: `meetings refresh [--slug]` (fetch now, one line per feed),
//! `meetings status` (every feed: where, its last success and error, its meetings), and
//! `groups calendar SLUG URL|--off|--auto` (choose a group's feed, recorded in its history).

use std::{fmt::Write as _, sync::Arc};

use groups_core::{
    links::{check_link, LinkKind},
    problem::Problem,
    text::escape_invisible,
};

use crate::{
    cli::{MeetingsAction, StaffFiles},
    clock::Timestamp,
    feed_policy,
    live_directory::seed_if_needed,
    meetings::{
        fetch::Fetcher,
        refresh::{feeds, refresh_all, DEFAULT_EVERY},
    },
    site_origin,
    store::{Decision, FeedMode, Store},
    ServerError,
};

/// How a group's feed is chosen by staff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedChoice {
    Url(String),
    Off,
    Auto,
}

pub async fn run(action: MeetingsAction, files: &StaffFiles) -> Result<String, ServerError> {
    let store = Arc::new(Store::open_existing(&files.db)?);
    if let Some(seeded) = seed_if_needed(&store, &files.groups, &files.dist)? {
        eprintln!("groups-server: {seeded}");
    }
    match action {
        MeetingsAction::Refresh { slug, insecure_feeds, now } => {
            let mut all = store.run(feeds).await?;
            if let Some(slug) = &slug {
                all.retain(|f| f.slug == slug.trim());
                if all.is_empty() {
                    return Err(ServerError::Refused(format!(
                        "no listed group `{slug}` has a calendar feed: `meetings status` lists them"
                    )));
                }
            }
            if all.is_empty() {
                return Ok("No group has a calendar feed.\n".to_owned());
            }
            let fetcher = Fetcher::new(feed_policy(&site_origin(&files.dist), insecure_feeds));
            let done = refresh_all(&store, &fetcher, all, now.unwrap_or_else(Timestamp::now), DEFAULT_EVERY).await;
            let width = done.iter().map(|(f, _)| f.slug.len()).max().unwrap_or(0);
            Ok(done.iter().map(|(feed, outcome)| format!("{:<width$}  {}  {outcome}\n", feed.slug, feed.url)).collect())
        }
        MeetingsAction::Status => status(&store),
    }
}

/// Every feed, with its address, its last success and error, and the meetings it holds.
fn status(store: &Store) -> Result<String, ServerError> {
    let all = feeds(store)?;
    if all.is_empty() {
        return Ok("No group has a calendar feed.\n".to_owned());
    }
    let mut said = String::new();
    for feed in &all {
        let s = &feed.state;
        let _ = writeln!(said, "{}  {} ({})", feed.slug, feed.url, s.mode.label());
        let when = |t: Option<Timestamp>| t.map_or_else(|| "never".to_owned(), |t| t.to_string());
        let _ = writeln!(said, "    last success: {}; {} meetings held", when(s.succeeded_at), s.meetings);
        if let Some(error) = &s.error {
            let _ = writeln!(
                said,
                "    last error: {} ({} in a row; next try {})",
                escape_invisible(error),
                s.failures,
                when(s.next_at)
            );
        }
    }
    Ok(said)
}

/// Chooses how the feed of `slug` is found.
pub fn choose(
    store: &Store,
    slug: &str,
    choice: FeedChoice,
    insecure: bool,
    decision: &Decision,
) -> Result<String, ServerError> {
    let (mode, url) = match &choice {
        FeedChoice::Url(url) => {
            let url = url.trim();
            let loopback_http = insecure && url.to_ascii_lowercase().starts_with("http://");
            if !loopback_http {
                check_link(LinkKind::Calendar, url)
                    .map_err(|e| ServerError::Refused(Problem::of_address(LinkKind::Calendar, &e).english()))?;
            }
            (FeedMode::Url, Some(url.to_owned()))
        }
        FeedChoice::Off => (FeedMode::Off, None),
        FeedChoice::Auto => (FeedMode::Auto, None),
    };
    let state = store.set_feed(slug, mode, url.as_deref(), decision)?.ok_or_else(|| {
        ServerError::Refused(format!("no group with the slug `{slug}` is listed: `groups export` shows the directory"))
    })?;
    let now = match (state.mode, &state.url) {
        (FeedMode::Url, Some(url)) => format!("its meetings come from {url}"),
        (FeedMode::Off, _) => "its meetings are no longer imported (and no longer shown)".to_owned(),
        _ => "its meetings come from its links again (a calendar link, else its Meetup group)".to_owned(),
    };
    Ok(format!(
        "{}: {now}; recorded by {}. `meetings refresh --slug {slug}` fetches it now.\n",
        groups_core::routes::group_href(slug),
        decision.by
    ))
}
