//! How long each text may be, for new-group requests and directory records alike (counted in
//! characters, not bytes: "Zürich" is 6), and the few minimums that only a request has.

/// A group's name.
pub const NAME_MAX: usize = 100;
/// A new group's name is at least this long ("UK" is a listed group of the old portal's).
pub const NAME_MIN: usize = 3;
pub const CITY_MAX: usize = 100;
pub const DESCRIPTION_MAX: usize = 500;
/// A new group's description says at least a little.
pub const DESCRIPTION_MIN: usize = 20;
/// A web address.
pub const URL_MAX: usize = 300;
/// A group's address, `/groups/<slug>`.
pub const SLUG_MAX: usize = 80;
/// An organiser's name.
pub const PERSON_NAME_MAX: usize = 100;
/// An email address, as mail allows it.
pub const EMAIL_MAX: usize = 254;
/// Organisers a request names.
pub const ORGANIZERS_MAX: usize = 5;
