//! The command-line side for the staff who run the portal: reading the requests
//! ([`output`]), deciding on them and closing groups ([`decide`]), the directory's import,
//! export, history and revert ([`groups`]), and the privacy page's promises: access, erasure
//! and deletion after 12 months ([`privacy`]), and for sign-ups for news of groups near a
//! place ([`interest`]).

pub mod decide;
pub mod groups;
pub mod interest;
pub mod links;
pub mod mail;
pub mod meetings;
pub mod output;
pub mod privacy;

/// Who is acting: `--by`, or else the login name, so that every decision says who made it.
pub fn staff_name(by: Option<String>) -> String {
    by.filter(|b| !b.trim().is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("LOGNAME").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "staff".into())
}
