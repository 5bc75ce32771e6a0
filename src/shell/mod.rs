//! The shell: the frame every page shares (skip link, header with the language switcher and
//! the menu, the one `<main>`, footer), the visitor's language (`languages`), the document title, focus and scroll after in-app navigation and Back, the site's
//! settings, the 404 page, what the parts loaded later (in chunks of their own) need from the
//! app, where a link inside the site leads (`links`), and taking over the page the server
//! sent.

pub mod focus;
pub mod footer;
pub mod frame;
pub mod header;
pub mod history;
pub mod languages;
pub mod lazy;
pub mod links;
pub mod nav;
pub mod not_found;
pub mod site;
pub mod takeover;
pub mod title;
