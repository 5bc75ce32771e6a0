//! The group's details as the organiser edits them: one text per field and one address per
//! kind of link (as the new-group form has), made into the edit the server checks with the
//! same rules ([`validate_edit`]), and the server's errors placed back on their fields.

use groups_core::{
    organiser::{validate_edit, GroupEdit},
    problem::Problem,
    validate::{Field, FieldErrors},
};
use serde::{Deserialize, Serialize};

use crate::request::link_slots;

/// The editable details, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EditDraft {
    pub city: String,
    pub point: (f64, f64),
    pub description: String,
    /// One address per [`LinkKind::ALL`], empty for none.
    pub links: Vec<String>,
}

impl EditDraft {
    pub fn from_edit(edit: &GroupEdit) -> EditDraft {
        EditDraft {
            city: edit.city.clone(),
            point: (edit.lat, edit.lon),
            description: edit.description.clone(),
            links: link_slots::slots(&edit.links),
        }
    }

    /// The edit to send: the links that are filled in, in the kinds' order.
    pub fn to_edit(&self) -> GroupEdit {
        GroupEdit {
            city: self.city.clone(),
            lat: self.point.0,
            lon: self.point.1,
            description: self.description.clone(),
            links: link_slots::sent(&self.links),
        }
        .normalized()
    }
}

impl super::edit_form::Draft for EditDraft {
    type Details = GroupEdit;
    const FORM: &'static str = "manage-form";
    fn from_details(details: &GroupEdit) -> EditDraft {
        EditDraft::from_edit(details)
    }
    fn to_details(&self) -> GroupEdit {
        self.to_edit()
    }
    fn check(&self) -> Result<(), FieldErrors> {
        validate_edit(&self.to_edit())
    }
    fn links(&self) -> &[String] {
        &self.links
    }
    fn links_mut(&mut self) -> &mut Vec<String> {
        &mut self.links
    }
}

/// The server's `(path, message)` pairs as field errors; a path this page does not show is
/// left out (its message is in the answer's sentence).
pub fn field_errors(fields: &[(String, Problem)]) -> FieldErrors {
    FieldErrors(fields.iter().filter_map(|(path, problem)| Some((Field::from_path(path)?, problem.clone()))).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organiser::edit_form::Draft;
    use groups_core::links::{Link, LinkKind};

    fn edit() -> GroupEdit {
        GroupEdit {
            city: "Berlin".into(),
            lat: 52.5,
            lon: 13.4,
            description: "Monthly talks about OpenStack in Berlin.".into(),
            links: vec![
                Link { kind: LinkKind::Calendar, url: "https://example.org/cal.ics".into() },
                Link { kind: LinkKind::Website, url: "https://example.org".into() },
            ],
        }
    }

    #[test]
    fn a_draft_round_trips_and_sends_links_in_the_kinds_order() {
        let draft = EditDraft::from_edit(&edit());
        assert_eq!(draft.links.len(), LinkKind::ALL.len());
        let sent = draft.to_edit();
        assert_eq!(sent.links.len(), 2);
        assert_eq!(
            sent.links[0].kind,
            LinkKind::ALL.into_iter().find(|k| *k == LinkKind::Website || *k == LinkKind::Calendar).unwrap()
        );
        assert_eq!(draft.check(), Ok(()));
    }

    #[test]
    fn errors_find_their_fields() {
        let mut draft = EditDraft::from_edit(&edit());
        let calendar = LinkKind::ALL.iter().position(|k| *k == LinkKind::Calendar).unwrap();
        draft.links[calendar] = "http://example.org/cal.ics".into();
        draft.description = "short".into();
        let errors = draft.check().unwrap_err();
        let field = draft.link_field(LinkKind::Calendar).unwrap();
        assert!(errors.get(field).unwrap().english().contains("https"));
        assert!(errors.get(Field::Description).is_some());
        let from_server = field_errors(&[
            ("group.description".into(), Problem::Said("Too short.".into())),
            ("group.x".into(), Problem::NotEmail),
        ]);
        assert_eq!(from_server.0, [(Field::Description, Problem::Said("Too short.".into()))]);
    }
}
