//! Whether a meeting is held online: feeds have no field for it, so it is told from the
//! place ("Online event" on Meetup, "Zoom", "Virtual") or, when there is no place, from a
//! link to a video-meeting service in the URL or description.

/// Words in a place that mean online (compared in lower case).
const PLACE_WORDS: [&str; 4] = ["online", "virtual", "zoom", "webinar"];

/// Video-meeting services; a link to one of them or a subdomain (`us02web.zoom.us`) counts.
const HOSTS: [&str; 10] = [
    "zoom.us",
    "meet.google.com",
    "teams.microsoft.com",
    "teams.live.com",
    "meet.jit.si",
    "webex.com",
    "whereby.com",
    "gotomeeting.com",
    "bigbluebutton.org",
    "crowdcast.io",
];

/// Online when the place says so, or when there is no place and `url` or `description`
/// links to a meeting service.
pub(crate) fn is_online(place: Option<&str>, url: Option<&str>, description: Option<&str>) -> bool {
    match place.map(str::trim).filter(|p| !p.is_empty()) {
        Some(place) => {
            let place = place.to_lowercase();
            PLACE_WORDS.iter().any(|w| place.contains(w))
        }
        None => [url, description].into_iter().flatten().any(links_to_meeting),
    }
}

/// Whether `text` holds a link to one of [`HOSTS`]: the host name preceded by `//` or by a
/// subdomain's dot, and followed by the end of the host (not `zoom.us.example.org`).
fn links_to_meeting(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    HOSTS.iter().any(|host| {
        text.match_indices(host).any(|(at, _)| {
            let starts = matches!(text[..at].chars().next_back(), Some('/' | '.'));
            let rest = &text[at + host.len()..];
            let ends = match rest.chars().next() {
                None => true,
                // A full stop ending a sentence, not a longer host name.
                Some('.') => !rest[1..].starts_with(char::is_alphanumeric),
                Some(c) => !(c.is_alphanumeric() || c == '-' || c == '_'),
            };
            starts && ends
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_says_it() {
        for place in ["Online event", "Virtual", "ZOOM call", "Webinar", "online"] {
            assert!(is_online(Some(place), None, None), "{place}");
        }
        assert!(!is_online(Some("c-base, Berlin"), Some("https://zoom.us/j/1"), None), "a place wins over a link");
    }

    #[test]
    fn without_a_place_a_meeting_link_says_it() {
        assert!(is_online(None, Some("https://us02web.zoom.us/j/123?pwd=x"), None));
        assert!(is_online(Some("  "), None, Some("Join at https://meet.google.com/abc-defg-hij.")));
        assert!(is_online(None, None, Some("<a href=\"https://teams.microsoft.com/l/meetup-join/x\">Teams</a>")));
        assert!(is_online(None, Some("https://company.webex.com/meet/x"), None));
        assert!(!is_online(None, Some("https://www.meetup.com/rust-berlin/events/1/"), None));
        assert!(!is_online(None, Some("https://notzoom.us/x"), None));
        assert!(!is_online(None, Some("https://zoom.us.example.org/x"), None));
        assert!(!is_online(None, None, Some("We will zoom.usually meet")));
        assert!(!is_online(None, None, None));
    }
}
