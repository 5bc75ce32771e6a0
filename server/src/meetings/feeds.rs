//! Which listed group has a calendar feed, and where: its staff's choice, else its links (a
//! calendar link, else its Meetup group's feed), with how its fetches went. Read by the refresh
//! that fetches them and by the publishing of meetings, which never depends on the fetcher.

use std::collections::HashMap;

use groups_core::links::feed_url;

use crate::store::{FeedMode, FeedState, Store, StoreError};

/// A listed group's feed: where it is, and how its fetches went.
#[derive(Clone, Debug)]
pub struct Feed {
    pub slug: String,
    pub url: String,
    pub state: FeedState,
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
            Some(Feed { slug: group.slug, url, state })
        })
        .collect();
    feeds.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(feeds)
}
