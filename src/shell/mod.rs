//! The shell: the frame every page shares (skip link, header with the menu, the one `<main>`,
//! footer), the document title, focus after in-app navigation, the site's settings, and the
//! 404 page.

pub mod focus;
pub mod footer;
pub mod frame;
pub mod header;
pub mod nav;
pub mod not_found;
pub mod site;
pub mod title;
