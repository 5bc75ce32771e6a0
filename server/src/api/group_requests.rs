//! `POST /api/group-requests`: receives a new-group request, checks it with the same rules as
//! the form (`groups_core::validate`), and stores it once per idempotency key before answering.

use std::sync::Arc;

use axum::{extract::State, http::StatusCode, Json};
use groups_core::{
    answer::{Created, ErrorBody, ErrorCode, RequestStatus},
    hex::hex,
    request::GroupRequest,
    validate::validate,
};
use groups_i18n::Lang;
use sha2::{Digest, Sha256};

use super::{
    error::{ApiError, BodyErrors},
    extract::{ApiJson, IdempotencyKey},
};
use crate::{
    clock::Clock,
    mail::compose::Letters,
    organiser::key::new_key,
    store::{NewRequest, Outcome, Store},
    terms::TERMS,
};

/// What the inbox needs: the store, the letters when mail is on, and the clock.
#[derive(Clone)]
pub struct Inbox {
    pub store: Arc<Store>,
    pub letters: Option<Letters>,
    pub clock: Clock,
}

/// Receives a request to start a user group.
///
/// The body is checked with the same rules as the form; a stored request's retry (the same
/// `Idempotency-Key` and body) is answered with its reference before anything else, with a
/// private key only within ten minutes of the request's arrival (a lost answer's retries).
#[utoipa::path(
    post,
    path = "/api/group-requests",
    tag = "inbox",
    params(("Idempotency-Key" = String, Header, format = Uuid,
        description = "A UUID made when the request is first written and sent with every retry of it")),
    request_body(content = GroupRequest, content_type = "application/json"),
    responses(
        BodyErrors,
        (status = 201, description = "Stored (or stored before under this key with this body: then `key` only within ten minutes of its arrival)", body = Created),
        (status = 422, description = "A rule is broken (fields name the members at fault), or the key was used for another body", body = ErrorBody),
    )
)]
pub async fn create(
    State(inbox): State<Inbox>,
    IdempotencyKey(key): IdempotencyKey,
    ApiJson(request): ApiJson<GroupRequest>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let store = inbox.store.clone();
    let now = inbox.clock.now();
    let request = request.normalized();
    let body_sha256 =
        hex(&Sha256::digest(serde_json::to_string(&request).expect("a request is plain data").as_bytes()));

    // A retry of a stored request is answered with its id before anything else is checked:
    // the rules or the privacy policy may have changed since it was stored.
    let lookup = {
        let key = key.clone();
        store.run(move |store| store.find_key(&key)).await?
    };
    // The organiser's private key. A replay soon after the request arrived (its answer may
    // have been lost) gets one of its own, revoking none given before; a later one gets none,
    // so the body and idempotency key (in a backup, an export) never mint a working key.
    let issued = new_key();
    let created = |id, key| (StatusCode::CREATED, Json(Created { id, status: RequestStatus::Pending, key }));
    match lookup {
        Some((id, hash)) if hash == body_sha256 => {
            let (stored, hash) = (id.clone(), issued.hash.clone());
            let keyed = store.run(move |store| store.replay(&stored, &hash, now)).await?;
            return Ok(created(id, keyed.then_some(issued.key)));
        }
        Some(_) => return Err(key_reused()),
        None => {}
    }

    if let Err(errors) = validate(&request, TERMS) {
        return Err(ApiError::fields(errors));
    }
    if !request.website.is_empty() {
        // The honeypot was filled: answer as if stored, so the bot learns nothing.
        return Ok(created(reference_number(), Some(issued.key)));
    }
    let asked = request.clone();
    let consent = request.consent.clone().expect("validation requires consent");
    let lang = consent.lang().unwrap_or(Lang::En);
    let record = NewRequest {
        id: reference_number(),
        received_at: now,
        idempotency_key: key,
        body_sha256,
        request_json: serde_json::to_string(&GroupRequest { consent: None, ..request })
            .expect("a request is plain data"),
        lang,
        consent_version: consent.privacy_policy_version,
        consent_text_sha256: consent.text_sha256,
        key_hash: issued.hash.clone(),
    };
    // The receipt and the staff's notice, when mail is on, go in the same transaction.
    let mail = {
        let letters = inbox.letters.clone();
        move |id: &str| match letters {
            Some(letters) => {
                std::iter::once(letters.receipt(id, &asked, lang)).chain(letters.staff_notice(id, &asked)).collect()
            }
            None => Vec::new(),
        }
    };
    match store.run(move |store| store.insert(&record, reference_number, mail)).await? {
        Outcome::Created(id) | Outcome::Replayed { id, keyed: true } => Ok(created(id, Some(issued.key))),
        Outcome::Replayed { id, keyed: false } => Ok(created(id, None)),
        Outcome::KeyReused => Err(key_reused()),
    }
}

fn key_reused() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "this Idempotency-Key was already used for a different request: make a new key for a new request",
    )
    .with_code(ErrorCode::KeyReused)
}

/// A reference number people can read out: `GR-` and eight characters of Crockford's base 32
/// (no I, L, O or U), 40 random bits.
pub fn reference_number() -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let random = uuid::Uuid::new_v4().as_u128();
    let chars: String = (0..8).map(|i| ALPHABET[((random >> (i * 5)) & 31) as usize] as char).collect();
    format!("GR-{}-{}", &chars[..4], &chars[4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_numbers_are_readable_and_distinct() {
        let a = reference_number();
        assert_eq!(a.len(), 12, "{a}");
        assert!(a.starts_with("GR-") && a.as_bytes()[7] == b'-');
        assert!(!a.contains(['I', 'L', 'O', 'U']));
        assert_ne!(a, reference_number());
    }
}
