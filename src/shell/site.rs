//! The app's own site-wide settings. The site's facts (the staff's address, how a document's
//! title is made) are `groups_core::site`'s, shared with the server.

use groups_i18n::{catalogue, t, Catalogue, Msg};

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

/// The tagline as the page being drawn says it: English's inside a page shown in English
/// (the shell's own words are the visitor's language's, the page's never a mix).
pub fn page_tagline() -> &'static str {
    if catalogue::page_in_english() {
        Catalogue::english().text(Msg::ShellTagline)
    } else {
        tagline()
    }
}

/// The id of the `<main>` landmark: target of the skip link, and of focus after a
/// navigation to a page without a heading.
pub const MAIN_ID: &str = "main";
