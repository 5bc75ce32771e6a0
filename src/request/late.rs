//! Edits made while a request was on its way that it does not hold. After an attempt that may
//! have been stored (no answer came back), the next attempt must send the very same details
//! for the inbox to recognise it; what the visitor changed meanwhile is then shown beside the
//! reference, so that nothing they typed is lost without a word.

use super::draft::of_organiser;
use groups_core::{
    regions::country,
    request::{GroupRequest, Organizer},
};
use groups_i18n::{t, Msg};
use serde::{Deserialize, Serialize};

/// One field whose text now differs from what the inbox received.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LateChange {
    /// The field as the form labels it ("Short description", "Organiser 2: Email").
    pub field: String,
    /// Its text now (empty when it was cleared).
    pub now: String,
}

/// The fields of `now` (the form as it is) that differ from `sent` (what the inbox stored),
/// in the form's order.
pub fn late_changes(sent: &GroupRequest, now: &GroupRequest) -> Vec<LateChange> {
    let mut changes = Vec::new();
    let mut compare = |field: &str, before: String, after: String| {
        if before != after {
            changes.push(LateChange { field: field.to_owned(), now: after });
        }
    };
    let country_name = |code: &str| country(code).map_or_else(|| code.to_owned(), |c| c.local_name().to_owned());
    let (a, b) = (&sent.group, &now.group);
    compare(t(Msg::PlaceCountry), country_name(&a.country), country_name(&b.country));
    compare(t(Msg::GroupCity), a.city.clone(), b.city.clone());
    let point = |g: &groups_core::request::GroupDetails| match (g.lat, g.lon) {
        (Some(lat), Some(lon)) => format!("{lat:.4}, {lon:.4}"),
        _ => String::new(),
    };
    compare(t(Msg::RequestPoint), point(a), point(b));
    compare(t(Msg::RequestName), a.name.clone(), b.name.clone());
    compare(t(Msg::RequestDescription), a.description.clone(), b.description.clone());
    for kind in groups_core::links::LinkKind::ALL {
        let url = |g: &groups_core::request::GroupDetails| {
            g.links.iter().find(|l| l.kind == kind).map(|l| l.url.clone()).unwrap_or_default()
        };
        compare(kind.name(), url(a), url(b));
    }
    let people = sent.organizers.len().max(now.organizers.len());
    let person = |list: &[Organizer], i: usize| list.get(i).cloned().unwrap_or_default();
    for i in 0..people {
        let (x, y) = (person(&sent.organizers, i), person(&now.organizers, i));
        compare(&of_organiser(i + 1, t(Msg::RequestPersonName)), x.name, y.name);
        compare(&of_organiser(i + 1, t(Msg::RequestEmail)), x.email, y.email);
    }
    changes
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use groups_core::{fixtures::valid_request, links::Link, links::LinkKind};

    use super::*;

    #[test]
    fn nothing_changed_nothing_late() {
        assert!(late_changes(&valid_request(), &valid_request()).is_empty());
    }

    #[test]
    fn each_changed_field_is_named_with_its_new_text() {
        let sent = valid_request();
        let mut now = sent.clone();
        now.group.description = "A newer description of the group, typed while it was sending.".into();
        now.group.links.push(Link { kind: LinkKind::Chat, url: "https://chat.example.org".into() });
        now.organizers.push(Organizer { name: "Bob".into(), email: "bob@example.org".into() });
        let changes = late_changes(&sent, &now);
        let fields: Vec<_> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["Short description", "Chat", "Organiser 2: Name", "Organiser 2: Email"]);
        assert_eq!(changes[0].now, now.group.description);
        assert_eq!(changes[3].now, "bob@example.org");
    }

    #[test]
    fn a_cleared_field_is_a_change_to_nothing() {
        let sent = valid_request();
        let mut now = sent.clone();
        now.group.city = String::new();
        assert_eq!(late_changes(&sent, &now), [LateChange { field: "City".into(), now: String::new() }]);
    }
}
