//! A pending request's group as its organiser corrects it: the texts as typed, the country
//! chosen, the optional pin and one address per kind of link, made into the details the server
//! checks with the same rules ([`validate_group`]).

use groups_core::{
    request::GroupDetails,
    validate::{validate_group, FieldErrors},
};

use serde::{Deserialize, Serialize};

use super::edit_form::Draft;
use crate::request::link_slots;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestDraft {
    pub name: String,
    pub city: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// The optional pin: (latitude, longitude).
    pub point: Option<(f64, f64)>,
    pub description: String,
    /// One address per [`LinkKind::ALL`], empty for none.
    pub links: Vec<String>,
}

impl Draft for RequestDraft {
    type Details = GroupDetails;
    const FORM: &'static str = "change-request-form";

    fn from_details(group: &GroupDetails) -> RequestDraft {
        RequestDraft {
            name: group.name.clone(),
            city: group.city.clone(),
            country: group.country.clone(),
            point: group.lat.zip(group.lon),
            description: group.description.clone(),
            links: link_slots::slots(&group.links),
        }
    }

    /// The details to send, trimmed and with the links filled in.
    fn to_details(&self) -> GroupDetails {
        GroupDetails {
            name: self.name.clone(),
            city: self.city.clone(),
            country: self.country.clone(),
            lat: self.point.map(|p| p.0),
            lon: self.point.map(|p| p.1),
            description: self.description.clone(),
            links: link_slots::sent(&self.links),
        }
        .normalized()
    }

    fn check(&self) -> Result<(), FieldErrors> {
        validate_group(&self.to_details())
    }

    fn links(&self) -> &[String] {
        &self.links
    }

    fn links_mut(&mut self) -> &mut Vec<String> {
        &mut self.links
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use groups_core::{links::LinkKind, validate::Field};

    fn sent() -> GroupDetails {
        groups_core::fixtures::valid_request_for(groups_core::fixtures::TERMS).group
    }

    #[test]
    fn a_draft_of_what_was_sent_sends_it_back_unchanged() {
        let group = sent().normalized();
        let draft = RequestDraft::from_details(&group);
        assert_eq!(draft.to_details(), group);
        assert_eq!(draft.check(), Ok(()));
    }

    #[test]
    fn a_removed_pin_and_a_pasted_link_are_sent_as_the_form_sends_them() {
        let mut draft = RequestDraft::from_details(&sent());
        draft.point = None;
        draft.name = "  OpenStack Jena ".into();
        let website = LinkKind::ALL.iter().position(|k| *k == LinkKind::Website).unwrap();
        draft.links = vec![String::new(); LinkKind::ALL.len()];
        draft.links[website] = "example.org/jena".into();
        let details = draft.to_details();
        assert_eq!((details.lat, details.lon, details.name.as_str()), (None, None, "OpenStack Jena"));
        assert_eq!(details.links[0].url, "https://example.org/jena");
        assert_eq!(draft.link_field(LinkKind::Website), Some(Field::LinkUrl(0)));
    }

    #[test]
    fn a_broken_rule_is_named_by_its_field() {
        let mut draft = RequestDraft::from_details(&sent());
        draft.country = String::new();
        draft.description = "short".into();
        let errors = draft.check().unwrap_err();
        assert!(errors.get(Field::Country).is_some() && errors.get(Field::Description).is_some());
    }
}
