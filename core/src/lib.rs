//! The portal's plain-Rust domain shared by the app (compiled to wasm) and the server: the
//! wire types (serde), countries and regions, link kinds, the groups directory with its
//! rules, and the new-group request with its one set of validation rules. No web-sys, no I/O.

#[macro_use]
mod slug_enum;

pub mod answer;
pub mod case;
pub mod cluster;
pub mod consent;
pub mod country_boxes;
pub mod country_shape;
pub mod directory;
pub mod filter;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod geo;
pub mod hex;
pub mod html;
pub mod interest;
pub mod key;
pub mod labels;
pub mod limits;
pub mod links;
pub mod markup;
pub mod math;
pub mod meetings;
pub mod merge;
pub mod near;
pub mod organiser;
pub mod places;
pub mod problem;
pub mod regions;
pub mod request;
pub mod request_edit;
pub mod routes;
pub mod search;
pub mod search_terms;
pub mod site;
pub mod text;
pub mod validate;
pub mod viewport;
pub mod when;
