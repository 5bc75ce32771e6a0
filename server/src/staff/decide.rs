//! Staff decisions: approving a request lists its group in the directory, in the same
//! transaction, and tells the people who asked to hear of a group near it (`crate::interest`);
//! declining or withdrawing one records why; closing a group takes it off the directory and
//! starts its organisers' 12-month clock.

use groups_core::{
    answer::RequestStatus,
    directory::{self, GroupRecord, RawRecord, Status},
    request::GroupRequest,
    routes::group_href,
    text::escape_invisible,
};

use crate::{
    mail::compose::Letters,
    store::{Approved, Decided, Decision, Store, StoredRequest},
    ServerError,
};

/// What `approve` publishes, beyond what the request says.
#[derive(Default)]
pub struct Listing {
    pub slug: Option<String>,
    pub status: Option<Status>,
    /// A place for a request sent without a point on the map.
    pub point: Option<(f64, f64)>,
}

/// Approves the request `id` and lists its group. Approving an approved request changes
/// nothing.
/// With `letters` (mail is on), the organisers are told in the same transaction.
pub fn approve(
    store: &Store,
    id: &str,
    listing: Listing,
    decision: Decision,
    letters: Option<&Letters>,
) -> Result<String, ServerError> {
    let request = store.get(id)?.ok_or_else(|| ServerError::NoSuchRequest(id.to_owned()))?;
    match request.status {
        RequestStatus::Pending => {}
        RequestStatus::Approved => return already_approved(&request),
        _ => return Err(not_allowed(&request, "approved")),
    }
    let sent = asked(&request)?;
    let name = sent.group.name.clone();
    // A name in another script (Hebrew, Chinese) gives its slug through a transliteration.
    let slug = listing.slug.unwrap_or_else(|| directory::slug_from(&deunicode::deunicode(&name)));
    if slug.is_empty() {
        return Err(ServerError::Refused(format!(
            "no slug can be made from the name “{}”: give one with --slug (lowercase letters and digits joined by single `-`)",
            groups_core::text::escape_invisible(&name)
        )));
    }
    if !directory::is_slug(&slug) {
        return Err(ServerError::Refused(format!(
            "`{slug}` cannot be a slug: use lowercase letters and digits joined by single `-` (--slug)"
        )));
    }
    let record =
        group_record(&request, &slug, listing.status.unwrap_or(Status::New), listing.point, Some(decision.at.month()))?;
    let mail = letters
        .map(|l| {
            vec![l.decision(id, &sent, request.lang, RequestStatus::Approved, decision.message.as_deref(), Some(&slug))]
        })
        .unwrap_or_default();
    let decision = decision.with_mail(mail);
    match store.approve(id, &record, &decision)? {
        Approved::Done(_) => {
            // People who asked to hear when a group starts near their place hear of this one.
            // The approval stands whatever happens here: the mail sender looks again hourly.
            let told = match letters.map(|l| crate::interest::tell(store, l, std::slice::from_ref(&record), decision.at)) {
                None | Some(Ok(0)) => String::new(),
                Some(Ok(1)) => " 1 person who asked to hear of a group near it is told.".to_owned(),
                Some(Ok(n)) => format!(" {n} people who asked to hear of a group near it are told."),
                Some(Err(error)) => format!(
                    " Those who asked to hear of a group near it could not be told now ({error}): the server tells them within the hour."
                ),
            };
            Ok(format!(
                "{id} approved by {}: {} is listed at {}; visitors see it at their next reload.{told}\n",
                decision.by,
                escape_invisible(&record.name),
                group_href(&slug),
            ))
        }
        Approved::SlugTaken(other) => Err(ServerError::Refused(format!(
            "the slug `{slug}` is already used by {}: choose another with --slug",
            escape_invisible(&other)
        ))),
        Approved::Decided(Decided::Already(now)) => already_approved(&now),
        Approved::Decided(Decided::NotAllowed(now)) => Err(not_allowed(&now, "approved")),
        Approved::Decided(Decided::NoSuchRequest | Decided::Done(_)) => Err(ServerError::NoSuchRequest(id.to_owned())),
    }
}

/// An approved request approved again: nothing to do, unless its group was closed since (it
/// is not listed again: that is a new request's, or an undo of the closing, `groups revert`).
fn already_approved(request: &StoredRequest) -> Result<String, ServerError> {
    let slug = request.group_slug.as_deref().unwrap_or("?");
    match request.group_closed_at {
        Some(closed) => Err(ServerError::Refused(format!(
            "{}'s group {} was closed {closed}: it is not listed again (`groups history {slug}` and `groups revert` undo a closing)",
            request.id,
            group_href(slug)
        ))),
        None => Ok(format!(
            "{} was approved {} by {}: its group is listed at {}. Nothing changed.\n",
            request.id,
            when(request),
            who(request),
            group_href(slug)
        )),
    }
}

/// Declines (`Declined`) or withdraws (`Withdrawn`, the organiser asked) a pending request.
/// With `letters` (mail is on), the organisers are told in the same transaction.
pub fn close_request(
    store: &Store,
    id: &str,
    to: RequestStatus,
    decision: Decision,
    letters: Option<&Letters>,
) -> Result<String, ServerError> {
    let mail = match (letters, store.get(id)?) {
        (Some(letters), Some(request)) if request.status == RequestStatus::Pending => {
            vec![letters.decision(id, &asked(&request)?, request.lang, to, decision.message.as_deref(), None)]
        }
        _ => Vec::new(),
    };
    let decision = decision.with_mail(mail);
    match store.decide(id, to, &decision)? {
        Decided::Done(_) => Ok(format!(
            "{id} {to} by {}. Its details are deleted 12 months after this decision (`requests purge`).\n",
            decision.by
        )),
        Decided::Already(request) => {
            Ok(format!("{id} was already {to} {} by {}. Nothing changed.\n", when(&request), who(&request)))
        }
        Decided::NotAllowed(request) => Err(not_allowed(&request, to.slug())),
        Decided::NoSuchRequest => Err(ServerError::NoSuchRequest(id.to_owned())),
    }
}

/// Takes the group `slug` off the directory and starts the 12-month clock of the requests it
/// was published from.
pub fn close_group(store: &Store, slug: &str, decision: &Decision) -> Result<String, ServerError> {
    let closed = store.close_group(slug, decision)?.ok_or_else(|| {
        ServerError::Refused(format!("no group with the slug `{slug}` is listed: `groups export` shows the directory"))
    })?;
    let clock = if closed.requests.is_empty() {
        "No request of this server published it, so no organiser's details are held for it.".to_owned()
    } else {
        format!(
            "The organisers' details of {} are deleted 12 months from now (`requests purge`).",
            closed.requests.join(", ")
        )
    };
    Ok(format!(
        "{} ({}) is off the directory, closed by {}. {clock}\n",
        escape_invisible(&closed.record.name),
        group_href(slug),
        decision.by
    ))
}

fn when(request: &StoredRequest) -> String {
    request.decided_at.map_or_else(|| "?".to_owned(), |t| t.to_string())
}

fn who(request: &StoredRequest) -> &str {
    request.decided_by.as_deref().unwrap_or("?")
}

fn not_allowed(request: &StoredRequest, wanted: &str) -> ServerError {
    let hint = match request.status {
        RequestStatus::Approved => {
            " (an approved group is taken off the directory with `groups-server groups close <slug>`)"
        }
        _ => "",
    };
    ServerError::Refused(format!(
        "{} was {} {} by {}: only a pending request can be {wanted}{hint}",
        request.id,
        request.status,
        when(request),
        who(request),
    ))
}

/// The request as it was sent (without the consent record, which is kept apart).
fn asked(request: &StoredRequest) -> Result<GroupRequest, ServerError> {
    request.sent().map_err(|e| {
        ServerError::Refused(format!("{} cannot be read back ({e}): look at it with `requests show`", request.id))
    })
}

/// The directory record for a request: its public fields only, never an organiser's name or
/// address.
fn group_record(
    request: &StoredRequest,
    slug: &str,
    status: Status,
    point: Option<(f64, f64)>,
    checked: Option<directory::Month>,
) -> Result<GroupRecord, ServerError> {
    let g = asked(request)?.group;
    let (lat, lon) = match (point, g.lat.zip(g.lon)) {
        (Some(point), _) | (None, Some(point)) => point,
        (None, None) => {
            return Err(ServerError::Refused(format!(
                "{} was sent without a point on the map: give the group's place with --lat and --lon",
                request.id
            )))
        }
    };
    GroupRecord::check(RawRecord {
        slug: slug.to_owned(),
        name: g.name,
        city: Some(g.city).filter(|c| !c.is_empty()),
        country: g.country,
        lat,
        lon,
        status,
        links: g.links,
        description: Some(g.description),
        checked,
    })
    .map_err(|reason| ServerError::Refused(format!("{} cannot be listed: {reason}", request.id)))
}
