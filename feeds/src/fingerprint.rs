//! A fingerprint of a feed's content, so that an unchanged feed is not read again. Feeds
//! rewrite some lines on every fetch (DTSTAMP is the time of the download): those are left
//! out, as are differences of line endings and folding.

use crate::read::unfold;
use sha2::{Digest, Sha256};

/// Properties whose value changes on every fetch without the events changing.
const VOLATILE: [&str; 1] = ["DTSTAMP"];

/// Hex SHA-256 of the feed's unfolded lines, without the [`VOLATILE`] ones: the same events
/// give the same fingerprint.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash = Sha256::new();
    for line in unfold(bytes).split(|&b| b == b'\n') {
        let name_end = line.iter().position(|&b| b == b':' || b == b';').unwrap_or(line.len());
        let name = line.get(..name_end).unwrap_or_default().trim_ascii();
        if VOLATILE.iter().any(|v| name.eq_ignore_ascii_case(v.as_bytes())) {
            continue;
        }
        hash.update(line);
        hash.update(b"\n");
    }
    groups_core::hex::hex(&hash.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_and_line_endings_do_not_count() {
        let a = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Rust\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let b = b"BEGIN:VCALENDAR\nBEGIN:VEVENT\ndtstamp;X-A=1:20260202T101010Z\nSUMMARY:R\n ust\nEND:VEVENT\nEND:VCALENDAR\n";
        assert_eq!(fingerprint(a), fingerprint(b));
        assert_eq!(fingerprint(a).len(), 64);
        let c = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Go\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_ne!(fingerprint(a), fingerprint(c));
    }
}
