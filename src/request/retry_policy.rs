//! What the form does with each attempt's outcome: which failures are worth retrying, how
//! long to wait, when to send under a new key, and what to tell the visitor. No browser calls
//! here (those are `inbox_client`'s, and the loop that follows this policy is
//! `form/send_with_retries.rs`), so every rule is tested natively.

use groups_core::answer::{Created, ErrorBody, ErrorCode};
use groups_core::problem::Problem;
use groups_i18n::{t, tf, tn, Msg};

/// How long one attempt may take before it is abandoned and retried.
pub const TIMEOUT_MS: u32 = 15_000;
/// Attempts made automatically before the visitor is asked to send again.
pub const MAX_ATTEMPTS: u32 = 6;
/// The longest wait between attempts, whatever a server asks for.
const MAX_WAIT_MS: u32 = 60_000;

/// What one attempt came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Attempt {
    /// The server answered; `body` is the text of its answer.
    Answered { status: u16, retry_after: Option<String>, body: String },
    /// No answer: the connection failed or was dropped.
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
}

/// What to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Next {
    /// Stored: the reference number to show, and the organiser's private key.
    Done { id: String, key: String },
    /// The server refused some fields: each path with its problem, for the form to place.
    FixFields(Vec<(String, Problem)>),
    /// The key was used before for other details (an earlier attempt was stored before the
    /// visitor changed the form): send again under a new key.
    NewKey,
    /// A passing problem: wait `wait_ms` and try again; `reason` says what happened.
    Retry { reason: String, wait_ms: u32 },
    /// Give up for now, saying why; the draft stays.
    Stop(String),
}

/// Decides what follows attempt number `attempt` (from 1).
pub fn next(attempt: u32, outcome: &Attempt) -> Next {
    let retry = |reason: String, asked_ms: Option<u32>| {
        if attempt >= MAX_ATTEMPTS {
            Next::Stop(tn(Msg::RequestGaveUp, MAX_ATTEMPTS.into(), &[("reason", &reason)]))
        } else {
            Next::Retry { reason, wait_ms: asked_ms.unwrap_or_else(|| backoff_ms(attempt)).min(MAX_WAIT_MS) }
        }
    };
    match outcome {
        Attempt::Network => retry(t(Msg::RequestNetwork).to_owned(), None),
        Attempt::Timeout => retry(tn(Msg::RequestTimeout, (TIMEOUT_MS / 1000).into(), &[]), None),
        Attempt::Answered { status, retry_after, body } => {
            let error: ErrorBody = serde_json::from_str(body).unwrap_or_default();
            let asked_ms = || asked_wait_ms(retry_after.as_deref());
            match status {
                200 | 201 => match serde_json::from_str::<Created>(body) {
                    Ok(created) => Next::Done { id: created.id, key: created.key.unwrap_or_default() },
                    Err(_) => Next::Stop(t(Msg::RequestNoReference).to_owned()),
                },
                422 if error.code == ErrorCode::KeyReused => Next::NewKey,
                422 if !error.fields.is_empty() => Next::FixFields(error.field_problems()),
                429 => retry(t(Msg::RequestTooMany).to_owned(), asked_ms()),
                502..=504 => retry(tf(Msg::RequestUnavailable, &[("status", &status.to_string())]), asked_ms()),
                // The server's own sentence (English, for people and programs) beside the
                // status: it may say what no code does.
                _ => {
                    let status =
                        if error.error.is_empty() { status.to_string() } else { format!("{status}: {}", error.error) };
                    Next::Stop(tf(Msg::RequestFailed, &[("status", &status)]))
                }
            }
        }
    }
}

/// Whether an attempt leaves open that the inbox stored the request: no answer came back, or
/// a gateway's 502 or 504 (the inbox behind it may have stored it before the gateway gave
/// up). The next attempt then sends the very same details, which the inbox recognises by
/// their key; a refusal that stored nothing (429, 503) lets the next one send the latest.
pub fn may_be_stored(outcome: &Attempt) -> bool {
    match outcome {
        Attempt::Network | Attempt::Timeout => true,
        Attempt::Answered { status, .. } => matches!(status, 502 | 504),
    }
}

/// The wait a `Retry-After` in seconds asks for, in milliseconds (at least a second); none for
/// an HTTP date, which is not understood (the usual wait then).
pub fn asked_wait_ms(retry_after: Option<&str>) -> Option<u32> {
    retry_after.and_then(|s| s.trim().parse::<u32>().ok()).map(|s| s.max(1).saturating_mul(1000))
}

/// 1 s, 2 s, 4 s, 8 s, … after the first, second, third failure: quick for a blip, gentle on
/// a struggling server.
pub fn backoff_ms(attempt: u32) -> u32 {
    1000u32.saturating_mul(1 << attempt.saturating_sub(1).min(6)).min(MAX_WAIT_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(status: u16, body: &str) -> Attempt {
        Attempt::Answered { status, retry_after: None, body: body.into() }
    }

    #[test]
    fn created_gives_the_reference() {
        assert_eq!(
            next(1, &answered(201, r#"{"id": "GR-1234-ABCD", "status": "pending", "key": "k"}"#)),
            Next::Done { id: "GR-1234-ABCD".into(), key: "k".into() }
        );
        assert!(matches!(next(1, &answered(201, "{}")), Next::Stop(_)));
    }

    #[test]
    fn passing_failures_are_retried_with_growing_waits() {
        for outcome in [Attempt::Network, Attempt::Timeout, answered(502, "{}"), answered(503, ""), answered(504, "{}")]
        {
            let Next::Retry { wait_ms, reason } = next(1, &outcome) else { panic!("{outcome:?} should be retried") };
            assert_eq!(wait_ms, 1000);
            assert!(!reason.is_empty());
        }
        assert_eq!(
            next(2, &Attempt::Network),
            Next::Retry { reason: "We could not reach the inbox: the connection failed.".into(), wait_ms: 2000 }
        );
        assert!(matches!(next(3, &Attempt::Timeout), Next::Retry { wait_ms: 4000, .. }));
        assert_eq!(backoff_ms(40), MAX_WAIT_MS.min(64_000));
    }

    #[test]
    fn only_an_answer_that_stored_nothing_lets_the_details_change() {
        for outcome in [Attempt::Network, Attempt::Timeout, answered(502, ""), answered(504, "")] {
            assert!(may_be_stored(&outcome), "{outcome:?}");
        }
        for outcome in [answered(429, ""), answered(503, "{}"), answered(422, "{}"), answered(201, "{}")] {
            assert!(!may_be_stored(&outcome), "{outcome:?}");
        }
    }

    #[test]
    fn too_many_requests_waits_as_long_as_asked() {
        let busy =
            |after: &str| Attempt::Answered { status: 429, retry_after: Some(after.into()), body: String::new() };
        assert!(matches!(next(1, &busy("7")), Next::Retry { wait_ms: 7000, .. }));
        assert!(matches!(next(1, &busy("0")), Next::Retry { wait_ms: 1000, .. }));
        assert!(matches!(next(1, &busy("3600")), Next::Retry { wait_ms: MAX_WAIT_MS, .. }));
        // An HTTP date is not understood: fall back to the usual wait.
        assert!(matches!(next(2, &busy("Wed, 21 Oct 2026 07:28:00 GMT")), Next::Retry { wait_ms: 2000, .. }));
        // A busy database answers 503 with the wait it expects.
        let unavailable =
            Attempt::Answered { status: 503, retry_after: Some("5".into()), body: r#"{"error": "busy"}"#.into() };
        assert!(matches!(next(1, &unavailable), Next::Retry { wait_ms: 5000, .. }));
    }

    #[test]
    fn retries_stop_after_the_last_attempt_keeping_the_draft() {
        let Next::Stop(message) = next(MAX_ATTEMPTS, &Attempt::Network) else { panic!("should stop") };
        assert!(message.contains("answers are kept"), "{message}");
    }

    #[test]
    fn field_errors_go_to_the_form_and_other_failures_are_said_plainly() {
        assert_eq!(
            next(1, &answered(422, r#"{"error": "x", "fields": {"group.name": "Taken."}}"#)),
            Next::FixFields(vec![("group.name".into(), Problem::Said("Taken.".into()))])
        );
        assert_eq!(
            next(1, &answered(422, r#"{"code": "key-reused", "error": "key reused", "fields": {}}"#)),
            Next::NewKey
        );
        // Another 422 without fields is not a reused key: no second request under a new key,
        // and the visitor is told what the inbox said.
        let other = next(1, &answered(422, r#"{"code": "invalid", "error": "the policy changed", "fields": {}}"#));
        assert!(matches!(&other, Next::Stop(said) if said.contains("the policy changed")), "{other:?}");
        let Next::Stop(message) = next(1, &answered(500, r#"{"error": "disk full", "fields": {}}"#)) else { panic!() };
        assert!(message.contains("error 500: disk full") && message.contains("answers are kept"), "{message}");
        for status in [400, 404, 413, 415] {
            assert!(matches!(next(1, &answered(status, "not json")), Next::Stop(_)), "{status}");
        }
    }
}
