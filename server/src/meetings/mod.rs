//! Groups' meetings, imported from their calendar feeds by the server (never by the browser):
//! which feed a group has, fetching it carefully ([`fetch`], with [`address`] deciding where a
//! connection may go), refreshing every feed on a schedule ([`refresh`]), and publishing the
//! meetings to the pages and to calendars ([`published`]). Reading a feed is groups-feeds'.

pub mod address;
pub mod feeds;
pub mod fetch;
pub mod live;
pub mod refresh;
pub mod routes;
