//! Content pages: the markdown files in `src/content/`, compiled into checked HTML at build
//! time by `build.rs`, looked up by path, `/content/<path>` or alias, and shown.

pub mod lookup;
pub mod view;
