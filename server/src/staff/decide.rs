//! Staff decisions: approving a request publishes its group in the directory the server
//! serves; declining or withdrawing one records why; closing a group takes it off the
//! directory and starts its organisers' 12-month clock.

use groups_core::{
    answer::RequestStatus,
    directory::{self, GroupRecord, Month, RawRecord, Status},
    request::GroupRequest,
};

use crate::{
    groups_file::GroupsFile,
    store::{Decided, Store, StoredRequest},
    ServerError,
};

/// Who decides, when, and why.
pub struct Decision<'a> {
    pub by: &'a str,
    /// RFC 3339 UTC, as the server writes times.
    pub at: &'a str,
    pub note: Option<&'a str>,
}

/// What `approve` publishes, beyond what the request says.
#[derive(Default)]
pub struct Listing {
    pub slug: Option<String>,
    pub status: Option<Status>,
    /// A place for a request sent without a point on the map.
    pub point: Option<(f64, f64)>,
}

/// Approves the request `id` and publishes its group. Approving an approved request changes
/// nothing (and publishes it again only if its group is missing from the directory).
pub fn approve(
    store: &Store,
    groups: &GroupsFile,
    id: &str,
    listing: Listing,
    decision: &Decision,
) -> Result<String, ServerError> {
    let request = store.get(id)?.ok_or_else(|| ServerError::NoSuchRequest(id.to_owned()))?;
    match request.status {
        RequestStatus::Pending => {}
        RequestStatus::Approved => {
            let slug = request.group_slug.clone().unwrap_or_default();
            return match groups.find(&slug)? {
                Some(_) => Ok(format!(
                    "{id} was approved {} by {}: its group is listed at /groups/{slug}. Nothing changed.\n",
                    request.decided_at.as_deref().unwrap_or("?"),
                    request.decided_by.as_deref().unwrap_or("?")
                )),
                None if request.group_closed_at.is_some() => Err(ServerError::Refused(format!(
                    "{id}'s group /groups/{slug} was closed {}: it is not published again",
                    request.group_closed_at.as_deref().unwrap_or("?")
                ))),
                None => {
                    let month = request.decided_at.as_deref().and_then(Month::of_time);
                    let record = group_record(&request, &slug, Status::New, None, month)?;
                    groups.add(record)?;
                    Ok(format!("{id} was approved before; its group was missing from the directory and is listed again at /groups/{slug}.\n"))
                }
            };
        }
        other => return Err(not_allowed(&request, other, "approved")),
    }
    let name = asked(&request)?.group.name;
    let slug = listing.slug.unwrap_or_else(|| directory::slug_from(&name));
    if !directory::is_slug(&slug) {
        return Err(ServerError::Refused(format!(
            "`{slug}` cannot be a slug: use lowercase letters and digits joined by single `-` (--slug)"
        )));
    }
    // Another request published under this slug is another group, even with the same details.
    if let Some(other) = store.by_slug(&slug)?.into_iter().find(|r| r.id != id) {
        let name = asked(&other).map(|a| a.group.name).unwrap_or_default();
        return Err(ServerError::Refused(format!(
            "the slug `{slug}` is already used by {} (request {}): choose another with --slug",
            groups_core::text::escape_invisible(&name),
            other.id
        )));
    }
    let record = group_record(
        &request,
        &slug,
        listing.status.unwrap_or(Status::New),
        listing.point,
        Month::of_time(decision.at),
    )?;
    // The directory first: if the database step then fails, approving again finds the group
    // listed and records the decision; the other way round a decision could stand unpublished.
    groups.add(record.clone())?;
    match store.decide(id, RequestStatus::Approved, decision.by, decision.at, decision.note, Some(&slug))? {
        Decided::Done(_) => Ok(format!(
            "{id} approved by {}: {} is listed at /groups/{slug} ({}); visitors see it at their next reload.\n",
            decision.by,
            groups_core::text::escape_invisible(&record.name),
            groups.path().display()
        )),
        Decided::Already(_) => Ok(format!("{id} was approved meanwhile; it is listed at /groups/{slug}.\n")),
        Decided::NotAllowed { current } => {
            // Someone else decided between our read and our write: take the group off again.
            groups.remove(&slug)?;
            Err(not_allowed(&request, current, "approved"))
        }
        Decided::NoSuchRequest => Err(ServerError::NoSuchRequest(id.to_owned())),
    }
}

/// Declines (`Declined`) or withdraws (`Withdrawn`, the organiser asked) a pending request.
pub fn close_request(store: &Store, id: &str, to: RequestStatus, decision: &Decision) -> Result<String, ServerError> {
    match store.decide(id, to, decision.by, decision.at, decision.note, None)? {
        Decided::Done(_) => Ok(format!(
            "{id} {to} by {}. Its details are deleted 12 months after this decision (`requests purge`).\n",
            decision.by
        )),
        Decided::Already(request) => Ok(format!(
            "{id} was already {to} {} by {}. Nothing changed.\n",
            request.decided_at.as_deref().unwrap_or("?"),
            request.decided_by.as_deref().unwrap_or("?")
        )),
        Decided::NotAllowed { current } => {
            let request = store.get(id)?.ok_or_else(|| ServerError::NoSuchRequest(id.to_owned()))?;
            Err(not_allowed(&request, current, to.slug()))
        }
        Decided::NoSuchRequest => Err(ServerError::NoSuchRequest(id.to_owned())),
    }
}

/// Takes the group `slug` off the directory and starts the 12-month clock of the requests it
/// was published from.
pub fn close_group(store: &Store, groups: &GroupsFile, slug: &str, decision: &Decision) -> Result<String, ServerError> {
    let removed = groups.remove(slug)?;
    let ids = store.close_group(slug, decision.by, decision.at, decision.note)?;
    let clock = if ids.is_empty() {
        "No request of this server published it, so no organiser's details are held for it.".to_owned()
    } else {
        format!("The organisers' details of {} are deleted 12 months from now (`requests purge`).", ids.join(", "))
    };
    Ok(format!(
        "{} (/groups/{slug}) is off the directory, closed by {}. {clock}\n",
        groups_core::text::escape_invisible(&removed.name),
        decision.by
    ))
}

fn not_allowed(request: &StoredRequest, current: RequestStatus, wanted: &str) -> ServerError {
    let hint = match current {
        RequestStatus::Approved => {
            " (an approved group is taken off the directory with `groups-server groups close <slug>`)"
        }
        _ => "",
    };
    ServerError::Refused(format!(
        "{} was {current} {} by {}: only a pending request can be {wanted}{hint}",
        request.id,
        request.decided_at.as_deref().unwrap_or("?"),
        request.decided_by.as_deref().unwrap_or("?"),
    ))
}

/// The request as it was sent (without the consent record, which is kept apart).
fn asked(request: &StoredRequest) -> Result<GroupRequest, ServerError> {
    serde_json::from_str(&request.request_json).map_err(|e| {
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
    checked: Option<Month>,
) -> Result<GroupRecord, ServerError> {
    let asked = asked(request)?;
    let g = asked.group;
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
        city: Some(g.city),
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
