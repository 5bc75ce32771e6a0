//! The app's own site-wide settings. The site's facts (its name, the staff's address, how a
//! document's title is made) are `groups_core::site`'s, shared with the server.

/// The portal's name (`groups_core::site`'s), here for the app's views and tests.
pub use groups_core::site::SITE_NAME;

/// The id of the `<main>` landmark: target of the skip link, and of focus after a
/// navigation to a page without a heading.
pub const MAIN_ID: &str = "main";

/// One-line description of the portal, used by the home page and the footer: the home page's
/// description in the route table.
pub const TAGLINE: &str = groups_core::routes::route(groups_core::routes::Page::Home).description;
