//! The organiser's private link and what travels over it: the access it carries
//! (`/my-request#GR-XXXX-XXXX.KEY`, or a listed group's `#slug.KEY`), what the server answers
//! with, and the rules an organiser's edit of their group meets (the same as the form's and
//! the directory's: `validate` and `links`).

use serde::{Deserialize, Serialize};

use crate::{
    answer::RequestStatus,
    directory::Month,
    links::Link,
    merge::ThreeWay,
    problem::{Problem, Subject},
    request::GroupRequest,
    text,
    validate::{Field, FieldErrors, DESCRIPTION_MAX, DESCRIPTION_MIN},
    when::Day,
};

/// The page that a private link opens.
pub const PAGE_PATH: &str = "/my-request";

/// What a private link names: a request's reference (`GR-7K3Q-X9M2`) or, for a group listed
/// before requests were kept, the group's slug; and the key, which only its holder has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    pub subject: String,
    pub key: String,
}

impl Access {
    /// Reads `GR-7K3Q-X9M2.KEY` (a link's fragment, with or without its `#`). The key is
    /// base64url: letters, digits, `-` and `_`. A link as people pass it on is read too:
    /// punctuation after it (a link at the end of a sentence: `….KEY.` or `….KEY),`), its `#`
    /// written `%23` by a link rewriter, and a reference in lowercase.
    pub fn parse(text: &str) -> Option<Access> {
        let text = text.trim();
        let text = text.strip_prefix("%23").unwrap_or(text);
        let text =
            text.trim_start_matches('#').trim_end_matches(['.', ',', ';', ':', ')', ']', '>', '"', '\'', '!', '?']);
        let (subject, key) = text.rsplit_once('.')?;
        // References are written in capitals; a slug is all lowercase and never starts `gr-`.
        let subject = if subject.len() == 12 && subject[..3].eq_ignore_ascii_case("gr-") {
            subject.to_ascii_uppercase()
        } else {
            subject.to_owned()
        };
        let subject_ok = !subject.is_empty()
            && subject.len() <= 64
            && subject.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let key_ok =
            (16..=128).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        (subject_ok && key_ok).then(|| Access { subject, key: key.to_owned() })
    }

    /// `GR-7K3Q-X9M2.KEY`, as the link's fragment and the API's `access` hold it.
    pub fn text(&self) -> String {
        format!("{}.{}", self.subject, self.key)
    }

    /// The private link on the site at `origin` (its canonical origin, never a request's Host).
    pub fn link(&self, origin: &str) -> String {
        self.link_in(origin, groups_i18n::Lang::En)
    }

    /// The link to the page in `lang`'s addresses (`/ja/my-request#…`).
    pub fn link_in(&self, origin: &str, lang: groups_i18n::Lang) -> String {
        let path = groups_i18n::address::localize(lang, PAGE_PATH);
        format!("{}{path}#{}", origin.trim_end_matches('/'), self.text())
    }
}

/// Every organiser's call carries the access from the link (in the body of a POST, so the key
/// never reaches a log or a `Referer`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AccessBody {
    /// `GR-XXXX-XXXX.KEY` (or `slug.KEY`): the private link's fragment.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9-]{1,64}\.[A-Za-z0-9_-]{16,128}$"))]
    pub access: String,
}

/// What an organiser may change of their listed group. The name and the country are staff's.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GroupEdit {
    /// Empty for a group of a whole country.
    #[serde(default)]
    pub city: String,
    pub lat: f64,
    pub lon: f64,
    pub description: String,
    #[serde(default)]
    pub links: Vec<Link>,
}

/// `POST /api/organiser/group`: the access and the group's details as they should be.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EditBody {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[A-Za-z0-9-]{1,64}\.[A-Za-z0-9_-]{16,128}$"))]
    pub access: String,
    pub group: GroupEdit,
    /// The details as the page showed them before the organiser edited them: only what
    /// changed since is saved, so a save from another tab, or a co-organiser's, is never undone
    /// (see [`GroupEdit::merge`]). Without it the details are saved as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<GroupEdit>,
}

impl GroupEdit {
    /// Three-way merge of an organiser's save: `self` is what they want, `base` what their
    /// page showed before they edited, `current` what is saved now (another tab, a
    /// co-organiser or staff may have saved since). Each part they changed is taken from
    /// them, every other from `current`; a part changed both ways differently is a conflict,
    /// named by its field. The place (latitude and longitude) is one part.
    pub fn merge(&self, base: &GroupEdit, current: &GroupEdit) -> Result<GroupEdit, Vec<Field>> {
        let mut merge = ThreeWay::new();
        let place = |e: &GroupEdit| (e.lat, e.lon);
        let city = merge.part(Field::City, &self.city, &base.city, &current.city);
        let (lat, lon) = merge.part(Field::Point, &place(self), &place(base), &place(current));
        let description = merge.part(Field::Description, &self.description, &base.description, &current.description);
        let links = merge.part(Field::Links, &self.links, &base.links, &current.links);
        merge.finish(GroupEdit { city, lat, lon, description, links })
    }

    /// Sets the part named `field` to `from`'s (the place is both coordinates; every link
    /// field is the links).
    pub fn take_part(&mut self, from: &GroupEdit, field: Field) {
        match field {
            Field::City => self.city.clone_from(&from.city),
            Field::Point => (self.lat, self.lon) = (from.lat, from.lon),
            Field::Description => self.description.clone_from(&from.description),
            Field::Links | Field::LinkKind(_) | Field::LinkUrl(_) => self.links.clone_from(&from.links),
            _ => {}
        }
    }

    /// Trims every text, as the form's request is trimmed.
    pub fn normalized(&self) -> GroupEdit {
        GroupEdit {
            city: self.city.trim().to_owned(),
            description: self.description.trim().to_owned(),
            links: self.links.iter().map(|l| Link { kind: l.kind, url: crate::links::as_pasted(&l.url) }).collect(),
            ..self.clone()
        }
    }
}

/// Checks an organiser's edit by the form's rules, errors keyed by the same paths
/// (`group.description`, `group.links.0.url`) so the page shows each by its field.
pub fn validate_edit(edit: &GroupEdit) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    if let Err(problem) = crate::validate::check_city(&edit.city) {
        errors.add(Field::City, problem);
    }
    if !crate::geo::is_on_earth(edit.lat, edit.lon) {
        errors.add(Field::Point, Problem::NotOnEarth);
    }
    if let Err(error) = text::check(&edit.description, DESCRIPTION_MIN, DESCRIPTION_MAX, true) {
        errors.add(Field::Description, error.problem(Subject::Description));
    }
    crate::validate::check_links(&edit.links, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A listed group as its organiser manages it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagedGroup {
    pub slug: String,
    pub name: String,
    /// The country's name: staff's to change, like the name.
    pub country: String,
    /// Its ISO 3166-1 alpha-2 code.
    pub country_code: String,
    pub details: GroupEdit,
    /// When the details were last confirmed: a month, `2015-03` (the page says it in its
    /// language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, pattern = r"^[0-9]{4}-[0-9]{2}$"))]
    pub checked: Option<Month>,
}

/// `POST /api/organiser`: what the private link opens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrganiserView {
    /// The request's reference, or the group's slug for a link issued to a listed group.
    pub subject: String,
    /// The request's state; none for a group's link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RequestStatus>,
    /// The day it arrived, in UTC: `2026-12-03` (the page says it in its language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub received: Option<Day>,
    /// The day staff decided, in UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub decided: Option<Day>,
    /// What staff wrote to the organiser with their decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The day the group this request became was taken off the directory, in UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub closed: Option<Day>,
    /// What was sent (without the consent record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<GroupRequest>,
    /// The listed group this link manages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<ManagedGroup>,
}

impl OrganiserView {
    /// A pending request can be withdrawn.
    pub fn can_withdraw(&self) -> bool {
        self.status == Some(RequestStatus::Pending)
    }

    /// A declined or withdrawn request's details can be deleted on the organiser's word.
    pub fn can_erase(&self) -> bool {
        matches!(self.status, Some(RequestStatus::Declined | RequestStatus::Withdrawn))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::links::LinkKind;

    const KEY: &str = "q7Zr0kP3m9Xv2LbW8nYt4Hc6Jd1Fs5Ge0Ua3Ri7Ok2M";

    #[test]
    fn an_access_reads_from_a_fragment_and_writes_back() {
        let access = Access::parse(&format!("#GR-7K3Q-X9M2.{KEY}")).unwrap();
        assert_eq!((access.subject.as_str(), access.key.as_str()), ("GR-7K3Q-X9M2", KEY));
        assert_eq!(access.text(), format!("GR-7K3Q-X9M2.{KEY}"));
        assert_eq!(
            access.link("https://groups.example/"),
            format!("https://groups.example/my-request#GR-7K3Q-X9M2.{KEY}")
        );
        assert_eq!(Access::parse(&format!("berlin.{KEY}")).unwrap().subject, "berlin");
        for bad in ["", "GR-7K3Q-X9M2", ".abc", &format!("GR 1.{KEY}"), "GR-1.short", &format!("GR-1.{KEY}<")] {
            assert_eq!(Access::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_save_keeps_what_was_saved_meanwhile_and_names_a_clash() {
        let base = edit();
        // Another tab saved a new description; this one changed only the links.
        let current = GroupEdit { description: "We meet on Tuesdays, with pizza.".into(), ..base.clone() };
        let mine = GroupEdit { links: vec![], ..base.clone() };
        let merged = mine.merge(&base, &current).unwrap();
        assert_eq!(merged, GroupEdit { links: vec![], ..current.clone() }, "both changes kept");
        // Both changed the description, differently: a clash on that field only.
        let clash = GroupEdit { description: "Monthly talks and labs in Berlin.".into(), ..base.clone() };
        assert_eq!(clash.merge(&base, &current), Err(vec![Field::Description]));
        // The same change on both sides is no clash; nothing changed is the current state.
        assert_eq!(current.merge(&base, &current), Ok(current.clone()));
        assert_eq!(base.merge(&base, &current), Ok(current.clone()));
        // The place is one part: a moved pin clashes with another moved pin.
        let moved = GroupEdit { lat: 52.6, ..base.clone() };
        let moved_there = GroupEdit { lon: 13.5, ..base.clone() };
        assert_eq!(moved.merge(&base, &moved_there), Err(vec![Field::Point]));
    }

    #[test]
    fn the_page_is_the_route_tables() {
        assert_eq!(PAGE_PATH, crate::routes::href(crate::routes::Page::MyRequest));
    }

    #[test]
    fn a_link_as_people_pass_it_on_still_opens() {
        let expected = Some(Access { subject: "GR-7K3Q-X9M2".into(), key: KEY.into() });
        for damaged in [
            format!("#GR-7K3Q-X9M2.{KEY}."),
            format!("#GR-7K3Q-X9M2.{KEY})."),
            format!("%23GR-7K3Q-X9M2.{KEY}"),
            format!("#gr-7k3q-x9m2.{KEY}"),
            format!("  GR-7K3Q-X9M2.{KEY},\n"),
        ] {
            assert_eq!(Access::parse(&damaged), expected, "{damaged:?}");
        }
        // A key's own letters keep their case: only the reference is made capitals.
        assert_eq!(Access::parse(&format!("gr-7k3q-x9m2.{KEY}")).unwrap().key, KEY);
        assert_eq!(Access::parse(&format!("berlin-mitte.{KEY}.")).unwrap().subject, "berlin-mitte");
    }

    fn edit() -> GroupEdit {
        GroupEdit {
            city: "Berlin".into(),
            lat: 52.5,
            lon: 13.4,
            description: "Monthly talks about OpenStack in Berlin.".into(),
            links: vec![Link { kind: LinkKind::Calendar, url: "https://example.org/cal.ics".into() }],
        }
    }

    #[test]
    fn an_edit_meets_the_forms_rules_field_by_field() {
        assert_eq!(validate_edit(&edit()), Ok(()));
        assert_eq!(validate_edit(&GroupEdit { city: String::new(), ..edit() }), Ok(()), "a whole country");
        let bad = GroupEdit {
            city: "\u{200b}".into(),
            lat: 91.0,
            description: "short".into(),
            links: vec![
                Link { kind: LinkKind::Calendar, url: "http://example.org/cal.ics".into() },
                Link { kind: LinkKind::Calendar, url: "https://example.org/2.ics".into() },
            ],
            ..edit()
        };
        let fields: Vec<String> = validate_edit(&bad).unwrap_err().0.into_iter().map(|(f, _)| f.path()).collect();
        assert_eq!(fields, ["group.city", "group.lat", "group.description", "group.links.0.url", "group.links.1.kind"]);
    }

    #[test]
    fn what_a_request_allows_follows_its_state() {
        let view = |status| OrganiserView {
            subject: "GR-1".into(),
            status: Some(status),
            received: None,
            decided: None,
            message: None,
            closed: None,
            request: None,
            group: None,
        };
        assert!(view(RequestStatus::Pending).can_withdraw() && !view(RequestStatus::Pending).can_erase());
        assert!(view(RequestStatus::Declined).can_erase() && view(RequestStatus::Withdrawn).can_erase());
        assert!(!view(RequestStatus::Approved).can_erase() && !view(RequestStatus::Approved).can_withdraw());
    }
}
