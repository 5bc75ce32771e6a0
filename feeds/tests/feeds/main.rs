//! The crate read against feeds as real tools write them (fixtures in `tests/fixtures/`),
//! hostile and broken ones, and its own calendars read back. `now` is fixed throughout.

mod allday;
mod caps;
mod common;
mod fingerprint;
mod hostile;
mod labels;
mod malformed;
mod meetup;
mod other_tools;
mod outlook;
mod recurrence;
mod robustness;
mod write;
