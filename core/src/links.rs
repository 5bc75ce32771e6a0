//! What a group's link leads to: the kinds shared by `groups.json` and new-group requests.

/// What a group's link leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    Website,
    Meetup,
    MailingList,
    Chat,
    Social,
}

impl LinkKind {
    pub const ALL: [LinkKind; 5] = [LinkKind::Website, LinkKind::Meetup, LinkKind::MailingList, LinkKind::Chat, LinkKind::Social];

    /// The name used in `groups.json`.
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
