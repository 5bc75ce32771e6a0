//! What a private key opens, and what its holder may do: see their request and its decision,
//! withdraw a pending one, delete their details once it is declined or withdrawn, and manage
//! the listed group it became (its description, links, city and place; confirm the details are
//! current; close it). Every change is made in one write transaction through the store,
//! checked by the same rules as the form and the directory, and recorded as the organiser's.

use groups_core::{
    answer::RequestStatus,
    directory::{GroupRecord, RawRecord},
    organiser::{validate_edit, Access, GroupEdit, ManagedGroup, OrganiserView},
    request::GroupDetails,
    request_edit,
    validate::{validate_group, Field, FieldErrors},
};

use super::key;
use crate::{
    clock::Timestamp,
    store::{Decided, Decision, Edited, GroupAction, RequestChange, Store, StoreError, StoredRequest},
};

/// Who holds a key that opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Holder {
    Request(Box<StoredRequest>),
    /// A listed group whose link staff issued (it came without a request).
    Group(String),
}

impl Holder {
    /// How the histories name this organiser: never by their name or address.
    pub fn by(&self) -> String {
        match self {
            Holder::Request(request) => format!("organiser of {}", request.id),
            Holder::Group(slug) => format!("organiser of {slug}"),
        }
    }

    /// The listed group the key manages: an approved request's group while it is listed.
    fn slug(&self) -> Option<&str> {
        match self {
            Holder::Request(request)
                if request.status == RequestStatus::Approved && request.group_closed_at.is_none() =>
            {
                request.group_slug.as_deref()
            }
            Holder::Request(_) => None,
            Holder::Group(slug) => Some(slug),
        }
    }
}

/// The holder of `access`, or `None` for a wrong key, an unknown subject or an erased request
/// alike (and a revoked key, which is no longer stored).
pub fn open(store: &Store, access: &Access) -> Result<Option<Holder>, StoreError> {
    let presented = key::hash(&access.key);
    let stored = store.key_hashes(&access.subject)?;
    // Compare with every key held (and with something when none is), each in constant time,
    // so the time taken says nothing.
    const NONE: &str = "0000000000000000000000000000000000000000000000000000000000000000";
    let held = if stored.is_empty() { vec![NONE.to_owned()] } else { stored.clone() };
    let matched = held.iter().fold(false, |found, hash| key::same(hash, &presented) | found);
    if !matched || stored.is_empty() {
        return Ok(None);
    }
    if access.subject.starts_with("GR-") {
        Ok(store.get(&access.subject)?.map(|r| Holder::Request(Box::new(r))))
    } else {
        Ok(store.group(&access.subject)?.map(|_| Holder::Group(access.subject.clone())))
    }
}

/// What the page shows the holder.
pub fn view(store: &Store, holder: &Holder) -> Result<OrganiserView, StoreError> {
    let group = match holder.slug() {
        Some(slug) => store.group(slug)?.map(|record| managed(&record)),
        None => None,
    };
    Ok(match holder {
        Holder::Request(request) => OrganiserView {
            subject: request.id.clone(),
            status: Some(request.status),
            received: Some(request.received_at.utc_day()),
            decided: request.decided_at.map(Timestamp::utc_day),
            message: request.decision_message.clone(),
            closed: request.group_closed_at.map(Timestamp::utc_day),
            request: request.sent().ok(),
            group,
        },
        Holder::Group(slug) => OrganiserView {
            subject: slug.clone(),
            status: None,
            received: None,
            decided: None,
            message: None,
            closed: None,
            request: None,
            group,
        },
    })
}

fn managed(record: &GroupRecord) -> ManagedGroup {
    ManagedGroup {
        slug: record.slug.clone(),
        name: record.name.clone(),
        country: record.country.name.to_owned(),
        country_code: record.country.code.to_owned(),
        details: GroupEdit {
            city: record.city.clone().unwrap_or_default(),
            lat: record.lat,
            lon: record.lon,
            description: record.description.clone().unwrap_or_default(),
            links: record.links.clone(),
        },
        checked: record.checked,
    }
}

/// Why an organiser's action was not done.
#[derive(Debug)]
pub enum Refused {
    /// Not in this state: a sentence saying what is possible.
    NotNow(String),
    /// The edit breaks the rules, per field.
    Fields(FieldErrors),
    /// These parts were changed meanwhile (in another tab, by a co-organiser) differently.
    ChangedMeanwhile(Vec<Field>),
    Store(StoreError),
}

impl From<StoreError> for Refused {
    fn from(error: StoreError) -> Refused {
        Refused::Store(error)
    }
}

/// Withdraws the holder's pending request.
pub fn withdraw(store: &Store, holder: &Holder, at: Timestamp) -> Result<(), Refused> {
    let Holder::Request(request) = holder else { return Err(no_request()) };
    match store.decide(&request.id, RequestStatus::Withdrawn, &Decision::new(holder.by(), at, None))? {
        Decided::Done(_) | Decided::Already(_) => Ok(()),
        Decided::NotAllowed(now) => Err(decided_already(&now, "withdrawn")),
        Decided::NoSuchRequest => Err(no_request()),
    }
}

/// Deletes a declined or withdrawn request, its history and key, on the organiser's word, and
/// compacts the database so that no byte of it is left.
pub fn erase(store: &Store, holder: &Holder, at: Timestamp) -> Result<(), Refused> {
    let Holder::Request(request) = holder else { return Err(no_request()) };
    if !matches!(request.status, RequestStatus::Declined | RequestStatus::Withdrawn) {
        return Err(Refused::NotNow(
            "Details can be deleted here once a request is declined or withdrawn: withdraw it first.".into(),
        ));
    }
    store
        .erase(&request.id, &Decision::new("its organiser", at, Some("deleted on the organiser's own word".into())))?;
    store.compact()?;
    Ok(())
}

/// Applies an organiser's change to their pending request: the group's part of it, checked by
/// the form's rules. With `base` (what their page showed), only what they changed is saved
/// over what is saved now ([`request_edit::merge`]); a part changed meanwhile differently is
/// refused by its field, and nothing changes. The organisers and the consent stay as sent.
pub fn edit_request(
    store: &Store,
    holder: &Holder,
    group: &GroupDetails,
    base: Option<&GroupDetails>,
    at: Timestamp,
) -> Result<(), Refused> {
    let Holder::Request(request) = holder else { return Err(no_request()) };
    let group = group.normalized();
    validate_group(&group).map_err(Refused::Fields)?;
    let base = base.map(GroupDetails::normalized);
    let edited = store.edit_request(&request.id, &holder.by(), at, |saved| {
        let mut sent = saved
            .sent()
            .map_err(|e| Refused::NotNow(format!("This request cannot be read back ({e}): write to the staff.")))?;
        let merged = match &base {
            Some(base) => request_edit::merge(&group, base, &sent.group).map_err(Refused::ChangedMeanwhile)?,
            None => group.clone(),
        };
        let Some(what) = request_edit::changes(&sent.group, &merged) else { return Ok(None) };
        sent.group = merged;
        let request_json = serde_json::to_string(&sent).map_err(|e| Refused::NotNow(e.to_string()))?;
        Ok(Some(RequestChange { request_json, what }))
    })?;
    match edited {
        Edited::Done(_) | Edited::Unchanged(_) => Ok(()),
        Edited::Refused(refused) => Err(refused),
        Edited::NotPending(now) => Err(decided_already(&now, "changed")),
        Edited::NoSuchRequest => Err(no_request()),
    }
}

/// Applies an organiser's edit of their group. With `base` (the details their page showed),
/// only what they changed is saved over what is saved now ([`GroupEdit::merge`]); a part
/// changed meanwhile differently is refused by its field, and nothing changes.
pub fn edit(
    store: &Store,
    holder: &Holder,
    edit: &GroupEdit,
    base: Option<&GroupEdit>,
    at: Timestamp,
) -> Result<(), Refused> {
    let edit = edit.normalized();
    validate_edit(&edit).map_err(Refused::Fields)?;
    let base = base.map(GroupEdit::normalized);
    change(store, holder, GroupAction::Edited, at, |record| {
        let edit = match &base {
            Some(base) => edit.merge(base, &managed(record).details).map_err(Refused::ChangedMeanwhile)?,
            None => edit.clone(),
        };
        Ok(RawRecord {
            city: Some(edit.city.clone()).filter(|c| !c.is_empty()),
            lat: edit.lat,
            lon: edit.lon,
            description: Some(edit.description.clone()),
            links: edit.links.clone(),
            ..record.raw()
        })
    })
}

/// The group's details are current: `checked` becomes this month.
pub fn confirm(store: &Store, holder: &Holder, at: Timestamp) -> Result<(), Refused> {
    change(store, holder, GroupAction::Confirmed, at, |record| {
        Ok(RawRecord { checked: Some(at.month()), ..record.raw() })
    })
}

/// The group has stopped meeting: it is taken off the directory, as `groups close` does, and
/// the key stops working.
pub fn close(store: &Store, holder: &Holder, at: Timestamp) -> Result<(), Refused> {
    let slug = holder.slug().ok_or_else(no_group)?;
    let decision = Decision::new(holder.by(), at, Some("the group stopped meeting, said its organiser".into()));
    store.close_group(slug, &decision)?.ok_or_else(no_group)?;
    Ok(())
}

fn change(
    store: &Store,
    holder: &Holder,
    action: GroupAction,
    at: Timestamp,
    apply: impl FnOnce(&GroupRecord) -> Result<RawRecord, Refused>,
) -> Result<(), Refused> {
    let slug = holder.slug().ok_or_else(no_group)?;
    store.group(slug)?.ok_or_else(no_group)?;
    let decision = Decision::new(holder.by(), at, None);
    store.edit_group(slug, action, &decision, |saved| GroupRecord::check(apply(saved)?).map_err(Refused::NotNow))??;
    Ok(())
}

/// The refusal of what only a pending request allows (`done`: "withdrawn", "changed").
fn decided_already(now: &StoredRequest, done: &str) -> Refused {
    Refused::NotNow(format!(
        "This request was {} on {}: only a request waiting for a decision can be {done}.",
        now.status.label().to_lowercase(),
        now.decided_at.map_or_else(|| "?".into(), Timestamp::day)
    ))
}

fn no_request() -> Refused {
    Refused::NotNow("This link manages a listed group, not a request.".into())
}

fn no_group() -> Refused {
    Refused::NotNow("This link manages no listed group: the group is listed once its request is approved.".into())
}
