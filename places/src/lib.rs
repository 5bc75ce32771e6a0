//! groups-places: the portal's gazetteer. Every town of 15,000 people or more (GeoNames'
//! cities15000) by every Latin-script name it goes by, every country by its English and its own
//! names, the US states and Canada's provinces, in one index the server loads at its start and
//! searches as the visitor types: accents and case folded on both sides, typos forgiven,
//! "City, Country" understood, namesakes ranked by people.
//!
//! - [`fold`]: the one folding of names and queries;
//! - [`id`]: a place's stable id, as the directory's address carries it;
//! - [`index`]: the index file (an fst of names and the tables it points into);
//! - [`build`] and [`sources`]: the index made from the pinned registry packages;
//! - [`search`] and [`best`]: a query to places, and free text to the one place it means.
//!
//! Pure logic and files: no network, and no logging (what a visitor types is nobody's record).

pub mod best;
pub mod build;
pub mod fold;
pub mod id;
pub mod index;
pub mod search;
pub mod sources;

#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;

use std::path::{Path, PathBuf};

pub use groups_core::places::{Place, PlaceKind};
pub use id::PlaceId;
pub use index::{Index, IndexError, Stats};

/// Where the index lives in a built site: beside the pages, in a folder the server never
/// serves as files (the index is the server's, not the browser's).
pub const SITE_FOLDER: &str = "_places";

/// The index's file in the built site `dist`.
pub fn in_site(dist: &Path) -> PathBuf {
    dist.join(SITE_FOLDER).join("places.idx")
}
