//! The links of a group as people type them, in the new-group form and the organiser's
//! forms: one address per kind ([`LinkKind::ALL`], empty for none); sent as the filled-in
//! ones, in the kinds' order, so a link's error names it by its place among those sent.

use groups_core::{
    links::{Link, LinkKind},
    validate::Field,
};

/// One text per kind, from the links as saved.
pub fn slots(links: &[Link]) -> Vec<String> {
    LinkKind::ALL
        .iter()
        .map(|kind| links.iter().find(|l| l.kind == *kind).map(|l| l.url.clone()).unwrap_or_default())
        .collect()
}

/// The links to send: the slots filled in, in the kinds' order.
pub fn sent(slots: &[String]) -> Vec<Link> {
    filled(slots).map(|(kind, url)| Link { kind, url: url.to_owned() }).collect()
}

/// The place of the link of `kind` among those sent (what the server's errors refer to).
pub fn sent_index(slots: &[String], kind: LinkKind) -> Option<usize> {
    filled(slots).position(|(k, _)| k == kind)
}

/// The kind of the link sent at place `index` (the other way round).
pub fn sent_kind(slots: &[String], index: usize) -> Option<LinkKind> {
    filled(slots).nth(index).map(|(kind, _)| kind)
}

/// The field of the link of `kind`, as the errors name it (its place among those sent).
pub fn field(slots: &[String], kind: LinkKind) -> Option<Field> {
    sent_index(slots, kind).map(Field::LinkUrl)
}

fn filled(slots: &[String]) -> impl Iterator<Item = (LinkKind, &str)> {
    LinkKind::ALL.into_iter().zip(slots.iter().map(String::as_str)).filter(|(_, url)| !url.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_go_into_their_kinds_slots_and_come_back_in_the_kinds_order() {
        let saved = vec![
            Link { kind: LinkKind::Calendar, url: "https://example.org/cal.ics".into() },
            Link { kind: LinkKind::Website, url: "https://example.org".into() },
        ];
        let slots = slots(&saved);
        assert_eq!(slots.len(), LinkKind::ALL.len());
        let back = sent(&slots);
        assert_eq!(back.len(), 2);
        let order = |k: LinkKind| LinkKind::ALL.iter().position(|x| *x == k);
        assert!(order(back[0].kind) < order(back[1].kind));
        assert_eq!(field(&slots, back[1].kind), Some(Field::LinkUrl(1)));
        assert_eq!((sent_index(&slots, back[1].kind), sent_kind(&slots, 1)), (Some(1), Some(back[1].kind)));
        assert_eq!(sent_kind(&slots, 2), None);
        assert_eq!(field(&vec![String::new(); LinkKind::ALL.len()], LinkKind::Website), None);
    }
}
