//! Groups' meetings, imported from their calendar feeds by the server (never by the browser):
//! which feed a group has ([`feeds`], with the zone of its place from [`place_zone`] for a feed
//! that names none), fetching it carefully ([`fetch`], with [`address`] deciding where a
//! connection may go), refreshing every feed on a schedule ([`refresh`]), and publishing the
//! stored meetings (never the fetcher's) to the pages and to calendars ([`live`], [`file`],
//! each meeting written by [`convert`], served by [`routes`]). Reading a feed is groups-feeds',
//! and a meeting is the [`groups_feeds::Occurrence`] it reads.

pub mod address;
pub mod convert;
pub mod feeds;
pub mod fetch;
pub mod file;
pub mod live;
pub mod place_zone;
pub mod refresh;
pub mod routes;
