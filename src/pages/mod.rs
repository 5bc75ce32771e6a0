//! Content pages: the markdown files in `src/content/`, compiled into checked HTML at build
//! time by `build.rs`, looked up by path, `/content/<path>` or alias, and shown; in another
//! language, its translation where there is one (`translated`).

pub mod lookup;
pub mod translated;
pub mod view;
