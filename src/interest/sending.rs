//! What the form makes of each attempt to send a sign-up: accepted,
//! fields to fix, a passing failure worth another try after a wait, or a failure said plainly.
//! The attempts and their waits are the new-group form's (`request::retry_policy`), with fewer
//! tries: each sign-up the server takes mails a confirmation, so a lost answer is not resent
//! many times. Pure, tested natively.

use groups_core::{
    answer::ErrorBody,
    interest::{accepted_message, SignUpField},
    problem::Problem,
};

use groups_i18n::{t, tf, tn, Msg};

use crate::request::retry_policy::{asked_wait_ms, backoff_ms, Attempt, TIMEOUT_MS};

/// Attempts made before the visitor is asked to send again.
pub const ATTEMPTS: u32 = 3;
/// The longest wait between attempts, whatever the server asks.
const MAX_WAIT_MS: u32 = 30_000;

/// What to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    /// Taken: what the page says of it, in its language.
    Done(String),
    /// The server refused some fields.
    FixFields(Vec<(SignUpField, Problem)>),
    /// Wait `wait_ms`, then try again; `reason` says what happened.
    Retry { reason: String, wait_ms: u32 },
    /// Give up, saying why; what was typed stays.
    Stop(String),
}

/// Decides what follows attempt number `attempt` (from 1).
pub fn next(attempt: u32, outcome: &Attempt) -> Next {
    let retry = |reason: String, asked_ms: Option<u32>| {
        if attempt >= ATTEMPTS {
            Next::Stop(tn(Msg::InterestGaveUp, ATTEMPTS.into(), &[("reason", &reason)]))
        } else {
            Next::Retry { reason, wait_ms: asked_ms.unwrap_or_else(|| backoff_ms(attempt)).min(MAX_WAIT_MS) }
        }
    };
    match outcome {
        Attempt::Network => retry(t(Msg::InterestUnreachable).to_owned(), None),
        Attempt::Timeout => retry(tn(Msg::InterestTimeout, (TIMEOUT_MS / 1000).into(), &[]), None),
        Attempt::Answered { status, retry_after, body } => {
            let error: ErrorBody = serde_json::from_str(body).unwrap_or_default();
            let asked_ms = || asked_wait_ms(retry_after.as_deref());
            match status {
                // The page says it in its own language (the server's sentence is English's); an
                // answer cut short still means taken.
                202 => Next::Done(accepted_message().to_owned()),
                422 if !error.fields.is_empty() => {
                    let problems = error.field_problems();
                    let count = problems.len();
                    let known: Vec<_> = problems
                        .into_iter()
                        .filter_map(|(p, problem)| Some((SignUpField::from_path(&p)?, problem)))
                        .collect();
                    if known.len() == count {
                        Next::FixFields(known)
                    } else {
                        Next::Stop(t(Msg::InterestRefused).to_owned())
                    }
                }
                429 => retry(t(Msg::InterestTooMany).to_owned(), asked_ms()),
                502..=504 => retry(tf(Msg::InterestUnavailable, &[("status", &status.to_string())]), asked_ms()),
                _ => Next::Stop(tf(Msg::InterestCouldNotTake, &[("status", &status.to_string())])),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(status: u16, body: &str) -> Attempt {
        Attempt::Answered { status, retry_after: None, body: body.into() }
    }

    #[test]
    fn accepted_is_said_in_the_pages_language_whatever_the_server_wrote() {
        let thanks = Next::Done(accepted_message().into());
        assert_eq!(next(1, &answered(202, r#"{"message": "Thank you."}"#)), thanks);
        assert_eq!(next(1, &answered(202, "")), thanks, "an answer cut short still means taken");
    }

    #[test]
    fn passing_failures_are_tried_again_a_few_times() {
        assert!(matches!(next(1, &Attempt::Network), Next::Retry { wait_ms: 1000, .. }));
        assert!(matches!(next(2, &Attempt::Timeout), Next::Retry { wait_ms: 2000, .. }));
        let limited = Attempt::Answered { status: 429, retry_after: Some("7".into()), body: String::new() };
        assert!(matches!(next(1, &limited), Next::Retry { wait_ms: 7000, .. }));
        assert!(matches!(next(1, &answered(503, "")), Next::Retry { .. }));
        match next(ATTEMPTS, &Attempt::Network) {
            Next::Stop(said) => {
                assert!(said.contains("connection failed") && said.contains("kept in this tab"), "{said}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refused_fields_go_to_the_form_and_other_refusals_are_said() {
        let refused = r#"{"code": "invalid", "error": "some fields need attention", "fields": {"email": "Enter your email address."},
            "problems": {"email": {"code": "empty", "subject": "your-email"}}}"#;
        assert_eq!(
            next(1, &answered(422, refused)),
            Next::FixFields(vec![(
                SignUpField::Email,
                Problem::Empty { subject: groups_core::problem::Subject::YourEmail }
            )])
        );
        let unknown = r#"{"code": "invalid", "error": "x", "fields": {"colour": "No."}}"#;
        assert!(matches!(next(1, &answered(422, unknown)), Next::Stop(_)));
        match next(1, &answered(400, r#"{"code": "bad-request", "error": "not JSON"}"#)) {
            Next::Stop(said) => assert!(said.contains("(error 400)") && said.contains("kept in this tab"), "{said}"),
            other => panic!("{other:?}"),
        }
    }
}
