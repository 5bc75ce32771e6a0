//! A feed's fingerprint ignores the download stamps and follows the events.

use crate::common::fixture;
use groups_feeds::fingerprint;

fn replaced(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    // The fixture has a fold inside "ß": replace on bytes, not on a decoded copy.
    let (from, to) = (from.as_bytes(), to.as_bytes());
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn new_stamps_give_the_same_fingerprint() {
    let feed = fixture("meetup.ics");
    let restamped = replaced(&feed, "DTSTAMP:20251201T101010Z", "DTSTAMP:20260115T120000Z");
    assert_ne!(feed, restamped);
    assert_eq!(fingerprint(&feed), fingerprint(&restamped));
    let relined = replaced(&feed, "\r\n", "\n");
    assert_eq!(fingerprint(&feed), fingerprint(&relined));
}

#[test]
fn a_changed_title_gives_another() {
    let feed = fixture("meetup.ics");
    let changed = replaced(&feed, "SUMMARY:UTC event (Z times)", "SUMMARY:UTC event (moved)");
    assert_ne!(fingerprint(&feed), fingerprint(&changed));
    let f = fingerprint(&feed);
    assert_eq!(f.len(), 64);
    assert!(f.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
}
