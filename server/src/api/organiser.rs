//! `POST /api/organiser…`: the organiser's private link at work. Every call carries the access
//! (`GR-XXXX-XXXX.KEY`) in its JSON body, never in the address. A wrong key, an unknown
//! reference and an erased request get the same 404; wrong keys are limited per client and
//! subject ([`Attempts`], which never locks out the right key) and calls per client (the
//! rate-limit layer).

use std::{net::IpAddr, sync::Arc, time::Instant};

use axum::{
    extract::{FromRequestParts, State},
    http::{request::Parts, StatusCode},
    Json,
};
use groups_core::{
    answer::ErrorBody,
    organiser::{Access, AccessBody, EditBody, OrganiserView},
    request_edit::RequestEditBody,
};
use serde::{Deserialize, Serialize};

use super::{
    client::ClientKey,
    error::{ApiError, BodyErrors},
    extract::ApiJson,
};
use crate::{
    clock::Clock,
    organiser::{
        access::{self, Holder, Refused},
        attempts::Attempts,
    },
    store::Store,
};

/// What the organiser's routes share.
#[derive(Clone)]
pub struct OrganiserState {
    pub store: Arc<Store>,
    pub attempts: Arc<Attempts>,
    pub clock: Clock,
    /// Who a call comes from, as the rate limit counts clients.
    pub clients: ClientKey,
    /// The letters when mail is on: a group moved nearer to people who asked for news of one
    /// is news to them (`crate::interest`).
    pub letters: Option<crate::mail::compose::Letters>,
}

/// The client a call comes from (its address, or its IPv6 /64), for the limit on wrong keys.
pub struct Client(IpAddr);

impl FromRequestParts<OrganiserState> for Client {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &OrganiserState) -> Result<Client, ApiError> {
        state
            .clients
            .of(&parts.extensions, &parts.headers)
            .map(Client)
            .ok_or_else(|| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the client's address is unknown"))
    }
}

/// The answer to an action that leaves nothing to show: the request erased, the group closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Done {
    /// A sentence for the organiser.
    pub done: String,
}

/// Opens the access in `body`, or answers as for any wrong link. The right key always opens;
/// a client that sent too many wrong ones for this subject is told to wait.
async fn holder(state: &OrganiserState, Client(client): Client, access: &str) -> Result<Holder, ApiError> {
    let access = Access::parse(access).ok_or_else(not_opened)?;
    let opened = {
        let access = access.clone();
        state.store.run(move |store| access::open(store, &access)).await?
    };
    if let Some(holder) = opened {
        return Ok(holder);
    }
    if let Some(wait) = state.attempts.locked(client, &access.subject, Instant::now()) {
        let mut error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!("too many wrong keys for this link: try again in {} minutes", wait.as_secs().div_ceil(60)),
        );
        error.retry_after = Some(u32::try_from(wait.as_secs()).unwrap_or(u32::MAX).max(1));
        crate::ops::metrics::organiser_locked_out();
        return Err(error);
    }
    state.attempts.failed(client, &access.subject, Instant::now());
    crate::ops::metrics::organiser_key_failed();
    Err(not_opened())
}

fn not_opened() -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "This private link opens nothing any more, or was not copied whole. A link stops working when a newer one \
             is issued, when its request is deleted or when its group is closed: write to {} for a new one.",
            groups_core::site::STAFF_ADDRESS
        ),
    )
}

async fn view_of(state: &OrganiserState, holder: Holder) -> Result<Json<OrganiserView>, ApiError> {
    Ok(Json(state.store.run(move |store| access::view(store, &holder)).await?))
}

/// What the link opens after an action changed its request: read anew, since the holder
/// carries the request as it was when the key opened.
async fn request_now(state: &OrganiserState, holder: Holder) -> Result<Json<OrganiserView>, ApiError> {
    let Holder::Request(request) = holder else { return Err(not_opened()) };
    let id = request.id.clone();
    let now = state.store.run(move |store| store.get(&id)).await?.ok_or_else(not_opened)?;
    view_of(state, Holder::Request(Box::new(now))).await
}

/// Runs an organiser's action off the runtime (`Store::run`), mapping its refusal to the API's
/// errors.
async fn act(
    state: &OrganiserState,
    holder: Holder,
    action: impl FnOnce(&Store, &Holder, crate::clock::Timestamp) -> Result<(), Refused> + Send + 'static,
) -> Result<Holder, ApiError> {
    let now = state.clock.now();
    let done = state.store.run(move |store| Ok(action(store, &holder, now).map(|()| holder))).await?;
    done.map_err(|refused| match refused {
        Refused::NotNow(sentence) => ApiError::new(StatusCode::CONFLICT, sentence),
        Refused::Fields(errors) => ApiError::fields(errors),
        Refused::ChangedMeanwhile(fields) => {
            let mut error = ApiError::new(
                StatusCode::CONFLICT,
                "Someone saved other details meanwhile, in another tab or as a co-organiser. Nothing was saved: reload the page to see what is saved now, then make your change again.",
            );
            error.body.fields = fields
                .into_iter()
                .map(|f| (f.path(), "Changed meanwhile by someone else: reload the page to see it.".to_owned()))
                .collect();
            error
        }
        Refused::Store(error) => error.into(),
    })
}

/// What a private link opens: the request, its state and decision, and the group it manages.
#[utoipa::path(post, path = "/api/organiser", tag = "organisers",
    request_body(content = AccessBody, content_type = "application/json"),
    responses(
        BodyErrors,
        (status = 200, description = "What the link opens", body = OrganiserView),
        (status = 404, description = "The link opens nothing (wrong, replaced, erased or closed: the same answer for all)", body = ErrorBody),
    ))]
pub async fn view(
    State(state): State<OrganiserState>,
    client: Client,
    ApiJson(body): ApiJson<AccessBody>,
) -> Result<Json<OrganiserView>, ApiError> {
    let holder = holder(&state, client, &body.access).await?;
    view_of(&state, holder).await
}

/// Withdraws a request that waits for a decision.
#[utoipa::path(post, path = "/api/organiser/withdraw", tag = "organisers",
    request_body(content = AccessBody, content_type = "application/json"),
    responses(
        BodyErrors,
        (status = 200, description = "Withdrawn (or withdrawn before): the request as it is now", body = OrganiserView),
        (status = 404, description = "The link opens nothing", body = ErrorBody),
        (status = 409, description = "Not pending: decided already", body = ErrorBody),
    ))]
pub async fn withdraw(
    State(state): State<OrganiserState>,
    client: Client,
    ApiJson(body): ApiJson<AccessBody>,
) -> Result<Json<OrganiserView>, ApiError> {
    let holder = holder(&state, client, &body.access).await?;
    let holder = act(&state, holder, access::withdraw).await?;
    request_now(&state, holder).await
}

/// Deletes a declined or withdrawn request's details now, on the organiser's own word.
#[utoipa::path(post, path = "/api/organiser/erase", tag = "organisers",
    request_body(content = AccessBody, content_type = "application/json"),
    responses(
        BodyErrors,
        (status = 200, description = "Deleted: the link opens nothing any more", body = Done),
        (status = 404, description = "The link opens nothing", body = ErrorBody),
        (status = 409, description = "Pending or approved: withdraw it first", body = ErrorBody),
    ))]
pub async fn erase(
    State(state): State<OrganiserState>,
    client: Client,
    ApiJson(body): ApiJson<AccessBody>,
) -> Result<Json<Done>, ApiError> {
    let holder = holder(&state, client, &body.access).await?;
    act(&state, holder, access::erase).await?;
    Ok(Json(Done {
        done: "Your request and your details are deleted: nothing of them is kept, and this link no longer opens anything."
            .into(),
    }))
}

/// Changes the group's part of a request that waits for a decision: its name, place,
/// description and links (the organisers stay as sent).
#[utoipa::path(post, path = "/api/organiser/request", tag = "organisers",
    request_body(content = RequestEditBody, content_type = "application/json"),
    responses(
        BodyErrors,
        (status = 200, description = "Saved: the request as it is now", body = OrganiserView),
        (status = 404, description = "The link opens nothing", body = ErrorBody),
        (status = 409, description = "Not pending (decided already), the link manages a listed group, or a part this save changes was changed meanwhile differently (`fields` names it)", body = ErrorBody),
        (status = 422, description = "A rule is broken: fields name the members at fault", body = ErrorBody),
    ))]
pub async fn edit_request(
    State(state): State<OrganiserState>,
    client: Client,
    ApiJson(body): ApiJson<RequestEditBody>,
) -> Result<Json<OrganiserView>, ApiError> {
    let holder = holder(&state, client, &body.access).await?;
    let holder = act(&state, holder, move |store, holder, at| {
        access::edit_request(store, holder, &body.group, body.base.as_ref(), at)
    })
    .await?;
    request_now(&state, holder).await
}

/// Changes the group's description, links, city and place on the map.
#[utoipa::path(post, path = "/api/organiser/group", tag = "organisers",
    request_body(content = EditBody, content_type = "application/json"),
    responses(
        BodyErrors,
        (status = 200, description = "Saved and published: the group as it is now", body = OrganiserView),
        (status = 404, description = "The link opens nothing", body = ErrorBody),
        (status = 409, description = "The link manages no listed group, or a part this save changes was changed meanwhile differently (`fields` names it)", body = ErrorBody),
        (status = 422, description = "A rule is broken: fields name the members at fault", body = ErrorBody),
    ))]
pub async fn edit(
    State(state): State<OrganiserState>,
    client: Client,
    ApiJson(body): ApiJson<EditBody>,
) -> Result<Json<OrganiserView>, ApiError> {
    let holder = holder(&state, client, &body.access).await?;
    let holder =
        act(&state, holder, move |store, holder, at| access::edit(store, holder, &body.group, body.base.as_ref(), at))
            .await?;
    let view = view_of(&state, holder).await?;
    tell_if_moved(&state, view.group.as_ref().map(|g| g.slug.clone())).await;
    Ok(view)
}

/// After an edit: the people who asked to hear of a group near their place and now have this
/// one within reach (its point moved) are told, once. Mail trouble never changes the answer.
async fn tell_if_moved(state: &OrganiserState, slug: Option<String>) {
    let (Some(letters), Some(slug)) = (state.letters.clone(), slug) else { return };
    let now = state.clock.now();
    let told = state
        .store
        .run(move |store| match store.group(&slug)? {
            Some(group) => crate::interest::tell(store, &letters, &[group], now),
            None => Ok(0),
        })
        .await;
    if let Err(error) = told {
        tracing::error!("news of a moved group: {error}");
    }
}

/// Confirms the group's details are current: "Details last checked" becomes this month.
#[utoipa::path(post, path = "/api/organiser/confirm", tag = "organisers",
    request_body(content = AccessBody, content_type = "application/json"),
    responses(
        BodyErrors,
        (status = 200, description = "Confirmed: the group as it is now", body = OrganiserView),
        (status = 404, description = "The link opens nothing", body = ErrorBody),
        (status = 409, description = "The link manages no listed group", body = ErrorBody),
    ))]
pub async fn confirm(
    State(state): State<OrganiserState>,
    client: Client,
    ApiJson(body): ApiJson<AccessBody>,
) -> Result<Json<OrganiserView>, ApiError> {
    let holder = holder(&state, client, &body.access).await?;
    let holder = act(&state, holder, access::confirm).await?;
    view_of(&state, holder).await
}

/// The group has stopped meeting: takes it off the directory. The link stops working.
#[utoipa::path(post, path = "/api/organiser/close", tag = "organisers",
    request_body(content = AccessBody, content_type = "application/json"),
    responses(
        BodyErrors,
        (status = 200, description = "Closed: off the map and the list", body = Done),
        (status = 404, description = "The link opens nothing", body = ErrorBody),
        (status = 409, description = "The link manages no listed group", body = ErrorBody),
    ))]
pub async fn close(
    State(state): State<OrganiserState>,
    client: Client,
    ApiJson(body): ApiJson<AccessBody>,
) -> Result<Json<Done>, ApiError> {
    let holder = holder(&state, client, &body.access).await?;
    act(&state, holder, access::close).await?;
    Ok(Json(Done {
        done: "The group is off the directory. Thank you for organising it. Your details are deleted 12 months from now, as the privacy policy says."
            .into(),
    }))
}
