//! The new-group form's draft: what the visitor has typed, kept in sessionStorage as they type
//! so a reload loses nothing. The agreement and consent boxes are deliberately not part of it:
//! they must be ticked again, knowingly, after a reload.

use groups_core::places::{Place, PlaceKind};
use groups_core::{
    links::LinkKind,
    request::{Agreements, GroupDetails, GroupRequest, Organizer},
    validate::{Field, ORGANIZERS_MAX},
};
use groups_i18n::{tf, Msg};
use serde::{Deserialize, Serialize};

/// Where the draft is kept (per tab: sessionStorage).
pub const STORAGE_KEY: &str = "groups-portal.new-group-draft.v1";

/// One organiser as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    /// Stable while the draft lives, whatever is added or removed around it: the form keys
    /// the organiser's fields by it, and names their inputs after it.
    pub id: u32,
    pub name: String,
    pub email: String,
}

/// The form's text, in the form's order; saved as JSON. A member missing from a saved draft
/// (an older version) is empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// The idempotency key: made when the draft starts, sent with every attempt.
    pub key: String,
    pub country: String,
    pub city: String,
    /// The point picked on the map: (latitude, longitude).
    pub point: Option<(f64, f64)>,
    pub name: String,
    pub description: String,
    /// One address per [`LinkKind`], in `LinkKind::ALL` order; empty when not given. (A
    /// draft saved before a kind was added has fewer: `restored` fills them in.)
    pub links: Vec<String>,
    /// One to five organisers.
    pub organizers: Vec<Person>,
}

impl Draft {
    /// An empty draft with one organiser to fill in.
    pub fn new(key: String) -> Draft {
        Draft {
            key,
            country: String::new(),
            city: String::new(),
            point: None,
            name: String::new(),
            description: String::new(),
            links: vec![String::new(); LinkKind::ALL.len()],
            organizers: vec![Person::default()],
        }
    }

    pub fn can_add_organizer(&self) -> bool {
        self.organizers.len() < ORGANIZERS_MAX
    }

    /// Adds an empty organiser with a new id; returns the id.
    pub fn add_organizer(&mut self) -> u32 {
        let id = self.organizers.iter().map(|p| p.id + 1).max().unwrap_or(0);
        self.organizers.push(Person { id, ..Person::default() });
        id
    }

    /// The position of the organiser with `id`.
    pub fn organizer_index(&self, id: u32) -> Option<usize> {
        self.organizers.iter().position(|p| p.id == id)
    }

    /// The position of `kind`'s link among the links sent (what the inbox's errors refer to).
    pub fn sent_link_index(&self, kind: LinkKind) -> Option<usize> {
        super::link_slots::sent_index(&self.links, kind)
    }

    /// The request this draft makes, trimmed as the inbox will store it.
    pub fn to_request(&self, agreements: Agreements, consent: bool) -> GroupRequest {
        GroupRequest {
            group: GroupDetails {
                name: self.name.clone(),
                city: self.city.clone(),
                country: self.country.clone(),
                lat: self.point.map(|p| p.0),
                lon: self.point.map(|p| p.1),
                description: self.description.clone(),
                links: super::link_slots::sent(&self.links),
            },
            organizers: self
                .organizers
                .iter()
                .map(|p| Organizer { name: p.name.clone(), email: p.email.clone() })
                .collect(),
            agreements,
            consent: consent.then(|| super::TERMS.consent()),
            website: String::new(),
        }
        .normalized()
    }

    /// A place chosen from the City field's suggestions: its name, its country and its point
    /// (the visitor may still move the pin).
    pub fn choose_place(&mut self, place: &Place) {
        if place.kind == PlaceKind::City {
            self.city = place.name.clone();
        }
        self.country = place.country.clone();
        self.point = Some(round_point(place.lat, place.lon));
    }

    /// A place the form was opened for (the directory's "Start a group in Leipzig"), filled
    /// in only where the draft does not say yet where the group will meet: a draft's own place
    /// is never overwritten. Whether it was filled in.
    pub fn take_place(&mut self, place: &Place) -> bool {
        if !self.country.is_empty() || !self.city.trim().is_empty() || self.point.is_some() {
            return false;
        }
        self.choose_place(place);
        if place.kind == PlaceKind::Country {
            // A country's point is the middle of its people, not where a group would meet.
            self.point = None;
        }
        true
    }

    /// Whether the draft still says the group meets at `place` (a town chosen, or the place the
    /// form was opened for): its country, and for a town its name. Once the city or country is
    /// changed, what is said about the place (how many asked near it) no longer applies.
    pub fn names(&self, place: &Place) -> bool {
        self.country == place.country && (place.kind != PlaceKind::City || self.city.trim() == place.name)
    }

    /// The id of the input an error about `field` belongs to.
    pub fn input_id(&self, field: Field) -> String {
        match field {
            Field::Country => "country".into(),
            Field::City => "city".into(),
            Field::Point => "point".into(),
            Field::Name => "group-name".into(),
            Field::Description => "description".into(),
            Field::LinkKind(i) | Field::LinkUrl(i) => {
                let kind = super::link_slots::sent_kind(&self.links, i).unwrap_or(LinkKind::Website);
                link_input_id(kind)
            }
            Field::Links => link_input_id(LinkKind::Website),
            Field::Organizers => organizer_input_id(self.organizer_id(0), "name"),
            Field::OrganizerName(i) => organizer_input_id(self.organizer_id(i), "name"),
            Field::OrganizerEmail(i) => organizer_input_id(self.organizer_id(i), "email"),
            Field::CodeOfConduct => "agree-code-of-conduct".into(),
            Field::NonCommercial => "agree-non-commercial".into(),
            Field::Consent => "consent".into(),
        }
    }

    /// The id of the organiser at `index`.
    fn organizer_id(&self, index: usize) -> u32 {
        self.organizers.get(index).map_or(0, |p| p.id)
    }

    /// A draft read back from storage, made whole: `None` without a valid key (not a draft
    /// of this form), at most five organisers and at least one.
    pub fn restored(mut self) -> Option<Draft> {
        if !groups_core::key::is_uuid(&self.key) {
            return None;
        }
        self.links.resize(LinkKind::ALL.len(), String::new());
        self.organizers.truncate(ORGANIZERS_MAX);
        if self.organizers.is_empty() {
            self.organizers.push(Person::default());
        }
        // A draft saved before organisers had ids gives them all 0: number them.
        let mut ids: Vec<u32> = self.organizers.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() != self.organizers.len() {
            for (i, person) in self.organizers.iter_mut().enumerate() {
                person.id = i as u32;
            }
        }
        Some(self)
    }
}

/// A point to about a kilometre (two decimals): enough to find neighbours, no more precise
/// than needed.
pub fn round_point(lat: f64, lon: f64) -> (f64, f64) {
    let round = |v: f64| (v * 100.0).round() / 100.0;
    (round(lat), round(lon))
}

/// An error as the summary at the top of the form lists it: organisers' errors say whose,
/// since there they stand away from the fields.
pub fn summary_line(field: Field, message: &str) -> String {
    match field {
        Field::OrganizerName(i) | Field::OrganizerEmail(i) => of_organiser(i + 1, message),
        _ => message.to_owned(),
    }
}

/// "Organiser 2: {text}", in the page's language (`text` empty: the words a field's label is
/// read after).
pub fn of_organiser(number: usize, text: &str) -> String {
    tf(Msg::RequestOfOrganiser, &[("n", &number.to_string()), ("text", text)])
}

pub fn link_input_id(kind: LinkKind) -> String {
    format!("link-{}", kind.slug())
}

/// `organizer-1-email`: the organiser's id (from 0) counted from 1, so that an input keeps its
/// id while organisers before it come and go.
pub fn organizer_input_id(id: u32, part: &str) -> String {
    format!("organizer-{}-{part}", id + 1)
}

#[cfg(test)]
mod tests {
    use groups_core::validate::validate;

    use super::*;

    const KEY: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

    fn filled() -> Draft {
        let mut d = Draft::new(KEY.into());
        d.country = "DE".into();
        d.city = " Leipzig ".into();
        d.point = Some((51.34, 12.37));
        d.name = "OpenStack Leipzig".into();
        d.description = "Monthly evening meetups about running OpenStack.".into();
        d.links[1] = "https://meetup.example.org/leipzig".into();
        d.links[3] = "https://chat.example.org/leipzig".into();
        d.organizers = vec![
            Person { id: 0, name: "Ada".into(), email: "ada@example.org".into() },
            Person { id: 1, name: "Bob".into(), email: "bob@example.org".into() },
        ];
        d
    }

    #[test]
    fn a_filled_draft_makes_a_valid_trimmed_request() {
        let both = Agreements { code_of_conduct: true, non_commercial: true };
        let request = filled().to_request(both, true);
        assert_eq!(validate(&request, crate::request::TERMS), Ok(()));
        assert_eq!(request.group.city, "Leipzig");
        assert_eq!((request.group.lat, request.group.lon), (Some(51.34), Some(12.37)));
        let kinds: Vec<_> = request.group.links.iter().map(|l| l.kind).collect();
        assert_eq!(kinds, [LinkKind::Meetup, LinkKind::Chat]);
        assert!(filled().to_request(both, false).consent.is_none());
    }

    #[test]
    fn errors_find_their_inputs_even_for_links() {
        let d = filled();
        assert_eq!(d.input_id(Field::LinkUrl(1)), "link-chat");
        assert_eq!(d.input_id(Field::LinkUrl(0)), "link-meetup");
        assert_eq!(d.sent_link_index(LinkKind::Chat), Some(1));
        assert_eq!(d.sent_link_index(LinkKind::Website), None);
        assert_eq!(d.input_id(Field::OrganizerEmail(1)), "organizer-2-email");
        assert_eq!(d.input_id(Field::Name), "group-name");
    }

    fn read_back(text: &str) -> Option<Draft> {
        serde_json::from_str::<Draft>(text).ok()?.restored()
    }

    #[test]
    fn the_saved_draft_comes_back_whole() {
        let d = filled();
        let saved = serde_json::to_string(&d).unwrap();
        assert!(!saved.contains("consent") && !saved.contains("agree"), "boxes are never saved: {saved}");
        assert_eq!(read_back(&saved), Some(d));
        let empty = Draft::new(KEY.into());
        assert_eq!(read_back(&serde_json::to_string(&empty).unwrap()), Some(empty));
    }

    #[test]
    fn a_damaged_draft_is_ignored_or_made_whole() {
        assert_eq!(read_back("{}"), None, "no key, no draft");
        assert_eq!(read_back(r#"{"key": "nope"}"#), None);
        assert_eq!(read_back("not json"), None);
        assert_eq!(
            read_back(&format!(r#"{{"key": "{KEY}", "city": 5}}"#)),
            None,
            "a wrong type is not this form's draft"
        );
        let older = read_back(&format!(r#"{{"key": "{KEY}", "city": "Leipzig", "organizers": []}}"#)).unwrap();
        assert_eq!(older.city, "Leipzig");
        assert_eq!(older.point, None);
        assert_eq!(older.links[0], "");
        assert_eq!(older.organizers, vec![Person::default()]);
        let crowded = format!(r#"{{"key": "{KEY}", "organizers": [{{}},{{}},{{}},{{}},{{}},{{}},{{}}]}}"#);
        let crowded = read_back(&crowded).unwrap();
        assert_eq!(crowded.organizers.len(), ORGANIZERS_MAX);
        let ids: Vec<u32> = crowded.organizers.iter().map(|p| p.id).collect();
        assert_eq!(ids, [0, 1, 2, 3, 4], "organisers of an older draft are numbered");
    }

    #[test]
    fn the_summary_says_whose_error_it_is() {
        assert_eq!(
            summary_line(Field::OrganizerEmail(1), "Enter this organiser's email address."),
            "Organiser 2: Enter this organiser's email address."
        );
        assert_eq!(summary_line(Field::City, "Enter the city."), "Enter the city.");
    }

    use groups_core::fixtures::leipzig;

    #[test]
    fn a_place_chosen_sets_the_city_the_country_and_the_point() {
        let mut d = Draft::new(KEY.into());
        d.country = "FR".into();
        d.choose_place(&leipzig());
        assert_eq!((d.city.as_str(), d.country.as_str(), d.point), ("Leipzig", "DE", Some((51.34, 12.37))));
    }

    #[test]
    fn a_place_is_named_until_its_town_or_country_changes() {
        let mut d = Draft::new(KEY.into());
        assert!(!d.names(&leipzig()));
        d.choose_place(&leipzig());
        assert!(d.names(&leipzig()));
        d.point = Some((51.0, 12.0));
        assert!(d.names(&leipzig()), "the pin may move within the town");
        d.city = "Halle".into();
        assert!(!d.names(&leipzig()));
        let germany = Place { kind: PlaceKind::Country, name: "Germany".into(), ..leipzig() };
        assert!(d.names(&germany), "a country is named by its code");
    }

    #[test]
    fn a_place_the_form_is_opened_for_never_overwrites_the_drafts_own() {
        let mut empty = Draft::new(KEY.into());
        empty.name = "OpenStack Saxony".into();
        assert!(empty.take_place(&leipzig()), "a draft that does not say where takes it");
        assert_eq!((empty.city.as_str(), empty.country.as_str(), empty.point), ("Leipzig", "DE", Some((51.34, 12.37))));
        assert_eq!(empty.name, "OpenStack Saxony", "nothing else changes");
        for own in [
            Draft { country: "FR".into(), ..Draft::new(KEY.into()) },
            Draft { city: "Lyon".into(), ..Draft::new(KEY.into()) },
            Draft { point: Some((45.76, 4.84)), ..Draft::new(KEY.into()) },
        ] {
            let mut kept = own.clone();
            assert!(!kept.take_place(&leipzig()));
            assert_eq!(kept, own);
        }
        let mut country = Draft::new(KEY.into());
        country.take_place(&Place { kind: PlaceKind::Country, name: "Germany".into(), ..leipzig() });
        assert_eq!((country.city.as_str(), country.country.as_str(), country.point), ("", "DE", None));
    }

    #[test]
    fn at_most_five_organisers_each_with_an_id_of_its_own() {
        let mut d = Draft::new(KEY.into());
        while d.can_add_organizer() {
            d.add_organizer();
        }
        assert_eq!(d.organizers.len(), ORGANIZERS_MAX);
        d.organizers.remove(1);
        let added = d.add_organizer();
        assert_eq!(added, 5, "a new id, not one in use");
        assert_eq!(d.organizer_index(added), Some(4));
        assert_eq!(d.input_id(Field::OrganizerName(1)), "organizer-3-name", "inputs keep their ids");
    }
}
