//! The app's own site-wide settings. The site's facts (the staff's address, how a document's
//! title is made) are `groups_core::site`'s, shared with the server.

use groups_i18n::{t, Msg};

/// The portal's name in English (`groups_core::site`'s), for tests that visit in English;
/// views say [`site_name`], in the visitor's language.
pub use groups_core::site::SITE_NAME;

/// The portal's name in the visitor's language (`OpenStack User Groups`).
pub fn site_name() -> &'static str {
    t(Msg::ShellSiteName)
}

/// The portal's one-line description in the visitor's language, for the home page and the
/// footer: the home page's description in the route table.
pub fn tagline() -> &'static str {
    t(Msg::ShellTagline)
}

/// The id of the `<main>` landmark: target of the skip link, and of focus after a
/// navigation to a page without a heading.
pub const MAIN_ID: &str = "main";
