//! `groups-server interest …`: the sign-ups for news of groups near a place, as staff see
//! them. `list` is the one command that prints addresses (they are personal: never in a log,
//! never in `stats`); `find` answers a request for access; `delete` erases an address's every
//! sign-up on request, overwriting each byte; `purge` deletes what is due, as the server does
//! hourly.

use std::path::Path;

use groups_core::text::escape_invisible;
use groups_places::{Index, PlaceId};
use serde_json::{json, Value};

use super::output::safe_json;
use crate::{
    cli::{InterestAction, StaffFiles},
    clock::Timestamp,
    store::{Decision, SignUpRecord, Store},
    ServerError,
};

pub fn run(action: InterestAction, files: &StaffFiles) -> Result<String, ServerError> {
    let store = Store::open_existing(&files.db)?;
    let by = super::staff_name(files.by.clone());
    match action {
        InterestAction::List { near, radius, places } => {
            let near = match near {
                Some(id) => Some(place_point(&places.unwrap_or_else(|| groups_places::in_site(&files.dist)), &id)?),
                None => None,
            };
            Ok(list(&store.sign_ups()?, near.as_ref().map(|(label, lat, lon)| (label.as_str(), *lat, *lon, radius))))
        }
        InterestAction::Stats => Ok(stats(&store.sign_ups()?)),
        InterestAction::Find { address } => find(&store, &address),
        InterestAction::Delete { address, note } => {
            let decision =
                Decision::new(by, Timestamp::now(), Some(note.unwrap_or_else(|| "erasure requested".into())));
            let erased = store.erase_interest_of(&address, &decision)?;
            store.compact()?;
            Ok(match erased.len() {
                0 => "No sign-up has this address: nothing is held about it here.\n".to_owned(),
                n => format!(
                    "Deleted {n} sign-up{} of this address ({}), with their links and mail; nothing of them is left in {}.\n",
                    if n == 1 { "" } else { "s" },
                    numbers(&erased),
                    store.path().display()
                ),
            })
        }
        InterestAction::Purge { dry_run, now } => {
            let now = now.unwrap_or_else(Timestamp::now);
            let due = crate::interest::purge(&store, now, dry_run, &by)?;
            if due.is_empty() {
                return Ok(format!(
                    "Nothing to delete at {now}: no sign-up is unconfirmed for 7 days or unanswered for two years.\n"
                ));
            }
            let verb = if dry_run { "Would delete" } else { "Deleted" };
            Ok(due.iter().map(|e| format!("{verb} sign-up {} ({})\n", e.record.id, e.reason)).collect())
        }
    }
}

/// The label and point of the place `id` in the gazetteer at `index`.
fn place_point(index: &Path, id: &str) -> Result<(String, f64, f64), ServerError> {
    let index = Index::load(index).map_err(|e| {
        ServerError::Refused(format!("--near needs the places index {} ({e}): give it with --places", index.display()))
    })?;
    let place = id.trim().parse::<PlaceId>().ok().and_then(|id| index.get(id)).ok_or_else(|| {
        ServerError::Refused(format!(
            "no place has the id `{id}`: ids are what /api/places answers (`2879139`, `country:HU`)"
        ))
    })?;
    Ok((place.label(), place.lat, place.lon))
}

fn state(record: &SignUpRecord) -> &'static str {
    if record.is_confirmed() {
        "confirmed"
    } else {
        "waiting"
    }
}

/// One line per sign-up, oldest first; with `near` (a place's label, point and a distance in
/// km) only those whose place is that near, with how far.
pub fn list(records: &[SignUpRecord], near: Option<(&str, f64, f64, u16)>) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for record in records {
        let s = &record.sign_up;
        let distance = match near {
            Some((_, lat, lon, radius)) => {
                let km = record.distance_km(lat, lon);
                if km > f64::from(radius) {
                    continue;
                }
                format!("  {km:.0} km away")
            }
            None => String::new(),
        };
        shown += 1;
        out.push_str(&format!(
            "{:>5}  {:<9}  {}  {:>3} km of {} ({})  {}{distance}\n",
            record.id,
            state(record),
            record.confirmed_at.unwrap_or(record.created_at),
            s.radius_km,
            escape_invisible(&s.place_name),
            s.place_id,
            escape_invisible(&s.address),
        ));
    }
    let whose = match near {
        Some((label, _, _, radius)) => format!(" within {radius} km of {label}"),
        None => String::new(),
    };
    if shown == 0 {
        format!("No sign-ups{whose}.\n")
    } else {
        format!("{shown} sign-up{}{whose} (id, state, since, distance asked, place, address):\n{out}", plural(shown))
    }
}

/// How many asked, by place: counts only, never an address.
pub fn stats(records: &[SignUpRecord]) -> String {
    let confirmed: Vec<&SignUpRecord> = records.iter().filter(|r| r.is_confirmed()).collect();
    let people: std::collections::HashSet<&str> = confirmed.iter().map(|r| r.sign_up.address_key.as_str()).collect();
    let mut out = format!(
        "{} confirmed sign-up{} from {} {}, {} waiting for confirmation.\n",
        confirmed.len(),
        plural(confirmed.len()),
        people.len(),
        if people.len() == 1 { "person" } else { "people" },
        records.len() - confirmed.len()
    );
    let mut by_place: std::collections::BTreeMap<(&str, &str), (usize, usize)> = Default::default();
    for record in records {
        let counts = by_place.entry((&record.sign_up.place_name, &record.sign_up.place_id)).or_default();
        if record.is_confirmed() {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
    }
    let mut places: Vec<_> = by_place.into_iter().collect();
    places.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    for ((name, id), (confirmed, waiting)) in places {
        out.push_str(&format!("{confirmed:>5} confirmed {waiting:>3} waiting  {} ({id})\n", escape_invisible(name)));
    }
    out
}

/// Everything held about the address, as JSON: its sign-ups (with their consent records and
/// the groups each was told of) and the mail sent to it for them.
fn find(store: &Store, address: &str) -> Result<String, ServerError> {
    let records = store.sign_ups_of(address)?;
    let told = store.interest_told()?;
    let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
    let mail: Vec<Value> = store
        .mails()?
        .into_iter()
        .filter(|m| m.mail.interest_id.is_some_and(|id| ids.contains(&id)))
        .map(|m| {
            json!({ "id": m.id, "kind": m.mail.kind.slug(), "state": m.state.slug(), "sign_up": m.mail.interest_id,
                    "queued_at": m.created_at, "sent_at": m.sent_at, "subject": m.mail.subject })
        })
        .collect();
    let sign_ups: Vec<Value> = records
        .iter()
        .map(|r| {
            let s = &r.sign_up;
            json!({
                "id": r.id,
                "state": state(r),
                "address": s.address,
                "name": s.name,
                "place": { "id": s.place_id, "name": s.place_name, "lat": s.lat, "lon": s.lon },
                "radius_km": s.radius_km,
                // The language of the sentence agreed to (which the fingerprint is of), and
                // of the mail sent.
                "consent": { "privacy_policy_version": s.consent_version, "text_sha256": s.consent_text_sha256, "lang": s.lang.tag(), "given_at": r.created_at },
                "created_at": r.created_at,
                "confirmed_at": r.confirmed_at,
                "answered_at": r.answered_at,
                "asked_at": r.asked_at,
                "told_of_groups": told.get(&r.id).cloned().unwrap_or_default(),
            })
        })
        .collect();
    let answer = json!({
        "email": address.trim(),
        "sign_ups": sign_ups,
        "mail": mail,
        "note": "Every sign-up for news of groups near a place with this address (in any case), its consent record, \
                 the groups it was told of, and the mail sent for it. Requests to start a group: `requests find`.",
    });
    Ok(format!("{}\n", safe_json(&format!("{answer:#}"))))
}

fn numbers(records: &[SignUpRecord]) -> String {
    records.iter().map(|r| r.id.to_string()).collect::<Vec<_>>().join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
