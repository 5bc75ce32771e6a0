//! An organiser's edit not saved yet, kept in this tab's sessionStorage (gloo-storage) with
//! the details it was begun from, so that a reload loses nothing and the save still merges
//! against what the page showed when the edit began. Storage may be missing or full: then
//! nothing is kept and the form works as before. Restoring is plain logic ([`restore`]),
//! tested natively.

use gloo_storage::{SessionStorage, Storage};
use groups_core::validate::Field;
use groups_i18n::{t, tf, Msg};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// What is kept: the draft and the details it was begun from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kept<D, B> {
    pub draft: D,
    pub base: B,
}

/// The storage key of `form`'s edit of `subject` (a request's reference, a group's slug).
pub fn key(form: &str, subject: &str) -> String {
    format!("groups-portal.organiser-edit.v1.{form}.{subject}")
}

pub fn load<D: DeserializeOwned, B: DeserializeOwned>(key: &str) -> Option<Kept<D, B>> {
    SessionStorage::get(key).ok()
}

/// Keeps `kept`; a failure (no storage, quota exceeded) is ignored on purpose.
pub fn save<D: Serialize, B: Serialize>(key: &str, kept: &Kept<D, B>) {
    let _ = SessionStorage::set(key, kept);
}

pub fn forget(key: &str) {
    SessionStorage::delete(key);
}

/// An edit restored against what is saved now (`current`).
#[derive(Clone, Debug, PartialEq)]
pub struct Restored<B> {
    /// The details to draw the form from, with the organiser's changes.
    pub details: B,
    /// The details the save merges against.
    pub base: B,
    /// What the form says about it.
    pub said: String,
}

/// How details of one kind merge, for [`restore`].
pub trait Mergeable: Clone + PartialEq + Sized {
    /// Core's three-way merge of these details.
    fn merge(mine: &Self, base: &Self, current: &Self) -> Result<Self, Vec<Field>>;
    /// Sets the part named `field` to `from`'s.
    fn take_part(&mut self, from: &Self, field: Field);
}

/// The kept edit (`mine`, begun from `base`) restored over `current`. When nothing was saved
/// meanwhile it comes back as it was; otherwise both are merged, and a part both changed
/// differently shows what is saved now (the organiser was told to reload to see it), the
/// organiser's other changes kept, and says which.
pub fn restore<B: Mergeable>(mine: B, base: B, current: &B) -> Restored<B> {
    if base == *current {
        return Restored { details: mine, base, said: t(Msg::OrganiserKept).to_owned() };
    }
    match B::merge(&mine, &base, current) {
        Ok(merged) => Restored { details: merged, base: current.clone(), said: t(Msg::OrganiserKeptMerged).to_owned() },
        Err(fields) => {
            let mut yielded = mine;
            for field in &fields {
                yielded.take_part(&base, *field);
            }
            let details = B::merge(&yielded, &base, current).unwrap_or_else(|_| current.clone());
            let mut named: Vec<&str> = fields.into_iter().map(label).collect();
            named.dedup();
            let fields = named.join(t(Msg::PlaceSeparator));
            Restored { details, base: current.clone(), said: tf(Msg::OrganiserKeptTheirs, &[("fields", &fields)]) }
        }
    }
}

/// A field as the form labels it, in the page's language ("Description"); an organiser's or
/// an agreement's, the request as a whole.
fn label(field: Field) -> &'static str {
    t(match field {
        Field::Name => Msg::RequestName,
        Field::City => Msg::GroupCity,
        Field::Country => Msg::PlaceCountry,
        Field::Point => Msg::RequestPoint,
        Field::Description => Msg::OrganiserDescription,
        Field::Links | Field::LinkKind(_) | Field::LinkUrl(_) => Msg::GroupLinks,
        _ => Msg::OrganiserWhatYouSent,
    })
}

impl Mergeable for groups_core::request::GroupDetails {
    fn merge(mine: &Self, base: &Self, current: &Self) -> Result<Self, Vec<Field>> {
        groups_core::request_edit::merge(mine, base, current)
    }
    fn take_part(&mut self, from: &Self, field: Field) {
        groups_core::request_edit::take_part(self, from, field);
    }
}

impl Mergeable for groups_core::organiser::GroupEdit {
    fn merge(mine: &Self, base: &Self, current: &Self) -> Result<Self, Vec<Field>> {
        mine.merge(base, current)
    }
    fn take_part(&mut self, from: &Self, field: Field) {
        groups_core::organiser::GroupEdit::take_part(self, from, field);
    }
}

#[cfg(test)]
mod tests {
    use groups_core::{fixtures, request::GroupDetails};

    use super::*;

    fn sent() -> GroupDetails {
        fixtures::valid_request_for(fixtures::TERMS).group
    }

    #[test]
    fn an_edit_begun_on_what_is_still_saved_comes_back_as_it_was() {
        let mine = GroupDetails { name: "OpenStack Halle".into(), ..sent() };
        let restored = restore(mine.clone(), sent(), &sent());
        assert_eq!((restored.details, restored.base), (mine, sent()));
        assert_eq!(restored.said, "Your changes not saved yet were kept: save them, or cancel to drop them.");
    }

    #[test]
    fn a_save_made_meanwhile_is_merged_in_and_a_clash_shows_theirs_keeping_the_rest() {
        let theirs = GroupDetails { description: "Theirs: a description saved in another tab.".into(), ..sent() };
        let mine = GroupDetails { name: "OpenStack Halle".into(), ..sent() };
        let merged = restore(mine, sent(), &theirs);
        assert_eq!(merged.details.name, "OpenStack Halle");
        assert_eq!(merged.details.description, theirs.description);
        assert_eq!(merged.base, theirs, "the save now merges against what is saved");

        let mine = GroupDetails {
            name: "OpenStack Halle".into(),
            description: "Mine: my own new description.".into(),
            ..sent()
        };
        let clashed = restore(mine, sent(), &theirs);
        assert_eq!(clashed.details.name, "OpenStack Halle", "the part only I changed is kept");
        assert_eq!(clashed.details.description, theirs.description, "the clash shows what is saved");
        assert_eq!(
            clashed.said,
            "Someone saved other details meanwhile (Description): these now show what they saved; your other changes were kept. Save them, or cancel to drop them."
        );
    }

    #[test]
    fn each_form_keeps_each_subjects_edit_apart() {
        assert_ne!(key("change-request", "GR-AAAA-AAAA"), key("manage-group", "GR-AAAA-AAAA"));
        assert_ne!(key("change-request", "GR-AAAA-AAAA"), key("change-request", "GR-BBBB-BBBB"));
    }
}
