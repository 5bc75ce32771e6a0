//! Organisers look after their own request and group through a private link: the key it
//! carries (`key`), the limit on guessing (`attempts`), and what a key opens and may do
//! (`access`). The HTTP side is `api::organiser`; staff issue links with `requests link` and
//! `groups link`.

pub mod access;
pub mod attempts;
pub mod key;
