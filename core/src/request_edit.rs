//! An organiser's change to their request while it waits for staff: the group's part of what
//! they sent (its name, place, description and links) and nothing else. The organisers'
//! names and addresses stay as sent, because mail goes only to addresses that asked for it
//! (a new contact would need its own confirmation): to change those, withdraw and send again.
//! A save names what its page showed (`base`), so only what was changed there is saved
//! ([`merge`]) and a save from another tab, or a co-organiser's, is never undone.

use serde::{Deserialize, Serialize};

use crate::{merge::ThreeWay, request::GroupDetails, validate::Field};

/// `POST /api/organiser/request`: the access and the group's details as they should be.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestEditBody {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9-]{1,64}\.[A-Za-z0-9_-]{16,128}$"))]
    pub access: String,
    pub group: GroupDetails,
    /// The details as the page showed them before the organiser edited them. Without it the
    /// details are saved as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<GroupDetails>,
}

/// Three-way merge of a save (see `merge`): `mine` what the organiser wants, `base` what their
/// page showed, `current` what is saved now. The place on the map (both coordinates) is one
/// part; a part changed both ways differently is named, and nothing is merged.
pub fn merge(mine: &GroupDetails, base: &GroupDetails, current: &GroupDetails) -> Result<GroupDetails, Vec<Field>> {
    let mut merge = ThreeWay::new();
    let point = |g: &GroupDetails| (g.lat, g.lon);
    let name = merge.part(Field::Name, &mine.name, &base.name, &current.name);
    let city = merge.part(Field::City, &mine.city, &base.city, &current.city);
    let country = merge.part(Field::Country, &mine.country, &base.country, &current.country);
    let (lat, lon) = merge.part(Field::Point, &point(mine), &point(base), &point(current));
    let description = merge.part(Field::Description, &mine.description, &base.description, &current.description);
    let links = merge.part(Field::Links, &mine.links, &base.links, &current.links);
    merge.finish(GroupDetails { name, city, country, lat, lon, description, links })
}

/// What changed between two versions, in words, for the request's history ("the name and the
/// description"); `None` when nothing did.
pub fn changes(before: &GroupDetails, after: &GroupDetails) -> Option<String> {
    let parts: Vec<&str> = [
        (before.name != after.name, Field::Name),
        (before.city != after.city, Field::City),
        (before.country != after.country, Field::Country),
        ((before.lat, before.lon) != (after.lat, after.lon), Field::Point),
        (before.description != after.description, Field::Description),
        (before.links != after.links, Field::Links),
    ]
    .into_iter()
    .filter_map(|(changed, field)| changed.then_some(field.part()))
    .collect();
    (!parts.is_empty()).then(|| in_words(&parts))
}

/// "a", "a and b", "a, b and c".
pub fn in_words(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Sets `group`'s part named `field` to `from`'s (the place is both coordinates; every link
/// field is the links).
pub fn take_part(group: &mut GroupDetails, from: &GroupDetails, field: Field) {
    match field {
        Field::Name => group.name.clone_from(&from.name),
        Field::City => group.city.clone_from(&from.city),
        Field::Country => group.country.clone_from(&from.country),
        Field::Point => (group.lat, group.lon) = (from.lat, from.lon),
        Field::Description => group.description.clone_from(&from.description),
        Field::Links | Field::LinkKind(_) | Field::LinkUrl(_) => group.links.clone_from(&from.links),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::{Link, LinkKind};

    fn sent() -> GroupDetails {
        GroupDetails {
            name: "OpenStack Leipzig".into(),
            city: "Leipzig".into(),
            country: "DE".into(),
            lat: Some(51.34),
            lon: Some(12.37),
            description: "Talks and a drink, monthly, for anyone running OpenStack.".into(),
            links: vec![Link { kind: LinkKind::Website, url: "https://example.org/".into() }],
        }
    }

    #[test]
    fn two_tabs_each_changing_a_different_part_keep_both() {
        let base = sent();
        let tab_b = GroupDetails { description: "A new description from tab B, long enough.".into(), ..sent() };
        let tab_a = GroupDetails { name: "OpenStack Leipzig & Halle".into(), ..sent() };
        let merged = merge(&tab_a, &base, &tab_b).unwrap();
        assert_eq!(merged.name, "OpenStack Leipzig & Halle");
        assert_eq!(merged.description, "A new description from tab B, long enough.");
        assert_eq!(merged.links, sent().links);
    }

    #[test]
    fn the_same_part_changed_differently_is_refused_by_its_field() {
        let base = sent();
        let theirs = GroupDetails { name: "OpenStack Sachsen".into(), lat: Some(51.0), ..sent() };
        let mine = GroupDetails { name: "OpenStack Halle".into(), lat: Some(51.5), ..sent() };
        assert_eq!(merge(&mine, &base, &theirs), Err(vec![Field::Name, Field::Point]));
        // The same change made twice is no conflict.
        assert_eq!(merge(&theirs, &base, &theirs), Ok(theirs.clone()));
    }

    #[test]
    fn the_history_says_what_changed_in_words() {
        let before = sent();
        assert_eq!(changes(&before, &before), None);
        let renamed = GroupDetails { name: "OpenStack Halle".into(), ..sent() };
        assert_eq!(changes(&before, &renamed).as_deref(), Some("the name"));
        let more = GroupDetails { lat: None, lon: None, links: Vec::new(), ..renamed };
        assert_eq!(changes(&before, &more).as_deref(), Some("the name, the place on the map and the links"));
    }
}
