//! What a group's link leads to: the kinds shared by `groups.json` and new-group requests.

use serde::{Deserialize, Serialize};

pub use crate::limits::URL_MAX;

crate::slug_enum! {
    /// What a group's link leads to; in JSON its slug (`"mailing-list"`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum LinkKind {
        Website = ("website", "Website"),
        Meetup = ("meetup", "Meetup page"),
        MailingList = ("mailing-list", "Mailing list"),
        Chat = ("chat", "Chat"),
        Social = ("social", "Social media"),
        /// An iCalendar feed of the group's meetings, which the portal imports.
        Calendar = ("calendar", "Calendar feed"),
    }
}

/// A link of a group: what it leads to and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub kind: LinkKind,
    pub url: String,
}

/// Whether `url` starts with `http://` or `https://` (in any case): the only links the
/// portal shows or stores, never `javascript:` or `data:`.
pub fn is_web_address(url: &str) -> bool {
    scheme_end(url).is_some()
}

/// Where the address after `http://` or `https://` begins, if it starts with one.
fn scheme_end(url: &str) -> Option<usize> {
    let head: String = url.chars().take(8).collect::<String>().to_ascii_lowercase();
    if head.starts_with("https://") {
        Some(8)
    } else if head.starts_with("http://") {
        Some(7)
    } else {
        None
    }
}

/// Why a text is not a web address the portal accepts, each saying what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressError {
    TooLong,
    /// It holds an invisible formatting character (a direction mark, a zero-width space).
    Invisible,
    /// It holds a space, a line break or another control character.
    Space,
    /// It does not start with `http://` or `https://`.
    NotWeb,
    /// It names a user or password before the host (`https://user@host`).
    Credentials,
    /// The host is not a site's name with a dot (`example.org`).
    Host(String),
    Port(String),
    /// A calendar feed on plain `http://`.
    NotSecure,
}

/// The one rule for a web address, for new-group requests and the directory alike: at most
/// [`URL_MAX`] characters, `http://` or `https://`, nothing invisible or blank, no user name,
/// a host name with a dot (`example.org`) and, if any, a port from 1 to 65535.
pub fn check_address(url: &str) -> Result<(), AddressError> {
    if url.chars().count() > URL_MAX {
        return Err(AddressError::TooLong);
    }
    // Before the scheme: a direction mark in front of `https://` hides where it is.
    if crate::text::has_invisible(url) {
        return Err(AddressError::Invisible);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AddressError::Space);
    }
    let rest = &url[scheme_end(url).ok_or(AddressError::NotWeb)?..];
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(AddressError::Credentials);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if !is_domain(host) || is_disguised_address(host) {
        return Err(AddressError::Host(host.to_owned()));
    }
    match port {
        Some(p) if !p.parse::<u16>().is_ok_and(|n| n > 0) => Err(AddressError::Port(p.to_owned())),
        _ => Ok(()),
    }
}

/// A web address as people paste it, made into the one the portal stores: trimmed, a
/// calendar's `webcal://` as the `https://` it stands for, and `https://` put in front of an
/// address given without its scheme (`example.org/group`). Anything else is left for the rule
/// ([`check_address`]) to say what is wrong.
pub fn as_pasted(url: &str) -> String {
    let url = url.trim();
    let head: String = url.chars().take(9).collect::<String>().to_ascii_lowercase();
    if head.starts_with("webcal://") {
        return format!("https://{}", &url[9..]);
    }
    let host = url.split(['/', '?', '#']).next().unwrap_or_default();
    let bare = !url.contains("://") && !host.contains(':') && !host.contains('@') && host.contains('.');
    if bare && !url.chars().any(char::is_whitespace) {
        format!("https://{url}")
    } else {
        url.to_owned()
    }
}

/// A link of `kind` to `url`: a web address ([`check_address`]), and for a calendar feed an
/// https one (the portal fetches it, and fetches nothing over plain http).
pub fn check_link(kind: LinkKind, url: &str) -> Result<(), AddressError> {
    check_address(url)?;
    if kind == LinkKind::Calendar && scheme_end(url) != Some(8) {
        return Err(AddressError::NotSecure);
    }
    Ok(())
}

/// The calendar feed a group's links give: its calendar link, else the iCalendar feed of its
/// Meetup group (`https://www.meetup.com/<group>/events/ical/`, from a link to
/// `www.meetup.com/<group>` only).
pub fn feed_url(links: &[Link]) -> Option<String> {
    if let Some(calendar) = links.iter().find(|l| l.kind == LinkKind::Calendar) {
        return Some(calendar.url.clone());
    }
    links
        .iter()
        .filter(|l| l.kind == LinkKind::Meetup)
        .find_map(|l| meetup_group(&l.url))
        .map(|group| format!("https://www.meetup.com/{group}/events/ical/"))
}

/// The group's name in a link to `www.meetup.com/<group>`.
fn meetup_group(url: &str) -> Option<&str> {
    let rest = &url[scheme_end(url)?..];
    let (host, path) = rest.split_once('/')?;
    if !host.eq_ignore_ascii_case("www.meetup.com") {
        return None;
    }
    let group = path.split(['/', '?', '#']).next()?;
    // Meetup's own pages are not groups.
    const NOT_GROUPS: &[&str] = &["find", "topics", "cities", "pro", "apps", "lp", "login", "register", "events"];
    let valid = !group.is_empty()
        && group.len() <= 100
        && group.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !NOT_GROUPS.iter().any(|n| n.eq_ignore_ascii_case(group));
    valid.then_some(group)
}

/// A host name with at least two labels (`example.org`), letters, digits and hyphens, and a
/// top-level label that is not all digits (so not an IP address).
pub fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| !tld.chars().all(|c| c.is_ascii_digit()))
}

/// Whether `host`, which passed [`is_domain`], is an address in disguise as browsers and
/// fetchers read hosts (the WHATWG URL standard): a last label that is a number (`0x7f.0x1`,
/// `127.1` in hex or octal), or a full-width or other compatibility form of a digit, letter or
/// dot (`１２７.０.０.１`), which IDNA maps to ASCII before anything connects. No site's name
/// needs either: they are refused by the rule, not only by the feeds' fetcher.
fn is_disguised_address(host: &str) -> bool {
    let compatibility = |c: char| {
        matches!(c, '\u{FF00}'..='\u{FFEF}' | '\u{3002}' | '\u{2024}' | '\u{00B2}' | '\u{00B3}' | '\u{00B9}'
            | '\u{2070}'..='\u{209F}' | '\u{2150}'..='\u{218F}' | '\u{2460}'..='\u{24FF}' | '\u{2776}'..='\u{2793}'
            | '\u{1D400}'..='\u{1D7FF}' | '\u{1F100}'..='\u{1F10C}' | '\u{1FBF0}'..='\u{1FBF9}')
    };
    let last = host.strip_suffix('.').unwrap_or(host).rsplit('.').next().unwrap_or_default();
    let hex = last.strip_prefix("0x").or_else(|| last.strip_prefix("0X"));
    host.chars().any(compatibility)
        || last.bytes().all(|b| b.is_ascii_digit())
        || hex.is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A link as a page names it: what it is and on which site, "Meetup page (meetup.com)", so
/// that two links of one kind read differently.
pub fn link_text(kind: LinkKind, url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    groups_i18n::tf(groups_i18n::Msg::GroupLink, &[("kind", kind.name()), ("site", host)])
}

impl LinkKind {
    /// What the link leads to, in the page's language ("Meetup page"; its `label` is English's).
    pub fn name(self) -> &'static str {
        groups_i18n::t(self.msg())
    }

    /// The message that names it.
    pub(crate) fn msg(self) -> groups_i18n::Msg {
        use groups_i18n::Msg;
        match self {
            LinkKind::Website => Msg::GroupLinkWebsite,
            LinkKind::Meetup => Msg::GroupLinkMeetup,
            LinkKind::MailingList => Msg::GroupLinkMailingList,
            LinkKind::Chat => Msg::GroupLinkChat,
            LinkKind::Social => Msg::GroupLinkSocial,
            LinkKind::Calendar => Msg::GroupLinkCalendar,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_and_write_as_their_slugs() {
        for kind in LinkKind::ALL {
            let text = serde_json::to_string(&kind).unwrap();
            assert_eq!(text, format!("\"{}\"", kind.slug()));
            assert_eq!(serde_json::from_str::<LinkKind>(&text).unwrap(), kind);
            assert_eq!(LinkKind::from_slug(kind.slug()), Some(kind));
        }
        assert!(serde_json::from_str::<LinkKind>("\"fax\"").is_err());
    }

    #[test]
    fn links_say_what_and_where() {
        assert_eq!(link_text(LinkKind::Meetup, "http://www.meetup.com/OpenStack-Berlin"), "Meetup page (meetup.com)");
        assert_eq!(
            link_text(LinkKind::MailingList, "https://lists.example.org?x=1"),
            "Mailing list (lists.example.org)"
        );
        assert_eq!(link_text(LinkKind::Website, "https://example.org"), "Website (example.org)");
    }

    #[test]
    fn every_problem_of_an_address_is_named() {
        assert_eq!(check_address("https://example.org/group"), Ok(()));
        assert_eq!(check_address("http://meetup.com/x"), Ok(()), "http is a web address too");
        assert_eq!(check_address("HTTPS://Example.org:8443/x?y#z"), Ok(()));
        assert_eq!(check_address("https://münchen.example/"), Ok(()));
        assert_eq!(check_address("https://0xcafe.example.org/"), Ok(()), "only the last label can make a number");
        assert_eq!(check_address("https://例え.テスト/"), Ok(()));
        let cases = [
            ("\u{202e}https://example.org", AddressError::Invisible),
            ("https://example.org/\u{200b}", AddressError::Invisible),
            ("https://exa mple.org", AddressError::Space),
            ("https://example.org/\n", AddressError::Space),
            ("example.org", AddressError::NotWeb),
            ("ftp://example.org", AddressError::NotWeb),
            ("javascript:alert(1)", AddressError::NotWeb),
            ("https://user:pw@example.org", AddressError::Credentials),
            ("https://", AddressError::Host(String::new())),
            ("https://localhost/", AddressError::Host("localhost".into())),
            ("http://192.168.1.1/", AddressError::Host("192.168.1.1".into())),
            // Addresses in disguise, as a browser or a fetcher would read them.
            ("https://0x7f.0x1/", AddressError::Host("0x7f.0x1".into())),
            ("https://127.0X0/", AddressError::Host("127.0X0".into())),
            ("https://１２７.０.０.１/", AddressError::Host("１２７.０.０.１".into())),
            ("https://127.0.0.１/", AddressError::Host("127.0.0.１".into())),
            ("https://example。org/", AddressError::Host("example。org".into())),
            ("https://ｅｘａｍｐｌｅ.org/", AddressError::Host("ｅｘａｍｐｌｅ.org".into())),
            ("https://①②⑦.0.0.1/", AddressError::Host("①②⑦.0.0.1".into())),
            ("https://example.org:0", AddressError::Port("0".into())),
            ("https://example.org:99999", AddressError::Port("99999".into())),
        ];
        for (url, expected) in cases {
            assert_eq!(check_address(url), Err(expected), "{url:?}");
        }
        assert_eq!(check_address(&format!("https://example.org/{}", "a".repeat(URL_MAX))), Err(AddressError::TooLong));
        // Multi-byte characters near the scheme are no trouble.
        assert_eq!(check_address("héllo"), Err(AddressError::NotWeb));
    }

    #[test]
    fn a_calendar_feed_is_https_and_meetup_links_give_their_feed() {
        assert_eq!(check_link(LinkKind::Calendar, "http://example.org/cal.ics"), Err(AddressError::NotSecure));
        assert_eq!(check_link(LinkKind::Calendar, "https://example.org/cal.ics"), Ok(()));
        assert_eq!(check_link(LinkKind::Website, "http://example.org/"), Ok(()));
        let link = |kind, url: &str| Link { kind, url: url.into() };
        assert_eq!(
            feed_url(&[link(LinkKind::Meetup, "http://www.meetup.com/OpenStack-Berlin/")]).as_deref(),
            Some("https://www.meetup.com/OpenStack-Berlin/events/ical/")
        );
        assert_eq!(
            feed_url(&[
                link(LinkKind::Meetup, "https://www.meetup.com/openstack-ch/events/123/"),
                link(LinkKind::Calendar, "https://example.org/ch.ics")
            ])
            .as_deref(),
            Some("https://example.org/ch.ics"),
            "a calendar link wins"
        );
        for url in [
            "https://meetup.com/x/",
            "https://www.meetup.com/",
            "https://www.meetup.com/topics/openstack/",
            "https://www.meetup.com/a%20b/",
        ] {
            assert_eq!(feed_url(&[link(LinkKind::Meetup, url)]), None, "{url}");
        }
        assert_eq!(feed_url(&[link(LinkKind::Website, "https://www.meetup.com/OpenStack-Berlin/")]), None);
    }

    #[test]
    fn addresses_are_taken_as_people_paste_them() {
        assert_eq!(as_pasted(" example.org/group "), "https://example.org/group");
        assert_eq!(as_pasted("www.meetup.com/OpenStack-Berlin/"), "https://www.meetup.com/OpenStack-Berlin/");
        assert_eq!(as_pasted("webcal://example.org/cal.ics"), "https://example.org/cal.ics");
        assert_eq!(as_pasted("WEBCAL://example.org/cal.ics"), "https://example.org/cal.ics");
        for kept in [
            "https://example.org",
            "http://example.org",
            "mailto:a@example.org",
            "javascript:alert(1)",
            "localhost",
            "a b.org",
            "",
        ] {
            assert_eq!(as_pasted(kept), kept, "{kept}");
        }
    }

    #[test]
    fn only_web_addresses() {
        assert!(
            is_web_address("https://example.org") && is_web_address("HTTP://x.org") && is_web_address("http://é.org")
        );
        for bad in ["javascript:alert(1)", "data:text/html,x", "ftp://x.org", "//x.org", "", "https:/x"] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
