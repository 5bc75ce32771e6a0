//! Places as the visitor types them, for the directory's search, the meetings' place and the
//! new-group form's city: the server's gazetteer asked as they type (`api`, `suggest`: debounced,
//! stale calls aborted, never fewer than two characters), the places known by id for the visit
//! (`book`), the combobox that offers them (`combobox`: its state, pure; `combobox_view`), and
//! the visitor's own position (`location`), which never leaves the browser, and the country it is
//! in (`country_of`), found there too.
//!
//! Only the lazy views use these, so they come with their chunks, not in the main module.

pub mod api;
pub mod book;
pub mod combobox;
pub mod combobox_view;
pub mod country_of;
pub mod location;
pub mod place_field;
pub mod suggest;
