//! The inbox's answers, as the form reads them and the server writes them: a stored request's
//! reference and state, and the one error shape.

use std::{collections::BTreeMap, fmt};

use serde::{Deserialize, Serialize};

use crate::problem::Problem;

crate::slug_enum! {
    /// Where a request is in its life: it arrives `pending`, and staff decide.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum RequestStatus {
        Pending = ("pending", "Pending"),
        Approved = ("approved", "Approved"),
        Declined = ("declined", "Declined"),
        /// The organiser asked for it to be dropped.
        Withdrawn = ("withdrawn", "Withdrawn"),
    }
}

impl fmt::Display for RequestStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// `201 Created`: the reference number the visitor is shown, the state, and the organiser's
/// private key (their link is `/my-request#<id>.<key>`). A replay of the request soon after it
/// arrived (a lost answer's retry) gets a key of its own, the first answer's still working; a
/// later replay gets no key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Created {
    #[cfg_attr(feature = "openapi", schema(pattern = r"^GR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"))]
    pub id: String,
    pub status: RequestStatus,
    /// base64url, 43 characters (256 bits); absent in the answer to a late replay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

crate::slug_enum! {
    /// What kind of error an answer is, for programs: the form acts on this, never on a
    /// status with or without fields (the sentence beside it is for people).
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
    #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
    pub enum ErrorCode {
        /// Not JSON, not this shape, or a required header missing or malformed.
        #[default]
        BadRequest = ("bad-request", "the request is malformed"),
        /// A rule is broken: `fields` names the members at fault.
        Invalid = ("invalid", "a rule is broken"),
        /// The `Idempotency-Key` was used before for another request: make a new key.
        KeyReused = ("key-reused", "the Idempotency-Key belongs to another request"),
        NotFound = ("not-found", "nothing is there"),
        MethodNotAllowed = ("method-not-allowed", "not with this method"),
        Timeout = ("timeout", "the request took too long to arrive"),
        /// The action does not fit the state (a decided request, a group no longer listed).
        Conflict = ("conflict", "not in this state"),
        TooLarge = ("too-large", "the body is too large"),
        UnsupportedType = ("unsupported-type", "the body is not JSON"),
        RateLimited = ("rate-limited", "too many requests: wait for Retry-After"),
        Internal = ("internal", "the server failed"),
        /// The database is busy, full or read-only: wait for Retry-After and try again.
        Unavailable = ("unavailable", "unavailable for a moment: wait for Retry-After"),
        /// A code this reader does not know (a newer server's): the answer still reads, and
        /// its sentence and fields still show.
        #[serde(other)]
        Other = ("other", "another error"),
    }
}

impl ErrorCode {
    /// The code that an answer with `status` has unless it says otherwise.
    pub fn for_status(status: u16) -> ErrorCode {
        match status {
            404 => ErrorCode::NotFound,
            405 => ErrorCode::MethodNotAllowed,
            408 => ErrorCode::Timeout,
            409 => ErrorCode::Conflict,
            413 => ErrorCode::TooLarge,
            415 => ErrorCode::UnsupportedType,
            422 => ErrorCode::Invalid,
            429 => ErrorCode::RateLimited,
            503 => ErrorCode::Unavailable,
            500..=599 => ErrorCode::Internal,
            _ => ErrorCode::BadRequest,
        }
    }
}

/// Every error answer: what kind of error it is, a sentence for people, and for a broken rule
/// each field's problem keyed by the body's paths (`group.name`, `organizers.1.email`): said in
/// English in `fields`, and as a code with its values in `problems`, which a client says in its
/// own visitor's language (`problem::Problem`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    #[serde(default)]
    pub code: ErrorCode,
    pub error: String,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub problems: BTreeMap<String, Problem>,
}

impl ErrorBody {
    /// Each field's problem, by its path: the code the answer gives, or, for a field whose
    /// code this reader does not know (or an older server's answer), its sentence.
    pub fn field_problems(self) -> Vec<(String, Problem)> {
        let mut problems = self.problems;
        let mut all: Vec<(String, Problem)> = self
            .fields
            .into_iter()
            .map(|(path, sentence)| match problems.remove(&path) {
                Some(problem) if problem != Problem::Other => (path, problem),
                _ => (path, Problem::Said(sentence)),
            })
            .collect();
        all.extend(problems.into_iter().filter(|(_, problem)| *problem != Problem::Other));
        all
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn a_fields_problem_is_its_code_or_else_its_sentence() {
        let body: ErrorBody = serde_json::from_str(
            r#"{"code": "invalid", "error": "x",
                "fields": {"group.name": "Enter the group's name.", "group.city": "Newer rule.", "consent": "Old."},
                "problems": {"group.name": {"code": "empty", "subject": "group-name"},
                             "group.city": {"code": "from-the-future"}}}"#,
        )
        .unwrap();
        assert_eq!(
            body.field_problems(),
            [
                ("consent".to_owned(), Problem::Said("Old.".into())),
                ("group.city".to_owned(), Problem::Said("Newer rule.".into())),
                ("group.name".to_owned(), Problem::Empty { subject: crate::problem::Subject::GroupName }),
            ]
        );
    }

    #[test]
    fn answers_have_the_documented_shape() {
        let created = Created { id: "GR-7K3Q-X9M2".into(), status: RequestStatus::Pending, key: Some("k".into()) };
        assert_eq!(serde_json::to_string(&created).unwrap(), r#"{"id":"GR-7K3Q-X9M2","status":"pending","key":"k"}"#);
        let late = Created { key: None, ..created };
        assert_eq!(serde_json::to_string(&late).unwrap(), r#"{"id":"GR-7K3Q-X9M2","status":"pending"}"#);
        let error: ErrorBody = serde_json::from_str(r#"{"error": "no"}"#).unwrap();
        assert!(error.fields.is_empty());
        let mut fields = BTreeMap::new();
        fields.insert("group.name".to_owned(), "Enter the group's name.".to_owned());
        let body = ErrorBody {
            code: ErrorCode::Invalid,
            error: "some fields need attention".into(),
            fields,
            problems: Default::default(),
        };
        let text = serde_json::to_string(&body).unwrap();
        assert_eq!(
            text,
            r#"{"code":"invalid","error":"some fields need attention","fields":{"group.name":"Enter the group's name."}}"#
        );
        assert_eq!(ErrorCode::for_status(422), ErrorCode::Invalid);
        assert_eq!(ErrorCode::for_status(502), ErrorCode::Internal);
        assert_eq!(ErrorCode::for_status(503), ErrorCode::Unavailable);
        let newer: ErrorBody =
            serde_json::from_str(r#"{"code": "from-the-future", "error": "x", "fields": {"a": "b"}}"#).unwrap();
        assert_eq!((newer.code, newer.fields.len()), (ErrorCode::Other, 1));
        assert_eq!(newer.field_problems(), [("a".to_owned(), Problem::Said("b".into()))]);
        for status in RequestStatus::ALL {
            assert_eq!(RequestStatus::from_slug(status.slug()), Some(status));
        }
    }
}
