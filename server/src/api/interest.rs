//! `POST /api/interest` and `GET /api/interest/count`: a visitor asks to hear when a group
//! starts near a place, and a would-be organiser sees how many asked near theirs.
//!
//! A sign-up is checked with the form's rules (`groups_core::interest`), its place read from
//! the gazetteer, and kept unconfirmed with the mail that asks to confirm it, which goes to
//! the address given (double opt-in: nothing counts until its owner confirms). The answer is
//! the same whatever the address's state (new, waiting, signed up, or mailed too much today),
//! so the form tells nobody whether an address is known. The count is of people (addresses)
//! with a confirmed sign-up whose place is within the distance asked of the place asked, as a
//! number from three up, else only "few": never who.

use std::sync::Arc;

use axum::{
    extract::{RawQuery, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use groups_core::{
    answer::{ErrorBody, ErrorCode},
    hex::hex,
    interest::{
        address_key, consent_language, mail_address, validate_sign_up, InterestCount, SignUp, SignUpAccepted,
        DEFAULT_RADIUS_KM, RADII_KM,
    },
};
use groups_i18n::{catalogue::Speaking, Lang};
use groups_places::PlaceId;
use sha2::{Digest, Sha256};

use super::{
    error::{ApiError, BodyErrors},
    extract::ApiJson,
};
use crate::{clock::Clock, mail::compose::Letters, places::Places, store::NewSignUp, store::Store, terms::TERMS};

/// How long a count may be kept by browsers and caches: it moves only when someone confirms
/// or stops, and a few minutes late says the same to a would-be organiser.
const COUNT_CACHE_CONTROL: &str = "public, max-age=300";

/// What the calls need: the store, the letters when mail is on, the clock and the gazetteer.
#[derive(Clone)]
pub struct InterestState {
    pub store: Arc<Store>,
    pub letters: Option<Letters>,
    pub clock: Clock,
    pub places: Places,
}

/// The sign-ups' state with their rate limit, one for both ways in: this API and the form of
/// the pages without JavaScript (`interest::form`), so that both count in one bucket.
#[derive(Clone)]
pub struct SignUps {
    pub state: InterestState,
    pub limit: super::Limiter,
}

/// Asks to hear when a group starts near a place.
///
/// A sign-up is neither counted nor sent anything but the link to confirm it until the
/// address's owner opens that link and confirms; an unconfirmed one is deleted after 7 days.
/// The consent's sentence may be in any of the site's languages: the mail is written in it. The answer is the same for an address
/// that is new, waiting for its confirmation, already signed up, or mailed too often today
/// (then no mail goes: an address gets at most 3 such messages a day, the site 100).
#[utoipa::path(
    post,
    path = "/api/interest",
    tag = "interest",
    request_body(content = SignUp, content_type = "application/json"),
    responses(
        BodyErrors,
        (status = 202, description = "Mailed, unless the limits on mail said no: the same answer for every address", body = SignUpAccepted),
        (status = 422, description = "A rule is broken (code `invalid`): fields name the members at fault (`place`, `radius_km`, `email`, `name`, `consent`)", body = ErrorBody),
    )
)]
pub async fn sign_up(
    State(state): State<InterestState>,
    ApiJson(body): ApiJson<SignUp>,
) -> Result<(StatusCode, Json<SignUpAccepted>), ApiError> {
    Ok((StatusCode::ACCEPTED, Json(accept(&state, body).await?)))
}

/// A sign-up, however it came (this API's JSON, or the form of the pages without JavaScript,
/// `interest::form`): checked with the form's rules, its consent recorded, kept unconfirmed
/// with the mail that asks to confirm it. The same answer whatever the address's state; a
/// broken rule is a 422 with the fields at fault.
pub async fn accept(state: &InterestState, body: SignUp) -> Result<SignUpAccepted, ApiError> {
    let body = body.normalized();
    let index = state.places.index().ok_or_else(no_places)?;
    let place = body.place.parse::<PlaceId>().ok().and_then(|id| index.get(id));
    if let Err(errors) = validate_sign_up(&body, TERMS, place.as_ref()) {
        return Err(ApiError::problems(errors.into_iter().map(|(field, problem)| (field.path().to_owned(), problem))));
    }
    let accepted = SignUpAccepted { message: groups_core::interest::accepted_message().to_owned() };
    if !body.website.is_empty() {
        // The honeypot was filled: answer as for anyone, so the bot learns nothing.
        return Ok(accepted);
    }
    let letters = state.letters.clone().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "this server sends no mail, so it cannot take sign-ups: write to the staff instead",
        )
    })?;
    let place = place.expect("validated");
    let consent = body.consent.clone().expect("validated");
    // The language of the words agreed to: its mail and pages are written in it, and name the
    // place as it does.
    let lang = consent_language(body.radius_km, &place, &consent.text).unwrap_or(Lang::En);
    let label = {
        let _speaking = Speaking::page(lang, false);
        place.label()
    };
    let sign_up = NewSignUp {
        address: mail_address(&body.email),
        address_key: address_key(&body.email),
        name: body.name.clone(),
        place_id: place.id.clone(),
        place_name: label.clone(),
        lat: place.lat,
        lon: place.lon,
        radius_km: body.radius_km,
        lang,
        consent_version: consent.privacy_policy_version,
        consent_text_sha256: hex(&Sha256::digest(consent.text.as_bytes())),
    };
    let mail = letters.interest_confirmation(&sign_up.address, &label, body.radius_km, sign_up.lang);
    let now = state.clock.now();
    state.store.run(move |store| store.sign_up(&sign_up, mail, now)).await?;
    Ok(accepted)
}

/// The query string's parameters (read by hand, so every mistake gets the API's JSON error).
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Only its description of the parameters is used.
pub struct CountParams {
    /// The gazetteer's id of the place (`/api/places`): `2879139`, `state:US-MA`, `country:HU`.
    #[param(pattern = r"^([0-9]{1,10}|country:[A-Z]{2}|state:[A-Z]{2}-[A-Z]{2})$")]
    near: String,
    /// The distance in km: 50, 100, 250 or 500 (100 when not given).
    radius: Option<u16>,
}

/// How many people asked to hear when a group starts near a place.
///
/// People (addresses) with a confirmed sign-up whose place is within `radius` km of the
/// place asked: `{"count": n}` from 3 up, else `{"few": true}` (none, one or two). Never who.
#[utoipa::path(
    get,
    path = "/api/interest/count",
    tag = "interest",
    params(CountParams),
    responses(
        (status = 200, description = "The count, or that they are few", body = InterestCount,
            headers(("Cache-Control" = String, description = "public, max-age=300"))),
        (status = 400, description = "No place, or a distance not offered (fields name which)", body = ErrorBody),
        (status = 404, description = "No place has this id", body = ErrorBody),
        (status = 429, description = "Too many calls from this client", body = ErrorBody,
            headers(("Retry-After" = u32, description = "Seconds to wait"))),
        (status = 503, description = "This server has no places index, or its database cannot be read at the moment", body = ErrorBody),
    )
)]
pub async fn count(State(state): State<InterestState>, RawQuery(query): RawQuery) -> Result<Response, ApiError> {
    let (near, radius) = read_count_query(query.as_deref().unwrap_or_default())?;
    let index = state.places.index().ok_or_else(no_places)?;
    let place = near.parse::<PlaceId>().ok().and_then(|id| index.get(id));
    let place = place.ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no place has this id"))?;
    let (lat, lon) = (place.lat, place.lon);
    let people = state.store.run(move |store| store.interest_near(lat, lon, radius)).await?;
    let mut response = Json(InterestCount::of(people)).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(COUNT_CACHE_CONTROL));
    Ok(response)
}

/// `near` and `radius` from a query string, checked.
fn read_count_query(query: &str) -> Result<(String, u16), ApiError> {
    let (mut near, mut radius) = (None, None);
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match &*name {
            "near" if near.is_none() => near = Some(value.trim().to_owned()),
            "radius" if radius.is_none() => radius = Some(value.into_owned()),
            _ => {}
        }
    }
    let refuse = |field: &str, message: &str| {
        let mut refused = ApiError::new(StatusCode::BAD_REQUEST, message.to_owned()).with_code(ErrorCode::BadRequest);
        refused.body.fields.insert(field.to_owned(), message.to_owned());
        refused
    };
    let radius = match radius {
        None => DEFAULT_RADIUS_KM,
        Some(text) => match text.trim().parse::<u16>() {
            Ok(km) if RADII_KM.contains(&km) => km,
            _ => return Err(refuse("radius", "the distance is one of 50, 100, 250 or 500 (km)")),
        },
    };
    match near {
        Some(near) if !near.is_empty() => Ok((near, radius)),
        _ => Err(refuse("near", "give the place's id (from /api/places) as `near`")),
    }
}

fn no_places() -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "places are not known on this server: it has no places index")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_query_is_read_and_checked() {
        assert_eq!(read_count_query("near=2879139&radius=250").unwrap(), ("2879139".to_owned(), 250));
        assert_eq!(read_count_query("near=country%3AHU").unwrap(), ("country:HU".to_owned(), DEFAULT_RADIUS_KM));
        for (query, field) in [
            ("", "near"),
            ("near=", "near"),
            ("radius=100", "near"),
            ("near=1&radius=75", "radius"),
            ("near=1&radius=-1", "radius"),
            ("near=1&radius=x", "radius"),
        ] {
            let error = read_count_query(query).unwrap_err();
            assert!(error.body.fields.contains_key(field), "{query}: {:?}", error.body);
            assert_eq!(error.status, StatusCode::BAD_REQUEST);
        }
    }
}
