//! The end-to-end tests (`tests/`) and the browser benchmark (`benches/`) of the groups
//! portal: a package of its own, so that a plain `cargo test` at the root runs what needs no
//! browser and no release build. `cargo xtask test` runs these with what they need.
