//! Owns the outbox of mail: every message is queued in the same transaction as the change it tells of (a
//! request stored, a decision, a new link), so a crash never loses one; a sender claims each
//! (`sending`) before it talks to the relay and records the outcome, so a restart never sends
//! one twice (a message found `sending` at start is set aside as `failed`, for staff to look
//! at and retry). Erasing a request deletes its mail with it, and deleting a sign-up for news of
//! groups near a place deletes its mail with it (`interest`).

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::{meta::meta_in, Fault, Store, StoreError};
use crate::clock::Timestamp;

groups_core::slug_enum! {
    /// What a message is about.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum MailKind {
        Receipt = ("receipt", "receipt of a request, to its organisers"),
        StaffNotice = ("staff-notice", "a new request, to staff"),
        Decision = ("decision", "a decision, to the organisers"),
        NewLink = ("new-link", "a new private link, to the organisers"),
        Reminder = ("reminder", "a yearly reminder to confirm a group's details"),
        /// A link to confirm a sign-up for news of groups near a place, to the address given.
        InterestConfirm = ("interest-confirm", "a sign-up's link to confirm it"),
        /// A group has started near a sign-up's place.
        InterestNews = ("interest-news", "a group started near a sign-up's place"),
        /// The yearly question whether a sign-up is still wanted.
        InterestAsk = ("interest-ask", "the yearly question whether a sign-up is still wanted"),
    }
}

groups_core::slug_enum! {
    /// Where a message is.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum MailState {
        Queued = ("queued", "queued"),
        Sending = ("sending", "being sent"),
        Sent = ("sent", "sent"),
        Failed = ("failed", "failed"),
    }
}

/// A message to queue. Its body may hold [`LINK_SLOT`], where the sender writes the private
/// link it issues as it sends (no working key ever waits in the database).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMail {
    pub kind: MailKind,
    /// The request it concerns: its mail goes when the request is erased, and its link is
    /// that request's.
    pub request_id: Option<String>,
    /// (name, address) pairs; the name may be empty.
    pub recipients: Vec<(String, String)>,
    pub subject: String,
    pub body: String,
    /// `<…@site>`, made when queued, kept through every attempt.
    pub message_id: String,
    /// The sign-up (`interest`) it is for: its mail goes when the sign-up is deleted, and the
    /// sender writes that sign-up's links into it ([`CONFIRM_SLOT`], [`STOP_SLOT`]).
    pub interest_id: Option<i64>,
}

/// Where the sender writes the organiser's private link.
pub const LINK_SLOT: &str = "{{private-link}}";
/// Where the sender writes a sign-up's link to confirm it (or to keep it, a year on).
pub const CONFIRM_SLOT: &str = "{{confirm-link}}";
/// Where the sender writes a sign-up's link to stop it: every such message carries one, in
/// its body and in its `List-Unsubscribe` header.
pub const STOP_SLOT: &str = "{{stop-link}}";

/// A queued, sent or failed message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    pub id: i64,
    pub mail: NewMail,
    pub created_at: Timestamp,
    pub state: MailState,
    pub attempts: u32,
    pub next_at: Timestamp,
    pub last_error: Option<String>,
    pub sent_at: Option<Timestamp>,
}

/// Anyone can send a request, naming any address: the mail a request causes is limited so
/// that the inbox cannot be turned on strangers. One address gets at most this many receipts
/// a day (a person sending a second request, or retrying with a new draft, still hears back).
pub const RECEIPTS_PER_ADDRESS_PER_DAY: u32 = 3;
/// And the whole site sends at most this many receipts, and as many notices to staff, a day:
/// many times the requests a community portal gets, far below what a mail cannon wants. What
/// is withheld is in the request's history; staff see every request with `requests list`.
pub const INBOX_MAIL_PER_DAY: u32 = 100;

/// Mail is on when `serve` runs with a relay: it says so here, with the staff's addresses, so
/// that the staff's commands (other processes) queue mail only when someone will send it.
const MAIL_STAFF: &str = "mail_staff";

const COLUMNS: &str =
    "id, kind, request_id, recipients, subject, body, message_id, created_at, state, attempts, next_at, \
                       last_error, sent_at, interest_id";

impl Store {
    /// Records whether a sender runs, and the staff's addresses (`None`: mail is off).
    pub fn set_mail_staff(&self, staff: Option<&[String]>) -> Result<(), StoreError> {
        self.write(|tx| {
            match staff {
                Some(staff) => tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![MAIL_STAFF, serde_json::to_string(staff).expect("addresses are plain data")],
                )?,
                None => tx.execute("DELETE FROM meta WHERE key = ?1", params![MAIL_STAFF])?,
            };
            Ok(())
        })
    }

    /// The staff's addresses when mail is on.
    pub fn mail_staff(&self) -> Result<Option<Vec<String>>, StoreError> {
        self.read(|tx| Ok(meta_in(tx, MAIL_STAFF)?.and_then(|v| serde_json::from_str(&v).ok())))
    }

    /// Queues `mail` on its own (the yearly reminders).
    pub fn queue_mail(&self, mail: &NewMail, at: Timestamp) -> Result<(), StoreError> {
        self.write(|tx| Ok(queue_in(tx, mail, at)?))
    }

    /// Takes the oldest message due at `now` for sending: it is `sending` from now on.
    pub fn claim_mail(&self, now: Timestamp) -> Result<Option<Mail>, StoreError> {
        self.write(|tx| {
            let claimed = tx
                .query_row(
                    &format!(
                        "UPDATE outbox SET state = 'sending', attempts = attempts + 1
                         WHERE id = (SELECT id FROM outbox WHERE state = 'queued' AND next_at <= ?1 ORDER BY next_at, id LIMIT 1)
                         RETURNING {COLUMNS}"
                    ),
                    params![now],
                    read_row,
                )
                .optional()?;
            claimed.transpose()
        })
    }

    /// The relay took it.
    pub fn mail_sent(&self, id: i64, at: Timestamp) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET state = 'sent', sent_at = ?2, last_error = NULL WHERE id = ?1",
                params![id, at],
            )?;
            Ok(())
        })
    }

    /// Gives back a message claimed but never handed to the relay (the server is stopping):
    /// queued again as it was before the claim, so it is sent once after the restart rather
    /// than set aside. Whether it was still claimed.
    pub fn release_mail(&self, id: i64) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE outbox SET state = 'queued', attempts = MAX(attempts - 1, 0) WHERE id = ?1 AND state = 'sending'",
                params![id],
            )? == 1)
        })
    }

    /// A temporary failure: tried again at `next_at`, or, with `None`, given up.
    pub fn mail_failed(&self, id: i64, error: &str, next_at: Option<Timestamp>) -> Result<(), StoreError> {
        self.write(|tx| {
            match next_at {
                Some(next) => tx.execute(
                    "UPDATE outbox SET state = 'queued', last_error = ?2, next_at = ?3 WHERE id = ?1",
                    params![id, error, next],
                )?,
                None => {
                    tx.execute("UPDATE outbox SET state = 'failed', last_error = ?2 WHERE id = ?1", params![id, error])?
                }
            };
            Ok(())
        })
    }

    /// At start: messages left `sending` by a sender that stopped mid-delivery may have
    /// arrived; they are set aside as failed rather than sent again. Returns how many.
    pub fn set_aside_interrupted_mail(&self) -> Result<usize, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE outbox SET state = 'failed',
                        last_error = 'interrupted while being sent: it may have arrived; `mail retry` sends it again'
                 WHERE state = 'sending'",
                [],
            )?)
        })
    }

    /// Every message, newest first.
    pub fn mails(&self) -> Result<Vec<Mail>, StoreError> {
        self.read(|tx| {
            let mut statement = tx.prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC"))?;
            let rows: Vec<Result<Mail, Fault>> = statement.query_map([], read_row)?.collect::<Result<_, _>>()?;
            rows.into_iter().collect()
        })
    }

    /// Queues a failed message again, due at `now`. `false` when it is not failed.
    pub fn retry_mail(&self, id: i64, now: Timestamp) -> Result<bool, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE outbox SET state = 'queued', next_at = ?2, attempts = 0 WHERE id = ?1 AND state = 'failed'",
                params![id, now],
            )? == 1)
        })
    }

    /// The approved requests whose listed group was last confirmed on or before `cutoff` and
    /// whose organisers were not reminded since: (request, slug).
    pub fn due_reminders(&self, cutoff: Timestamp) -> Result<Vec<(String, String)>, StoreError> {
        let month = cutoff.month().to_string();
        self.read(|tx| {
            let mut statement = tx.prepare(
                "SELECT r.id, g.slug FROM group_requests r JOIN groups g ON g.slug = r.group_slug
                 WHERE r.status = 'approved' AND r.group_closed_at IS NULL AND r.organizers_deleted_at IS NULL
                   AND (g.checked IS NULL OR g.checked <= ?1)
                   AND NOT EXISTS (SELECT 1 FROM reminders m WHERE m.request_id = r.id AND m.at > ?2)
                 ORDER BY r.id",
            )?;
            let rows = statement.query_map(params![month, cutoff], |row| Ok((row.get(0)?, row.get(1)?)))?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// Queues a reminder and notes it, so the next is a year away.
    pub fn queue_reminder(&self, request_id: &str, mail: &NewMail, at: Timestamp) -> Result<(), StoreError> {
        self.write(|tx| {
            queue_in(tx, mail, at)?;
            tx.execute("INSERT INTO reminders (request_id, at) VALUES (?1, ?2)", params![request_id, at])?;
            Ok(())
        })
    }
}

/// Queues `mail`, due at once.
pub(super) fn queue_in(tx: &Transaction, mail: &NewMail, at: Timestamp) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO outbox (kind, request_id, recipients, subject, body, message_id, created_at, next_at, interest_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
        params![
            mail.kind.slug(),
            mail.request_id,
            serde_json::to_string(&mail.recipients).expect("addresses are plain data"),
            mail.subject,
            mail.body,
            mail.message_id,
            at,
            mail.interest_id
        ],
    )
    .map(drop)
}

/// Why a message a request causes was not queued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Withheld {
    /// Its address had [`RECEIPTS_PER_ADDRESS_PER_DAY`] receipts in the last day.
    Address,
    /// The site sent [`INBOX_MAIL_PER_DAY`] of its kind in the last day.
    Site,
}

impl Withheld {
    /// For the request's history.
    pub fn note(self, kind: MailKind) -> String {
        let such = if kind == MailKind::Receipt { "receipts" } else { "such messages" };
        match self {
            Withheld::Address => format!(
                "{} not sent: its address had {RECEIPTS_PER_ADDRESS_PER_DAY} {such} in the last day",
                kind.slug()
            ),
            Withheld::Site => {
                format!("{} not sent: {INBOX_MAIL_PER_DAY} were sent in the last day", kind.slug())
            }
        }
    }
}

/// Whether the limits on mail a visitor causes withhold `mail` at `at`: the site sent
/// [`INBOX_MAIL_PER_DAY`] of its kind in the last day, or (for mail to an address a visitor
/// typed: receipts, a sign-up's link to confirm it) its address had
/// [`RECEIPTS_PER_ADDRESS_PER_DAY`] of them. An address is the same in any case.
pub(super) fn withheld_in(tx: &Transaction, mail: &NewMail, at: Timestamp) -> Result<Option<Withheld>, Fault> {
    let day_before = Timestamp::from_unix(at.unix() - 24 * 3600);
    let sent_today: u32 = tx.query_row(
        "SELECT COUNT(*) FROM outbox WHERE kind = ?1 AND created_at > ?2",
        params![mail.kind.slug(), day_before],
        |r| r.get(0),
    )?;
    let mut withheld = (sent_today >= INBOX_MAIL_PER_DAY).then_some(Withheld::Site);
    if withheld.is_none() && matches!(mail.kind, MailKind::Receipt | MailKind::InterestConfirm) {
        for (_, address) in &mail.recipients {
            let to_address: u32 = tx.query_row(
                "SELECT COUNT(*) FROM outbox, json_each(outbox.recipients) AS r
                 WHERE outbox.kind = ?1 AND outbox.created_at > ?2 AND lower(json_extract(r.value, '$[1]')) = lower(?3)",
                params![mail.kind.slug(), day_before, address],
                |r| r.get(0),
            )?;
            if to_address >= RECEIPTS_PER_ADDRESS_PER_DAY {
                withheld = Some(Withheld::Address);
            }
        }
    }
    Ok(withheld)
}

/// Queues `mail`, which a visitor's request causes (a receipt, a notice to staff), unless the
/// limits on such mail say no ([`withheld_in`]).
pub(super) fn queue_limited_in(tx: &Transaction, mail: &NewMail, at: Timestamp) -> Result<(), Fault> {
    match (withheld_in(tx, mail, at)?, &mail.request_id) {
        (None, _) => Ok(queue_in(tx, mail, at)?),
        (Some(why), Some(id)) => {
            tracing::warn!(request = %id, kind = mail.kind.slug(), "mail withheld: {}", why.note(mail.kind));
            let decision = super::Decision::new("inbox", at, Some(why.note(mail.kind)));
            Ok(super::history::add_history(tx, id, super::RequestAction::MailWithheld, &decision)?)
        }
        (Some(why), None) => {
            tracing::warn!(kind = mail.kind.slug(), "mail withheld: {}", why.note(mail.kind));
            Ok(())
        }
    }
}

/// Deletes the mail of the request `id` (its erasure).
pub(super) fn forget_in(tx: &Transaction, id: &str) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM outbox WHERE request_id = ?1", params![id])?;
    tx.execute("DELETE FROM reminders WHERE request_id = ?1", params![id]).map(drop)
}

/// Deletes the mail of the sign-up `id` (it was stopped, erased or expired): sent or not,
/// each held its address.
pub(super) fn forget_interest_in(tx: &Transaction, id: i64) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM outbox WHERE interest_id = ?1", params![id]).map(drop)
}

fn read_row(row: &Row) -> rusqlite::Result<Result<Mail, Fault>> {
    let (kind, state, recipients): (String, String, String) = (row.get(1)?, row.get(8)?, row.get(3)?);
    let id: i64 = row.get(0)?;
    let damaged = |reason: String| Fault::Damaged { id: format!("mail {id}"), reason };
    let Some(kind) = MailKind::from_slug(&kind) else { return Ok(Err(damaged(format!("unknown kind `{kind}`")))) };
    let Some(state) = MailState::from_slug(&state) else { return Ok(Err(damaged(format!("unknown state `{state}`")))) };
    let Ok(recipients) = serde_json::from_str(&recipients) else {
        return Ok(Err(damaged("recipients unreadable".into())));
    };
    Ok(Ok(Mail {
        id,
        mail: NewMail {
            kind,
            request_id: row.get(2)?,
            recipients,
            subject: row.get(4)?,
            body: row.get(5)?,
            message_id: row.get(6)?,
            interest_id: row.get(13)?,
        },
        created_at: row.get(7)?,
        state,
        attempts: row.get(9)?,
        next_at: row.get(10)?,
        last_error: row.get(11)?,
        sent_at: row.get(12)?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn mail(n: u32) -> NewMail {
        NewMail {
            kind: MailKind::Receipt,
            request_id: Some("GR-AAAA-AAAA".into()),
            recipients: vec![("Ada".into(), "ada@example.org".into())],
            subject: format!("subject {n}"),
            body: "body".into(),
            message_id: format!("<{n}@example.org>"),
            interest_id: None,
        }
    }

    #[test]
    fn a_request_mails_an_address_a_few_times_a_day_and_the_site_a_hundred() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("r.db")).unwrap();
        let day = at("2026-12-01T10:00:00Z");
        let queue = |n: u32, address: &str, when: Timestamp| {
            let mail = NewMail {
                recipients: vec![("".into(), address.into())],
                message_id: format!("<{n}-{address}-{}@example.org>", when.unix()),
                ..mail(n)
            };
            store.with(|conn| {
                let tx = conn.transaction()?;
                queue_limited_in(&tx, &mail, when)?;
                tx.commit()?;
                Ok(())
            })
        };
        let queued = || store.mails().unwrap().len();
        for n in 0..5 {
            queue(n, if n % 2 == 0 { "Ada@Example.org" } else { "ada@example.org" }, day).unwrap();
        }
        assert_eq!(queued(), RECEIPTS_PER_ADDRESS_PER_DAY as usize, "the same address in any case");
        queue(9, "ada@example.org", day.plus(std::time::Duration::from_secs(24 * 3600 + 1))).unwrap();
        assert_eq!(queued(), RECEIPTS_PER_ADDRESS_PER_DAY as usize + 1, "a day later it hears again");
        let later = day.plus(std::time::Duration::from_secs(30 * 3600));
        for n in 0..INBOX_MAIL_PER_DAY + 10 {
            queue(n, &format!("stranger-{n}@example.org"), later).unwrap();
        }
        let that_day = store.mails().unwrap().into_iter().filter(|m| m.created_at == later).count();
        assert_eq!(that_day as u32, INBOX_MAIL_PER_DAY - 1, "one from the day before still counts");
    }

    #[test]
    fn a_message_is_claimed_once_and_one_left_mid_delivery_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("r.db")).unwrap();
        let now = at("2026-12-01T10:00:00Z");
        store.queue_mail(&mail(1), now).unwrap();
        store.queue_mail(&mail(2), now).unwrap();
        let first = store.claim_mail(now).unwrap().unwrap();
        assert_eq!((first.mail.subject.as_str(), first.state, first.attempts), ("subject 1", MailState::Sending, 1));
        store.mail_failed(first.id, "451 try later", Some(at("2026-12-01T10:05:00Z"))).unwrap();
        let second = store.claim_mail(now).unwrap().unwrap();
        assert_eq!(second.mail.subject, "subject 2");
        assert_eq!(store.claim_mail(now).unwrap(), None, "the first waits for its time");
        // The sender stops with the second in flight: at the next start it is set aside.
        assert_eq!(store.set_aside_interrupted_mail().unwrap(), 1);
        let again = store.claim_mail(at("2026-12-01T10:05:00Z")).unwrap().unwrap();
        assert_eq!(again.id, first.id, "only the first is due again, never the second");
        store.mail_sent(again.id, now).unwrap();
        let states: Vec<_> = store.mails().unwrap().into_iter().map(|m| m.state).collect();
        assert_eq!(states, [MailState::Failed, MailState::Sent]);
        assert!(store.retry_mail(second.id, now).unwrap());
        assert!(!store.retry_mail(again.id, now).unwrap(), "a sent message is not sent again");
    }

    #[test]
    fn a_claim_given_back_before_the_relay_is_sent_after_the_restart() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("r.db")).unwrap();
        let now = at("2026-12-01T10:00:00Z");
        store.queue_mail(&mail(1), now).unwrap();
        let claimed = store.claim_mail(now).unwrap().unwrap();
        assert!(store.release_mail(claimed.id).unwrap());
        assert!(!store.release_mail(claimed.id).unwrap(), "only a claimed message");
        assert_eq!(store.set_aside_interrupted_mail().unwrap(), 0, "nothing left mid-delivery");
        let again = store.claim_mail(now).unwrap().unwrap();
        assert_eq!((again.id, again.attempts), (claimed.id, 1), "the same message, as if never claimed");
    }
}
