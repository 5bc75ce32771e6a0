//! The portal's plain-Rust domain shared by the app (compiled to wasm) and the inbox: JSON
//! values, countries and regions, link kinds, and the new-group request with its one set of
//! validation rules. No web-sys, no I/O.

pub mod consent;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod json;
pub mod key;
pub mod links;
pub mod regions;
pub mod request;
pub mod validate;
