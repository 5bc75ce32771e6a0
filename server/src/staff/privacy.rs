//! The privacy page's promises, each kept by a command: what is held about a person
//! (`requests find --email`), erasure on request (`requests delete`), and deletion 12 months
//! after a decision or a group's closing (`requests purge`).

use crate::{
    clock::Timestamp,
    store::{Decision, HistoryEntry, Store, StoredRequest},
    ServerError,
};

use super::output;

/// Everything held about the person with `email`, as JSON.
pub fn find(store: &Store, email: &str) -> Result<String, ServerError> {
    let found = with_history(store, store.find_by_email(email)?)?;
    Ok(output::find(email.trim(), &found))
}

/// Erases the request `id`: its row, its history, and every copy in the database files.
pub fn delete(store: &Store, id: &str, decision: &Decision) -> Result<String, ServerError> {
    let request = store.get(id)?.ok_or_else(|| ServerError::NoSuchRequest(id.to_owned()))?;
    store.erase(id, decision)?;
    store.compact()?;
    let mut said = format!("{id} is deleted, with its history; nothing of it is left in {}.\n", store.path().display());
    // Deleting the details of a listed group's organiser may leave the group with none.
    if let (Some(slug), None) = (&request.group_slug, &request.group_closed_at) {
        if store.group(slug)?.is_some() {
            said.push_str(&format!(
                "Its group is still listed at {}. If it has no organiser left, take it off with `groups-server groups close {slug}`.\n",
                groups_core::routes::group_href(slug)
            ));
        }
    }
    Ok(said)
}

/// Deletes what is due at `now` (declined and withdrawn requests decided 12 months ago or
/// more, organisers of groups closed 12 months ago or more); with `dry_run`, only says what.
pub fn purge(store: &Store, now: Timestamp, dry_run: bool, by: &str) -> Result<String, ServerError> {
    let cutoff = now.twelve_months_before();
    let plan = store.purge_plan(cutoff)?;
    if plan.is_empty() {
        return Ok(format!("Nothing to delete at {now}: nothing was decided or closed on or before {cutoff}.\n"));
    }
    let verb = if dry_run { "Would delete" } else { "Deleted" };
    let mut said = String::new();
    for item in &plan.requests {
        if !dry_run {
            store.erase(&item.id, &Decision::new(by, now, Some(format!("retention: {}", item.reason))))?;
        }
        said.push_str(&format!("{verb} {} ({}, 12 months ago or more)\n", item.id, item.reason));
    }
    for item in &plan.organizers {
        if !dry_run {
            store.forget_organizers(&item.id, &Decision::new(by, now, None))?;
        }
        said.push_str(&format!(
            "{verb} the organisers' details of {} ({}, 12 months ago or more)\n",
            item.id, item.reason
        ));
    }
    if !dry_run {
        store.compact()?;
    }
    Ok(said)
}

/// Each request with its history.
pub fn with_history(
    store: &Store,
    requests: Vec<StoredRequest>,
) -> Result<Vec<(StoredRequest, Vec<HistoryEntry>)>, ServerError> {
    requests
        .into_iter()
        .map(|r| {
            let history = store.history(&r.id)?;
            Ok((r, history))
        })
        .collect()
}
