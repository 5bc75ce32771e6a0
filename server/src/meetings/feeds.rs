//! Which listed group has a calendar feed, and where: its staff's choice, else its links (a
//! calendar link, else its Meetup group's feed), with how its fetches went and the zone of the
//! group's place. Read by the refresh that fetches them and by the publishing of meetings,
//! which never depends on the fetcher.

use std::collections::HashMap;

use chrono_tz::Tz;
use groups_core::links::feed_url;

use super::place_zone::zone_at;
use crate::store::{FeedMode, FeedState, Store, StoreError};

/// A listed group's feed: where it is, and how its fetches went.
#[derive(Clone, Debug)]
pub struct Feed {
    pub slug: String,
    pub url: String,
    pub state: FeedState,
    /// The zone of the group's place: a feed that names none (many event sites write UTC
    /// times and no calendar zone) is read and shown in it. UTC where the place has none.
    pub zone: Tz,
}

/// Every listed group's feed (a group whose feed is off, or whose links give none, has none),
/// by slug.
pub fn feeds(store: &Store) -> Result<Vec<Feed>, StoreError> {
    let mut states: HashMap<String, FeedState> =
        store.feed_states()?.into_iter().map(|s| (s.slug.clone(), s)).collect();
    let mut feeds: Vec<Feed> = store
        .groups()?
        .into_iter()
        .filter_map(|group| {
            let state = states.remove(&group.slug).unwrap_or_else(|| FeedState::fresh(&group.slug));
            let url = match state.mode {
                FeedMode::Off => None,
                FeedMode::Url => state.url.clone(),
                FeedMode::Auto => feed_url(&group.links),
            }?;
            let zone = zone_at(group.country.code, group.lat, group.lon).unwrap_or(chrono_tz::UTC);
            Some(Feed { slug: group.slug, url, state, zone })
        })
        .collect();
    feeds.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(feeds)
}
