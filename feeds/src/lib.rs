//! Groups' calendar feeds: iCalendar as Meetup, Google, Outlook and hand-made tools write it,
//! read leniently into meetings, and calendars written for subscribers. Pure: no I/O, no clock
//! (`now` is always a parameter), so the server decides when to fetch and what to keep.
//!
//! - [`parse`] turns a feed's bytes into [`Occurrence`]s inside a window: lines unfolded
//!   (`read`), other tools' known mistakes mended (`repair`), the calendar parsed by `calcard`,
//!   zones resolved (`zones`, Windows names too; `own_zone` for zones only the feed defines),
//!   repeating events expanded (`expand`) with their exceptions and moved dates (`feed`,
//!   `future` for a date moved with all later ones), and every text made safe to show
//!   (`text`), once per event (`shown`). A bad event costs only itself (it is listed in
//!   [`Parsed::skipped`], as is a zone read by its own rules or not known at all); a file
//!   that is not a calendar, or is cut off, is an error so that the meetings already known
//!   are kept.
//! - [`fingerprint`] tells whether a feed changed since the last fetch.
//! - [`local_when`] gives a meeting's day and hours in its own zone, as data each language writes.
//! - [`write_calendar`] writes occurrences as an iCalendar file for subscribers.

mod event;
mod expand;
mod feed;
mod fingerprint;
mod future;
mod local_when;
mod online;
mod own_zone;
mod read;
mod repair;
mod shown;
mod text;
mod when;
mod write;
mod zones;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::fmt;

pub use fingerprint::fingerprint;
pub use local_when::{local_when, when_in_zone};
pub use write::write_calendar;

/// At most this many occurrences are read from one feed: those nearest to `now`.
pub const MAX_OCCURRENCES: usize = 500;
/// The longest title and place, in characters (longer ones are cut and end with "…").
pub const TEXT_MAX: usize = 200;
/// The longest UID, in characters.
pub const UID_MAX: usize = 255;
/// The title of a meeting whose feed gives none.
pub const DEFAULT_TITLE: &str = "Meeting";

/// One meeting of a feed: a one-off event, or one date of a repeating one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// The event's UID, sanitised; an event without one gets a stable one derived from its
    /// start and title ("generated-…").
    pub uid: String,
    /// For a date of a repeating event (or a moved one): the instant it was first planned
    /// for. `uid` and `recurrence_id` together are unique within a feed. `None` for a one-off.
    pub recurrence_id: Option<DateTime<Utc>>,
    /// SUMMARY, sanitised; [`DEFAULT_TITLE`] when missing or empty. Markup stays literal text.
    pub title: String,
    pub start: DateTime<Utc>,
    /// After `start`, or `None` (no end given, or an end that is not after the start).
    pub end: Option<DateTime<Utc>>,
    /// The zone to show it in: the event's own, else the calendar's (X-WR-TIMEZONE), else the
    /// default zone given to [`parse`].
    pub tz: Tz,
    /// A date without a time: `start` is midnight in `tz`, `end` the (exclusive) midnight after.
    pub all_day: bool,
    /// LOCATION, sanitised.
    pub place: Option<String>,
    /// An online meeting: the place says so ("Online event", "Zoom"…), or there is no place
    /// and the link or description leads to a known meeting service.
    pub online: bool,
    /// URL, only when it is a valid `https://` address.
    pub url: Option<String>,
    /// STATUS:CANCELLED, on the event or on this date of it.
    pub cancelled: bool,
    pub last_modified: Option<DateTime<Utc>>,
    pub sequence: u32,
}

/// What [`parse`] read from a feed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Sorted by start, then UID.
    pub occurrences: Vec<Occurrence>,
    /// One short line per event left out and why ("UID x: no start"), for staff; also each
    /// zone the feed names that is read by its own rules or not known at all.
    pub skipped: Vec<String>,
}

/// Why a whole feed is refused: the server then keeps the meetings it had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedError {
    /// Nothing but blank space.
    Empty,
    /// Something else than a calendar (a login page, JSON); `starts_with` is the beginning of
    /// its first line, sanitised and cut.
    NotICalendar { starts_with: String },
    /// The download stopped early: the file does not end with END:VCALENDAR (a line of junk
    /// after it, or END:VCALENDARD, still ends it). Reading the half that came would delete
    /// the meetings of the half that did not.
    Truncated,
}

impl fmt::Display for FeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FeedError::Empty => f.write_str("the feed is empty"),
            FeedError::NotICalendar { starts_with } => {
                write!(f, "the feed is not an iCalendar file (it starts with {starts_with})")
            }
            FeedError::Truncated => f.write_str("the feed is cut off: it does not end with END:VCALENDAR"),
        }
    }
}

impl std::error::Error for FeedError {}

/// Reads a feed: the occurrences starting within `[window.0, window.1)`, sorted by start
/// then UID, at most [`MAX_OCCURRENCES`] (those nearest to `now`). `default_tz` is the zone
/// of a feed that names none (no X-WR-TIMEZONE): its floating times and dates are read in it,
/// and its UTC times shown in it.
pub fn parse(
    bytes: &[u8],
    now: DateTime<Utc>,
    window: (DateTime<Utc>, DateTime<Utc>),
    default_tz: Tz,
) -> Result<Parsed, FeedError> {
    let text = read::prepare(bytes)?;
    Ok(feed::read_feed(&text, now, window, default_tz))
}
