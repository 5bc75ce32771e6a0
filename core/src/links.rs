//! What a group's link leads to: the kinds shared by `groups.json` and new-group requests.

use serde::{Deserialize, Serialize};

/// What a group's link leads to; in JSON its slug (`"mailing-list"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    Website,
    Meetup,
    MailingList,
    Chat,
    Social,
}

impl LinkKind {
    pub const ALL: [LinkKind; 5] =
        [LinkKind::Website, LinkKind::Meetup, LinkKind::MailingList, LinkKind::Chat, LinkKind::Social];

    /// The name used in `groups.json` and in requests.
    pub fn slug(self) -> &'static str {
        match self {
            LinkKind::Website => "website",
            LinkKind::Meetup => "meetup",
            LinkKind::MailingList => "mailing-list",
            LinkKind::Chat => "chat",
            LinkKind::Social => "social",
        }
    }

    pub fn from_slug(slug: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Website => "Website",
            LinkKind::Meetup => "Meetup page",
            LinkKind::MailingList => "Mailing list",
            LinkKind::Chat => "Chat",
            LinkKind::Social => "Social media",
        }
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
    let head = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    head.starts_with("https://") || head.starts_with("http://")
}

/// A link as a page names it: what it is and on which site, "Meetup page (meetup.com)", so
/// that two links of one kind read differently.
pub fn link_text(kind: LinkKind, url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host);
    format!("{} ({host})", kind.label())
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
    fn only_web_addresses() {
        assert!(
            is_web_address("https://example.org") && is_web_address("HTTP://x.org") && is_web_address("http://é.org")
        );
        for bad in ["javascript:alert(1)", "data:text/html,x", "ftp://x.org", "//x.org", "", "https:/x"] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
