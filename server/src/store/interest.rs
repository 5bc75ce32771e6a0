//! Owns the sign-ups for news of groups near a place (#28) as stored: an unconfirmed row per
//! sign-up made (kept only with the mail that asks to confirm it, and only when the limits on
//! mail a visitor causes let that mail go), the one confirmed row an address has for a place,
//! the mailed links' tokens (only their SHA-256), which groups each sign-up was told of, and
//! every way a sign-up goes: stopped by its owner, erased by staff, expired unconfirmed after
//! 7 days, or unanswered for two years. Each deletion takes the sign-up's tokens and mail with
//! it and leaves a line in the erasure log naming only its number (`interest:42`), so that a
//! restored backup deletes it again. Which groups are near is the great-circle distance from
//! the sign-up's point (`groups_core::geo::distance_km`), within its own radius.

use std::collections::{BTreeMap, HashSet};

use groups_core::{
    directory::GroupRecord,
    geo::distance_km,
    interest::{RADII_KM, UNANSWERED_YEARS, UNCONFIRMED_DAYS},
};
use groups_i18n::Lang;
use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::{
    groups::groups_in,
    outbox::{forget_interest_in, queue_in, withheld_in},
    Decision, Fault, NewMail, Store, StoreError,
};
use crate::clock::Timestamp;

/// How a sign-up's deletion is named in the erasure log: `interest:<its number>`, never its
/// address.
pub const ERASURE_PREFIX: &str = "interest:";

/// A sign-up as the API makes it, once its rules are kept.
#[derive(Clone, Debug, PartialEq)]
pub struct NewSignUp {
    /// As mail is sent to it (`groups_core::interest::mail_address`).
    pub address: String,
    /// As addresses are compared (`groups_core::interest::address_key`).
    pub address_key: String,
    pub name: String,
    /// The gazetteer's id, its label then, and its point.
    pub place_id: String,
    pub place_name: String,
    pub lat: f64,
    pub lon: f64,
    pub radius_km: u16,
    pub consent_version: String,
    /// SHA-256 of the sentence the visitor agreed to.
    pub consent_text_sha256: String,
    /// The language of that sentence, which its mail and pages are written in.
    pub lang: Lang,
}

/// A stored sign-up.
#[derive(Clone, Debug, PartialEq)]
pub struct SignUpRecord {
    pub id: i64,
    pub sign_up: NewSignUp,
    pub created_at: Timestamp,
    /// When its owner opened the mailed link and confirmed it; `None` while it waits.
    pub confirmed_at: Option<Timestamp>,
    /// Its owner's last word: the confirmation, or "keep it" to the yearly question.
    pub answered_at: Option<Timestamp>,
    /// When the yearly question was last mailed.
    pub asked_at: Option<Timestamp>,
}

impl SignUpRecord {
    pub fn is_confirmed(&self) -> bool {
        self.confirmed_at.is_some()
    }

    /// Its distance from (`lat`, `lon`), in kilometres.
    pub fn distance_km(&self, lat: f64, lon: f64) -> f64 {
        distance_km(self.sign_up.lon, self.sign_up.lat, lon, lat)
    }

    /// Whether a group at (`lat`, `lon`) is within its radius.
    pub fn covers(&self, lat: f64, lon: f64) -> bool {
        self.distance_km(lat, lon) <= f64::from(self.sign_up.radius_km)
    }
}

groups_core::slug_enum! {
    /// What a mailed link does.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum TokenPurpose {
        /// Confirms an unconfirmed sign-up, or keeps a confirmed one another year.
        Confirm = ("confirm", "confirm or keep"),
        /// Deletes the sign-up.
        Stop = ("stop", "stop"),
    }
}

/// What a confirmation did.
#[derive(Clone, Debug, PartialEq)]
pub enum Confirmed {
    /// A new sign-up, kept from now on.
    New(SignUpRecord),
    /// The address already had a sign-up for this place: it now has these terms (the
    /// distance, the name).
    Changed(SignUpRecord),
    /// The owner of a confirmed sign-up said to keep it (the yearly question).
    Kept(SignUpRecord),
}

impl Confirmed {
    pub fn record(&self) -> &SignUpRecord {
        match self {
            Confirmed::New(r) | Confirmed::Changed(r) | Confirmed::Kept(r) => r,
        }
    }
}

/// Why a sign-up is due for deletion.
#[derive(Clone, Debug, PartialEq)]
pub struct Expired {
    pub record: SignUpRecord,
    /// "unconfirmed since 2026-12-01T10:00:00Z".
    pub reason: String,
}

const COLUMNS: &str = "id, address, address_key, name, place_id, place_name, lat, lon, radius_km, consent_version, \
                       consent_text_sha256, created_at, confirmed_at, answered_at, asked_at, lang";

/// A bound on every radius a sign-up may have, in degrees of latitude (a degree is about
/// 111.2 km everywhere): the rows a distance is computed for are read by an index on `lat`.
fn latitude_span() -> f64 {
    f64::from(*RADII_KM.iter().max().expect("radii")) / 111.0 + 0.1
}

impl Store {
    /// Stores `sign_up` unconfirmed, with `mail` (the link to confirm it) queued in the same
    /// transaction, unless the limits on mail a visitor causes withhold that mail: then
    /// nothing is stored, since nobody could confirm it. Whether it was stored.
    pub fn sign_up(&self, sign_up: &NewSignUp, mail: NewMail, at: Timestamp) -> Result<bool, StoreError> {
        self.write(|tx| {
            if let Some(why) = withheld_in(tx, &mail, at)? {
                tracing::warn!(kind = mail.kind.slug(), "a sign-up not stored: {}", why.note(mail.kind));
                return Ok(false);
            }
            let s = sign_up;
            tx.execute(
                "INSERT INTO interest (address, address_key, name, place_id, place_name, lat, lon, radius_km,
                                       consent_version, consent_text_sha256, created_at, lang)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    s.address,
                    s.address_key,
                    s.name,
                    s.place_id,
                    s.place_name,
                    s.lat,
                    s.lon,
                    s.radius_km,
                    s.consent_version,
                    s.consent_text_sha256,
                    at,
                    s.lang.tag()
                ],
            )?;
            let id = tx.last_insert_rowid();
            queue_in(tx, &NewMail { interest_id: Some(id), ..mail }, at)?;
            Ok(true)
        })
    }

    /// Every sign-up, confirmed or not, oldest first.
    pub fn sign_ups(&self) -> Result<Vec<SignUpRecord>, StoreError> {
        self.read(|tx| select_in(tx, "ORDER BY id", params![]))
    }

    /// Every sign-up of the address `email` (in any case), oldest first.
    pub fn sign_ups_of(&self, email: &str) -> Result<Vec<SignUpRecord>, StoreError> {
        let key = groups_core::interest::address_key(email);
        self.read(|tx| select_in(tx, "WHERE address_key = ?1 ORDER BY id", params![key]))
    }

    /// The sign-up a mailed link's token (its SHA-256, `hash`) works for, if it still does.
    pub fn sign_up_by_token(&self, hash: &str, purpose: TokenPurpose) -> Result<Option<SignUpRecord>, StoreError> {
        self.read(|tx| match token_in(tx, hash, purpose)? {
            Some(id) => record_in(tx, id),
            None => Ok(None),
        })
    }

    /// Stores the tokens a message for the sign-up `id` carries, issued as it is sent: its
    /// link to stop and maybe one to confirm. `false` when the sign-up is gone (stopped since
    /// the message was queued): the message then goes nowhere.
    pub fn issue_interest_tokens(
        &self,
        id: i64,
        confirm: Option<&str>,
        stop: &str,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            if record_in(tx, id)?.is_none() {
                return Ok(false);
            }
            for (hash, purpose) in
                confirm.map(|h| (h, TokenPurpose::Confirm)).into_iter().chain([(stop, TokenPurpose::Stop)])
            {
                tx.execute(
                    "INSERT INTO interest_tokens (hash, interest_id, purpose, issued_at) VALUES (?1, ?2, ?3, ?4)",
                    params![hash, id, purpose.slug(), at],
                )?;
            }
            Ok(true)
        })
    }

    /// Confirms the sign-up the confirmation token `hash` was mailed for, at `at`: an
    /// unconfirmed one becomes the address's sign-up for its place (replacing the terms of one
    /// it had), every other unconfirmed one of the address for that place goes (their mailed
    /// links to stop now stop this one), and the groups listed within its radius are taken as
    /// known, so that it is told only of groups that start from now on. A confirmed one is
    /// kept another year. The token works once. `None`: no such token.
    pub fn confirm_interest(&self, hash: &str, at: Timestamp) -> Result<Option<Confirmed>, StoreError> {
        self.write(|tx| {
            let Some(id) = token_in(tx, hash, TokenPurpose::Confirm)? else { return Ok(None) };
            let Some(record) = record_in(tx, id)? else { return Ok(None) };
            tx.execute("DELETE FROM interest_tokens WHERE hash = ?1", params![hash])?;
            if record.is_confirmed() {
                tx.execute("UPDATE interest SET answered_at = ?2 WHERE id = ?1", params![id, at])?;
                let kept = record_in(tx, id)?.expect("just updated");
                return Ok(Some(Confirmed::Kept(kept)));
            }
            let s = &record.sign_up;
            let existing: Option<i64> = tx
                .query_row(
                    "SELECT id FROM interest WHERE address_key = ?1 AND place_id = ?2 AND confirmed_at IS NOT NULL",
                    params![s.address_key, s.place_id],
                    |r| r.get(0),
                )
                .optional()?;
            let kept = match existing {
                Some(other) => {
                    tx.execute(
                        "UPDATE interest SET address = ?2, name = ?3, place_name = ?4, lat = ?5, lon = ?6, radius_km = ?7,
                                consent_version = ?8, consent_text_sha256 = ?9, answered_at = ?10, lang = ?11 WHERE id = ?1",
                        params![
                            other,
                            s.address,
                            s.name,
                            s.place_name,
                            s.lat,
                            s.lon,
                            s.radius_km,
                            s.consent_version,
                            s.consent_text_sha256,
                            at,
                            s.lang.tag()
                        ],
                    )?;
                    other
                }
                None => {
                    tx.execute(
                        "UPDATE interest SET confirmed_at = ?2, answered_at = ?2 WHERE id = ?1",
                        params![id, at],
                    )?;
                    id
                }
            };
            // The other unconfirmed sign-ups of this address for this place are this one now.
            let waiting: Vec<i64> = {
                let mut statement = tx.prepare(
                    "SELECT id FROM interest WHERE address_key = ?1 AND place_id = ?2 AND confirmed_at IS NULL AND id <> ?3",
                )?;
                let rows = statement.query_map(params![s.address_key, s.place_id, kept], |r| r.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            for other in waiting {
                tx.execute(
                    "DELETE FROM interest_tokens WHERE interest_id = ?1 AND purpose = ?2",
                    params![other, TokenPurpose::Confirm.slug()],
                )?;
                tx.execute("UPDATE interest_tokens SET interest_id = ?2 WHERE interest_id = ?1", params![other, kept])?;
                tx.execute("UPDATE outbox SET interest_id = ?2 WHERE interest_id = ?1", params![other, kept])?;
                tx.execute("DELETE FROM interest WHERE id = ?1", params![other])?;
            }
            let record = record_in(tx, kept)?.expect("just confirmed");
            for group in groups_in(tx)? {
                if record.covers(group.lat, group.lon) {
                    told_in(tx, kept, &group.slug, at, "known")?;
                }
            }
            Ok(Some(if existing.is_some() { Confirmed::Changed(record) } else { Confirmed::New(record) }))
        })
    }

    /// Deletes the sign-up the stop token `hash` was mailed for (its owner's word), with its
    /// tokens and mail. `None`: no such token (stopped before, or never). Call
    /// [`Store::compact`] after.
    pub fn stop_interest(&self, hash: &str, decision: &Decision) -> Result<Option<SignUpRecord>, StoreError> {
        self.write(|tx| {
            let Some(id) = token_in(tx, hash, TokenPurpose::Stop)? else { return Ok(None) };
            let record = record_in(tx, id)?;
            if record.is_some() {
                delete_in(tx, id, decision)?;
            }
            Ok(record)
        })
    }

    /// Deletes every sign-up of the address `email` (in any case), confirmed or not: what
    /// erasure on request deletes. Call [`Store::compact`] after.
    pub fn erase_interest_of(&self, email: &str, decision: &Decision) -> Result<Vec<SignUpRecord>, StoreError> {
        let key = groups_core::interest::address_key(email);
        self.write(|tx| {
            let records = select_in(tx, "WHERE address_key = ?1 ORDER BY id", params![key])?;
            for record in &records {
                delete_in(tx, record.id, decision)?;
            }
            Ok(records)
        })
    }

    /// Deletes the sign-up `id`; whether there was one. Call [`Store::compact`] after.
    pub fn erase_interest(&self, id: i64, decision: &Decision) -> Result<bool, StoreError> {
        self.write(|tx| {
            let there = record_in(tx, id)?.is_some();
            if there {
                delete_in(tx, id, decision)?;
            }
            Ok(there)
        })
    }

    /// How many people (addresses) with a confirmed sign-up have its place within `radius_km`
    /// of (`lat`, `lon`).
    pub fn interest_near(&self, lat: f64, lon: f64, radius_km: u16) -> Result<u32, StoreError> {
        let span = f64::from(radius_km) / 111.0 + 0.1;
        self.read(|tx| {
            let near = select_in(
                tx,
                "WHERE confirmed_at IS NOT NULL AND lat BETWEEN ?1 AND ?2",
                params![lat - span, lat + span],
            )?;
            let people: HashSet<String> = near
                .into_iter()
                .filter(|r| r.distance_km(lat, lon) <= f64::from(radius_km))
                .map(|r| r.sign_up.address_key)
                .collect();
            Ok(people.len() as u32)
        })
    }

    /// Queues the news of each of `groups` to every person with a confirmed sign-up whose
    /// radius holds it and who was not told of it before: one message per person and group
    /// (`mail` makes it for the person's nearest such sign-up, with its distance), and every
    /// such sign-up of theirs noted as told, in one transaction, so nobody hears twice. How
    /// many messages were queued.
    pub fn tell_interest(
        &self,
        groups: &[GroupRecord],
        at: Timestamp,
        mail: impl Fn(&SignUpRecord, &GroupRecord, f64) -> NewMail,
    ) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut queued = 0;
            for group in groups {
                queued += tell_in(tx, group, at, &mail)?;
            }
            Ok(queued)
        })
    }

    /// What is due for deletion at `now`: sign-ups unconfirmed for [`UNCONFIRMED_DAYS`], and
    /// confirmed ones whose owner has not answered for [`UNANSWERED_YEARS`].
    pub fn interest_expired(&self, now: Timestamp) -> Result<Vec<Expired>, StoreError> {
        let unconfirmed = Timestamp::from_unix(now.unix() - (UNCONFIRMED_DAYS * 24 * 3600) as i64);
        let unanswered = (0..UNANSWERED_YEARS).fold(now, |t, _| t.twelve_months_before());
        self.read(|tx| {
            let waiting =
                select_in(tx, "WHERE confirmed_at IS NULL AND created_at <= ?1 ORDER BY id", params![unconfirmed])?;
            let silent = select_in(
                tx,
                "WHERE confirmed_at IS NOT NULL AND COALESCE(answered_at, confirmed_at) <= ?1 ORDER BY id",
                params![unanswered],
            )?;
            Ok(waiting
                .into_iter()
                .map(|r| Expired { reason: format!("unconfirmed since {}", r.created_at), record: r })
                .chain(silent.into_iter().map(|r| Expired {
                    reason: format!("unanswered since {}", r.answered_at.or(r.confirmed_at).expect("confirmed")),
                    record: r,
                }))
                .collect())
        })
    }

    /// The confirmed sign-ups whose owner last answered a year or more before `now` and was
    /// not asked within the year: the yearly question is due.
    pub fn interest_asks_due(&self, now: Timestamp) -> Result<Vec<SignUpRecord>, StoreError> {
        let year = now.twelve_months_before();
        self.read(|tx| {
            select_in(
                tx,
                "WHERE confirmed_at IS NOT NULL AND COALESCE(answered_at, confirmed_at) <= ?1
                   AND (asked_at IS NULL OR asked_at <= ?1) ORDER BY id",
                params![year],
            )
        })
    }

    /// Queues the yearly question `mail` for the sign-up `id` and notes it.
    pub fn queue_interest_ask(&self, id: i64, mail: &NewMail, at: Timestamp) -> Result<(), StoreError> {
        self.write(|tx| {
            queue_in(tx, mail, at)?;
            tx.execute("UPDATE interest SET asked_at = ?2 WHERE id = ?1", params![id, at])?;
            Ok(())
        })
    }

    /// The groups each sign-up was told of or knew of, by sign-up.
    pub fn interest_told(&self) -> Result<BTreeMap<i64, Vec<String>>, StoreError> {
        self.read(|tx| {
            let mut statement = tx.prepare("SELECT interest_id, slug FROM interest_told ORDER BY interest_id, slug")?;
            let rows = statement.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let mut told: BTreeMap<i64, Vec<String>> = BTreeMap::new();
            for row in rows {
                let (id, slug) = row?;
                told.entry(id).or_default().push(slug);
            }
            Ok(told)
        })
    }
}

/// See [`Store::tell_interest`]: one group.
fn tell_in(
    tx: &Transaction,
    group: &GroupRecord,
    at: Timestamp,
    mail: &impl Fn(&SignUpRecord, &GroupRecord, f64) -> NewMail,
) -> Result<usize, Fault> {
    let span = latitude_span();
    let candidates = select_in(
        tx,
        "WHERE confirmed_at IS NOT NULL AND lat BETWEEN ?1 AND ?2
           AND NOT EXISTS (SELECT 1 FROM interest_told t WHERE t.interest_id = interest.id AND t.slug = ?3)",
        params![group.lat - span, group.lat + span, group.slug],
    )?;
    // A person told of it through another sign-up (another place, within reach too) is not
    // told again.
    let told: HashSet<String> = {
        let mut statement = tx.prepare(
            "SELECT DISTINCT i.address_key FROM interest_told t JOIN interest i ON i.id = t.interest_id WHERE t.slug = ?1",
        )?;
        let rows = statement.query_map(params![group.slug], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut by_person: BTreeMap<String, Vec<(f64, SignUpRecord)>> = BTreeMap::new();
    for record in candidates {
        if record.covers(group.lat, group.lon) {
            let distance = record.distance_km(group.lat, group.lon);
            by_person.entry(record.sign_up.address_key.clone()).or_default().push((distance, record));
        }
    }
    let mut queued = 0;
    for (person, mut reached) in by_person {
        let how = if told.contains(&person) { "known" } else { "mailed" };
        if how == "mailed" {
            reached.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (distance, nearest) = &reached[0];
            queue_in(tx, &mail(nearest, group, *distance), at)?;
            queued += 1;
        }
        for (_, record) in &reached {
            told_in(tx, record.id, &group.slug, at, how)?;
        }
    }
    Ok(queued)
}

/// Notes that the sign-up `id` was told of (`mailed`) or knew of (`known`) the group `slug`.
fn told_in(tx: &Transaction, id: i64, slug: &str, at: Timestamp, how: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO interest_told (interest_id, slug, at, how) VALUES (?1, ?2, ?3, ?4)",
        params![id, slug, at, how],
    )
    .map(drop)
}

/// Deletes the sign-up `id` with its tokens, what it was told of and its mail, and logs that
/// it was deleted (by its number only).
fn delete_in(tx: &Transaction, id: i64, decision: &Decision) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM interest WHERE id = ?1", params![id])?;
    tx.execute("DELETE FROM interest_tokens WHERE interest_id = ?1", params![id])?;
    tx.execute("DELETE FROM interest_told WHERE interest_id = ?1", params![id])?;
    forget_interest_in(tx, id)?;
    tx.execute(
        "INSERT INTO erasures (request_id, at, by, reason) VALUES (?1, ?2, ?3, ?4)",
        params![
            format!("{ERASURE_PREFIX}{id}"),
            decision.at,
            decision.by,
            decision.note.as_deref().unwrap_or("erasure requested")
        ],
    )
    .map(drop)
}

fn token_in(tx: &Transaction, hash: &str, purpose: TokenPurpose) -> rusqlite::Result<Option<i64>> {
    tx.query_row(
        "SELECT interest_id FROM interest_tokens WHERE hash = ?1 AND purpose = ?2",
        params![hash, purpose.slug()],
        |r| r.get(0),
    )
    .optional()
}

fn record_in(tx: &Transaction, id: i64) -> Result<Option<SignUpRecord>, Fault> {
    Ok(select_in(tx, "WHERE id = ?1", params![id])?.into_iter().next())
}

fn select_in(tx: &Transaction, tail: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<SignUpRecord>, Fault> {
    let mut statement = tx.prepare(&format!("SELECT {COLUMNS} FROM interest {tail}"))?;
    let rows = statement.query_map(args, read_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn read_row(row: &Row) -> rusqlite::Result<SignUpRecord> {
    Ok(SignUpRecord {
        id: row.get(0)?,
        sign_up: NewSignUp {
            address: row.get(1)?,
            address_key: row.get(2)?,
            name: row.get(3)?,
            place_id: row.get(4)?,
            place_name: row.get(5)?,
            lat: row.get(6)?,
            lon: row.get(7)?,
            radius_km: row.get(8)?,
            consent_version: row.get(9)?,
            consent_text_sha256: row.get(10)?,
            // A tag this build does not know (a language since removed) is read as English.
            lang: Lang::by_tag(&row.get::<_, String>(15)?).unwrap_or(Lang::En),
        },
        created_at: row.get(11)?,
        confirmed_at: row.get(12)?,
        answered_at: row.get(13)?,
        asked_at: row.get(14)?,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::{requests::tests::at, MailKind};

    pub(crate) fn leipzig(address: &str, radius_km: u16) -> NewSignUp {
        NewSignUp {
            address: address.into(),
            address_key: groups_core::interest::address_key(address),
            name: String::new(),
            place_id: "2879139".into(),
            place_name: "Leipzig, Germany".into(),
            lat: 51.33962,
            lon: 12.37129,
            radius_km,
            consent_version: "2026-11-01".into(),
            consent_text_sha256: "ab".into(),
            lang: Lang::En,
        }
    }

    fn confirmation(address: &str) -> NewMail {
        NewMail {
            kind: MailKind::InterestConfirm,
            request_id: None,
            recipients: vec![(String::new(), address.into())],
            subject: "Confirm".into(),
            body: "{{confirm-link}} {{stop-link}}".into(),
            message_id: format!("<{}@example.org>", uuid::Uuid::new_v4()),
            interest_id: None,
        }
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("requests.db")).unwrap();
        (dir, store)
    }

    /// Signs up `address` and issues its mail's tokens as the sender would: (confirm, stop).
    fn signed_up(store: &Store, sign_up: &NewSignUp, when: &str) -> (String, String) {
        assert!(store.sign_up(sign_up, confirmation(&sign_up.address), at(when)).unwrap());
        let id = store.sign_ups().unwrap().last().unwrap().id;
        let (confirm, stop) = (format!("confirm-{id}"), format!("stop-{id}"));
        assert!(store.issue_interest_tokens(id, Some(&confirm), &stop, at(when)).unwrap());
        (confirm, stop)
    }

    fn group_at(slug: &str, lat: f64, lon: f64) -> GroupRecord {
        groups_core::fixtures::checked(groups_core::directory::RawRecord {
            lat,
            lon,
            ..groups_core::fixtures::raw_group(slug)
        })
    }

    fn news(record: &SignUpRecord, group: &GroupRecord, _: f64) -> NewMail {
        NewMail {
            kind: MailKind::InterestNews,
            subject: format!("{} near you", group.slug),
            interest_id: Some(record.id),
            ..confirmation(&record.sign_up.address)
        }
    }

    #[test]
    fn a_sign_up_counts_once_confirmed_and_one_address_is_one_sign_up_per_place() {
        let (_dir, store) = store();
        let (confirm, _) = signed_up(&store, &leipzig("Ada@Example.org", 100), "2026-12-01T10:00:00Z");
        assert_eq!(store.interest_near(51.34, 12.37, 100).unwrap(), 0, "unconfirmed counts for nothing");
        let Some(Confirmed::New(record)) = store.confirm_interest(&confirm, at("2026-12-01T11:00:00Z")).unwrap() else {
            panic!()
        };
        assert_eq!(record.confirmed_at, Some(at("2026-12-01T11:00:00Z")));
        assert_eq!(store.confirm_interest(&confirm, at("2026-12-01T11:00:00Z")).unwrap(), None, "a token works once");
        assert_eq!(store.interest_near(51.34, 12.37, 100).unwrap(), 1);

        // The same address in other case, the same place, another distance: confirmed, it
        // changes the one sign-up.
        let (again, _) = signed_up(&store, &leipzig("ada@example.org", 250), "2026-12-02T10:00:00Z");
        let (third, third_stop) = signed_up(&store, &leipzig("ada@example.org", 500), "2026-12-02T10:01:00Z");
        let Some(Confirmed::Changed(changed)) = store.confirm_interest(&again, at("2026-12-02T11:00:00Z")).unwrap()
        else {
            panic!()
        };
        assert_eq!((changed.id, changed.sign_up.radius_km), (record.id, 250));
        assert_eq!(store.sign_ups().unwrap().len(), 1, "the other waiting one went with it");
        assert_eq!(store.confirm_interest(&third, at("2026-12-02T11:00:00Z")).unwrap(), None);
        // Its mail's link to stop stops the one sign-up.
        let stopped = store.stop_interest(&third_stop, &Decision::new("its owner", at("2026-12-03T00:00:00Z"), None));
        assert_eq!(stopped.unwrap().map(|r| r.id), Some(record.id));
        assert!(store.sign_ups().unwrap().is_empty());
        assert!(store.mails().unwrap().is_empty(), "its mail went with it");
    }

    #[test]
    fn a_new_group_is_news_once_per_person_and_never_to_the_unconfirmed() {
        let (_dir, store) = store();
        // A group already listed 60 km away is known at confirmation, not news.
        store
            .seed_directory(
                &[group_at("halle", 51.48, 11.97)],
                "x",
                &Decision::new("t", at("2026-11-01T00:00:00Z"), None),
            )
            .unwrap();
        let (ada, _) = signed_up(&store, &leipzig("ada@example.org", 100), "2026-12-01T10:00:00Z");
        store.confirm_interest(&ada, at("2026-12-01T10:00:00Z")).unwrap();
        // Ada asked near a second place too, within reach of the same new group.
        let dresden = NewSignUp {
            place_id: "2935022".into(),
            place_name: "Dresden, Germany".into(),
            lat: 51.05,
            lon: 13.74,
            ..leipzig("ada@example.org", 250)
        };
        let (ada_dresden, _) = signed_up(&store, &dresden, "2026-12-01T10:00:00Z");
        store.confirm_interest(&ada_dresden, at("2026-12-01T10:00:00Z")).unwrap();
        let (bob, _) = signed_up(&store, &leipzig("bob@example.org", 50), "2026-12-01T10:00:00Z");
        store.confirm_interest(&bob, at("2026-12-01T10:00:00Z")).unwrap();
        signed_up(&store, &leipzig("carl@example.org", 500), "2026-12-01T10:00:00Z");
        assert_eq!(store.tell_interest(&store.groups().unwrap(), at("2026-12-02T00:00:00Z"), news).unwrap(), 0);

        // Jena, about 60 km from Leipzig: Ada (100 km) hears once, Bob (50 km) and the
        // unconfirmed Carl not at all.
        let jena = group_at("jena", 50.93, 11.59);
        assert_eq!(store.tell_interest(std::slice::from_ref(&jena), at("2026-12-02T00:00:00Z"), news).unwrap(), 1);
        assert_eq!(store.tell_interest(&[jena], at("2026-12-03T00:00:00Z"), news).unwrap(), 0, "once");
        let told: Vec<_> = store
            .mails()
            .unwrap()
            .into_iter()
            .filter(|m| m.mail.kind == MailKind::InterestNews)
            .map(|m| m.mail.recipients[0].1.clone())
            .collect();
        assert_eq!(told, ["ada@example.org"]);
    }

    #[test]
    fn unconfirmed_sign_ups_expire_in_a_week_and_unanswered_ones_in_two_years() {
        let (_dir, store) = store();
        signed_up(&store, &leipzig("new@example.org", 100), "2026-12-01T10:00:00Z");
        let (old, _) = signed_up(&store, &leipzig("old@example.org", 100), "2026-12-01T10:00:00Z");
        store.confirm_interest(&old, at("2026-12-01T10:00:00Z")).unwrap();
        let due = |when: &str| -> Vec<String> {
            store.interest_expired(at(when)).unwrap().into_iter().map(|e| e.record.sign_up.address).collect()
        };
        assert!(due("2026-12-08T09:59:59Z").is_empty());
        assert_eq!(due("2026-12-08T10:00:00Z"), ["new@example.org"]);
        assert!(store.interest_asks_due(at("2027-11-30T00:00:00Z")).unwrap().is_empty());
        let asked = store.interest_asks_due(at("2027-12-01T10:00:00Z")).unwrap();
        assert_eq!(asked.len(), 1);
        store.queue_interest_ask(asked[0].id, &confirmation("old@example.org"), at("2027-12-01T10:00:00Z")).unwrap();
        assert!(store.interest_asks_due(at("2028-06-01T00:00:00Z")).unwrap().is_empty(), "once a year");
        assert_eq!(due("2028-12-01T10:00:00Z"), ["new@example.org", "old@example.org"]);
        let expired = store.interest_expired(at("2028-12-01T10:00:00Z")).unwrap();
        assert_eq!(expired[1].reason, "unanswered since 2026-12-01T10:00:00Z");
    }

    #[test]
    fn a_restored_backup_deletes_again_a_sign_up_stopped_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("requests.db")).unwrap();
        let (confirm, stop) = signed_up(&store, &leipzig("ada@example.org", 100), "2026-12-01T10:00:00Z");
        store.confirm_interest(&confirm, at("2026-12-01T10:00:00Z")).unwrap();
        signed_up(&store, &leipzig("bob@example.org", 100), "2026-12-01T10:00:00Z");
        let copy = dir.path().join("copy.db");
        crate::store::backup::copy_database(store.path(), &copy).unwrap();
        let stopped = Decision::new("its owner", at("2026-12-02T00:00:00Z"), None);
        let id = store.stop_interest(&stop, &stopped).unwrap().unwrap().id;
        let log = crate::store::backup::erasure_log(store.path()).unwrap();
        assert_eq!(log.iter().map(|e| e.request_id.as_str()).collect::<Vec<_>>(), [format!("interest:{id}")]);

        let restored = Store::open_existing(&copy).unwrap();
        assert_eq!(restored.sign_ups().unwrap().len(), 2, "the copy still holds it");
        assert_eq!(restored.erase_again(&log, at("2026-12-03T00:00:00Z")).unwrap(), [format!("interest:{id}")]);
        let left: Vec<_> = restored.sign_ups().unwrap().into_iter().map(|r| r.sign_up.address).collect();
        assert_eq!(left, ["bob@example.org"]);
    }

    #[test]
    fn the_limits_keep_a_sign_up_from_being_stored_without_its_mail() {
        let (_dir, store) = store();
        let now = at("2026-12-01T10:00:00Z");
        for _ in 0..5 {
            store.sign_up(&leipzig("ada@example.org", 100), confirmation("ADA@example.org"), now).unwrap();
        }
        assert_eq!(store.sign_ups().unwrap().len(), 3, "three a day to one address, in any case");
        assert_eq!(store.mails().unwrap().len(), 3);
    }
}
