//! The new-group form's draft: what the visitor has typed, kept in sessionStorage as they type
//! so a reload loses nothing. The agreement and consent boxes are deliberately not part of it:
//! they must be ticked again, knowingly, after a reload.

use groups_core::{
    consent::Consent,
    json::Json,
    links::LinkKind,
    request::{Agreements, GroupDetails, GroupRequest, Link, Organizer},
    validate::{Field, ORGANIZERS_MAX},
};

/// Where the draft is kept (per tab: sessionStorage).
pub const STORAGE_KEY: &str = "groups-portal.new-group-draft.v1";

/// One organiser as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// The form's text, in the form's order.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The idempotency key: made when the draft starts, sent with every attempt.
    pub key: String,
    pub country: String,
    pub city: String,
    /// The point picked on the map: (latitude, longitude).
    pub point: Option<(f64, f64)>,
    pub name: String,
    pub description: String,
    /// One address per [`LinkKind`], in `LinkKind::ALL` order; empty when not given.
    pub links: [String; 5],
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
            links: Default::default(),
            organizers: vec![Person::default()],
        }
    }

    pub fn can_add_organizer(&self) -> bool {
        self.organizers.len() < ORGANIZERS_MAX
    }

    /// The kinds of the links that are sent, in the order they are sent.
    fn sent_link_kinds(&self) -> impl Iterator<Item = LinkKind> + '_ {
        LinkKind::ALL.into_iter().zip(&self.links).filter(|(_, url)| !url.trim().is_empty()).map(|(kind, _)| kind)
    }

    /// The position of `kind`'s link among the links sent (what the inbox's errors refer to).
    pub fn sent_link_index(&self, kind: LinkKind) -> Option<usize> {
        self.sent_link_kinds().position(|k| k == kind)
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
                links: LinkKind::ALL
                    .into_iter()
                    .zip(&self.links)
                    .filter(|(_, url)| !url.trim().is_empty())
                    .map(|(kind, url)| Link { kind: kind.slug().to_owned(), url: url.clone() })
                    .collect(),
            },
            organizers: self.organizers.iter().map(|p| Organizer { name: p.name.clone(), email: p.email.clone() }).collect(),
            agreements,
            consent: consent.then(Consent::current),
            website: String::new(),
        }
        .normalized()
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
                let kind = self.sent_link_kinds().nth(i).unwrap_or(LinkKind::Website);
                link_input_id(kind)
            }
            Field::Organizers => organizer_input_id(0, "name"),
            Field::OrganizerName(i) => organizer_input_id(i, "name"),
            Field::OrganizerEmail(i) => organizer_input_id(i, "email"),
            Field::CodeOfConduct => "agree-code-of-conduct".into(),
            Field::NonCommercial => "agree-non-commercial".into(),
            Field::Consent => "consent".into(),
        }
    }

    /// The draft as saved in sessionStorage.
    pub fn to_json(&self) -> Json {
        let text = |s: &str| Json::string(s);
        Json::object([
            ("key", text(&self.key)),
            ("country", text(&self.country)),
            ("city", text(&self.city)),
            ("point", self.point.map_or(Json::Null, |(lat, lon)| Json::Array(vec![Json::Number(lat), Json::Number(lon)]))),
            ("name", text(&self.name)),
            ("description", text(&self.description)),
            ("links", Json::Array(self.links.iter().map(|l| text(l)).collect())),
            (
                "organizers",
                Json::Array(self.organizers.iter().map(|p| Json::object([("name", text(&p.name)), ("email", text(&p.email))])).collect()),
            ),
        ])
    }

    /// A saved draft; `None` if it is not one (another version, or damaged), in which case the
    /// form starts afresh rather than failing.
    pub fn from_json(json: &Json) -> Option<Draft> {
        let text = |key: &str| json.get(key).and_then(Json::as_str).map(str::to_owned);
        let key = text("key").filter(|k| groups_core::key::is_uuid(k))?;
        let point = json.get("point").and_then(Json::as_array).and_then(|p| match p {
            [lat, lon] => Some((lat.as_f64()?, lon.as_f64()?)),
            _ => None,
        });
        let mut links: [String; 5] = Default::default();
        for (slot, value) in links.iter_mut().zip(json.get("links").and_then(Json::as_array).unwrap_or_default()) {
            *slot = value.as_str().unwrap_or_default().to_owned();
        }
        let mut organizers: Vec<Person> = json
            .get("organizers")
            .and_then(Json::as_array)
            .unwrap_or_default()
            .iter()
            .take(ORGANIZERS_MAX)
            .map(|p| Person {
                name: p.get("name").and_then(Json::as_str).unwrap_or_default().to_owned(),
                email: p.get("email").and_then(Json::as_str).unwrap_or_default().to_owned(),
            })
            .collect();
        if organizers.is_empty() {
            organizers.push(Person::default());
        }
        Some(Draft {
            key,
            country: text("country").unwrap_or_default(),
            city: text("city").unwrap_or_default(),
            point,
            name: text("name").unwrap_or_default(),
            description: text("description").unwrap_or_default(),
            links,
            organizers,
        })
    }
}

/// An error as the summary at the top of the form lists it: organisers' errors say whose,
/// since there they stand away from the fields.
pub fn summary_line(field: Field, message: &str) -> String {
    match field {
        Field::OrganizerName(i) | Field::OrganizerEmail(i) => format!("Organiser {}: {message}", i + 1),
        _ => message.to_owned(),
    }
}

pub fn link_input_id(kind: LinkKind) -> String {
    format!("link-{}", kind.slug())
}

/// `organizer-1-email`: numbered from 1 as the form shows them.
pub fn organizer_input_id(index: usize, part: &str) -> String {
    format!("organizer-{}-{part}", index + 1)
}

#[cfg(test)]
mod tests {
    use groups_core::{json::from_str, validate::validate};

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
        d.organizers = vec![Person { name: "Ada".into(), email: "ada@example.org".into() }, Person { name: "Bob".into(), email: "bob@example.org".into() }];
        d
    }

    #[test]
    fn a_filled_draft_makes_a_valid_trimmed_request() {
        let both = Agreements { code_of_conduct: true, non_commercial: true };
        let request = filled().to_request(both, true);
        assert_eq!(validate(&request), Ok(()));
        assert_eq!(request.group.city, "Leipzig");
        assert_eq!((request.group.lat, request.group.lon), (Some(51.34), Some(12.37)));
        let kinds: Vec<_> = request.group.links.iter().map(|l| l.kind.as_str()).collect();
        assert_eq!(kinds, ["meetup", "chat"]);
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

    #[test]
    fn the_saved_draft_comes_back_whole() {
        let d = filled();
        let saved = d.to_json().to_string();
        assert!(!saved.contains("consent") && !saved.contains("agree"), "boxes are never saved: {saved}");
        assert_eq!(Draft::from_json(&from_str(&saved).unwrap()), Some(d));
        let empty = Draft::new(KEY.into());
        assert_eq!(Draft::from_json(&from_str(&empty.to_json().to_string()).unwrap()), Some(empty));
    }

    #[test]
    fn a_damaged_draft_is_ignored_or_repaired() {
        assert_eq!(Draft::from_json(&from_str("{}").unwrap()), None, "no key, no draft");
        assert_eq!(Draft::from_json(&from_str(r#"{"key": "nope"}"#).unwrap()), None);
        let repaired = Draft::from_json(&from_str(&format!(r#"{{"key": "{KEY}", "city": 5, "point": [1], "links": [7], "organizers": []}}"#)).unwrap()).unwrap();
        assert_eq!(repaired.city, "");
        assert_eq!(repaired.point, None);
        assert_eq!(repaired.links[0], "");
        assert_eq!(repaired.organizers, vec![Person::default()]);
    }

    #[test]
    fn the_summary_says_whose_error_it_is() {
        assert_eq!(summary_line(Field::OrganizerEmail(1), "Enter this organiser's email address."), "Organiser 2: Enter this organiser's email address.");
        assert_eq!(summary_line(Field::City, "Enter the city."), "Enter the city.");
    }

    #[test]
    fn at_most_five_organisers() {
        let mut d = Draft::new(KEY.into());
        while d.can_add_organizer() {
            d.organizers.push(Person::default());
        }
        assert_eq!(d.organizers.len(), ORGANIZERS_MAX);
    }
}
