//! Delivers the outbox: claims each due message, writes the organiser's private link into it
//! (a key issued as it is sent, so none waits in the database), sends it through the relay and
//! records what happened. A temporary failure (the relay down, a 4xx) is retried after a wait
//! that doubles each time, for up to three days; a permanent one (a 5xx, a malformed address)
//! is recorded at once. The sender also queues the yearly reminders.

use std::{sync::Arc, time::Duration};

use groups_core::{directory::Month, organiser::Access};
use lettre::{
    message::{
        header::{ContentType, Header, HeaderName, HeaderValue},
        Mailbox,
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

use tracing::Instrument;

use super::{compose::Letters, MailConfig};
use crate::{
    clock::{Clock, Timestamp},
    ops::shutdown::Stop,
    organiser::key::new_key,
    store::{Decision, Mail, Store, LINK_SLOT},
};

/// `Auto-Submitted: auto-generated` (RFC 3834): no vacation replies to the portal.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// Starts the sender: mail is on for the staff's commands too, messages left mid-delivery by
/// an earlier run are set aside, and due mail goes out from now on. Call within the runtime.
/// Once `stop` says the server is stopping it claims nothing more, gives back a claimed
/// message it has not yet handed to the relay, lets one being handed over finish, and ends.
pub fn start(
    store: Arc<Store>,
    config: MailConfig,
    letters: Letters,
    clock: Clock,
    stop: Stop,
) -> Result<(), crate::ServerError> {
    store.set_mail_staff(Some(&config.staff))?;
    let set_aside = store.set_aside_interrupted_mail()?;
    if set_aside > 0 {
        tracing::warn!(
            "{set_aside} message(s) were being sent when the server stopped: set aside as failed (`mail status`)"
        );
    }
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
        .map_err(|e| crate::ServerError::Refused(format!("--smtp: {e}")))?
        .timeout(Some(Duration::from_secs(30)))
        .build();
    let worker = stop.worker();
    tokio::spawn(async move {
        let _running = worker;
        let mut reminded_at: Option<std::time::Instant> = None;
        while !stop.is_stopping() {
            let now = clock.now();
            if reminded_at.is_none_or(|at| at.elapsed() >= config.reminders_every) {
                reminded_at = Some(std::time::Instant::now());
                let (store, letters) = (store.clone(), letters.clone());
                if let Err(error) = store.run(move |store| queue_reminders(store, &letters, now)).await {
                    tracing::error!("reminders: {error}");
                }
            }
            let claimed = store.run(move |store| store.claim_mail(now)).await;
            let pause = match claimed {
                Ok(Some(mail)) => {
                    // One message's delivery, in the log: its number and kind, never its address.
                    let span = tracing::info_span!("mail", id = mail.id, kind = mail.mail.kind.slug());
                    deliver(&store, &transport, &config, &letters, mail, clock, &stop).instrument(span).await;
                    continue;
                }
                Ok(None) => config.poll,
                Err(error) => {
                    tracing::error!("mail: {error}");
                    config.poll
                }
            };
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = stop.stopped() => {}
            }
        }
        tracing::info!("mail: the sender stopped; what is queued is sent after the restart");
    });
    Ok(())
}

async fn deliver(
    store: &Arc<Store>,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    config: &MailConfig,
    letters: &Letters,
    mail: Mail,
    clock: Clock,
    stop: &Stop,
) {
    let id = mail.id;
    let body = match with_link(store, letters, &mail, clock.now()).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!("mail {id}: {error}");
            let _ = store
                .run(move |s| {
                    s.mail_failed(
                        id,
                        "the private link could not be issued",
                        Some(clock.now().plus(Duration::from_secs(60))),
                    )
                })
                .await;
            return;
        }
    };
    // The last moment to give the message back: once the relay has it, it may arrive.
    if stop.is_stopping() {
        match store.run(move |s| s.release_mail(id)).await {
            Ok(_) => tracing::info!("mail {id}: given back to the queue, sent after the restart"),
            Err(error) => tracing::error!("mail {id}: {error}"),
        }
        return;
    }
    let outcome = match message(config, &mail, body) {
        Err(problem) => Err((problem, true)),
        Ok(message) => transport.send(message).await.map(drop).map_err(|e| (e.to_string(), e.is_permanent())),
    };
    let now = clock.now();
    let recorded = match outcome {
        Ok(()) => store.run(move |s| s.mail_sent(id, now)).await,
        Err((error, permanent)) => {
            let age = Duration::from_secs((now.unix() - mail.created_at.unix()).max(0) as u64);
            let wait = config
                .retry_first
                .saturating_mul(1 << mail.attempts.saturating_sub(1).min(12))
                .min(Duration::from_secs(6 * 3600));
            let next = (!permanent && age + wait < config.give_up_after).then(|| now.plus(wait));
            if next.is_none() {
                tracing::warn!("mail {id} failed for good: {error}");
            }
            store.run(move |s| s.mail_failed(id, &error, next)).await
        }
    };
    if let Err(error) = recorded {
        tracing::error!("mail {id}: {error}");
    }
}

/// The body with the private link written in: a key issued for this mail's request now.
async fn with_link(
    store: &Arc<Store>,
    letters: &Letters,
    mail: &Mail,
    now: Timestamp,
) -> Result<String, crate::store::StoreError> {
    let (Some(subject), true) = (mail.mail.request_id.clone(), mail.mail.body.contains(LINK_SLOT)) else {
        return Ok(mail.mail.body.clone());
    };
    let key = new_key();
    let link = Access { subject: subject.clone(), key: key.key }.link(&letters.origin);
    let hash = key.hash;
    let id = mail.id;
    let held = store.run(move |s| s.issue_mail_key(&subject, id, &hash, &Decision::new("mail", now, None))).await?;
    let link =
        if held { link } else { "(the link no longer works: the request was deleted or its group closed)".into() };
    Ok(mail.mail.body.replace(LINK_SLOT, &link))
}

/// The message as sent: plain UTF-8 text with its Message-ID, Date and Auto-Submitted.
fn message(config: &MailConfig, mail: &Mail, body: String) -> Result<Message, String> {
    let from: Mailbox =
        Mailbox::new(Some("OpenStack user groups".into()), config.from.parse().map_err(|e| format!("{e}"))?);
    let mut builder = Message::builder()
        .from(from)
        .subject(mail.mail.subject.clone())
        .message_id(Some(mail.mail.message_id.clone()))
        .date_now()
        .header(AutoSubmitted)
        .header(ContentType::TEXT_PLAIN);
    for (name, address) in &mail.mail.recipients {
        let address = address.parse().map_err(|e| format!("`{address}` is not a mail address ({e})"))?;
        builder = builder.to(Mailbox::new((!name.is_empty()).then(|| name.clone()), address));
    }
    builder.body(body).map_err(|e| e.to_string())
}

/// Queues a reminder for each listed group whose details were confirmed a year ago or more and
/// whose organisers were not reminded within the year.
fn queue_reminders(store: &Store, letters: &Letters, now: Timestamp) -> Result<(), crate::store::StoreError> {
    let cutoff = now.twelve_months_before();
    for (id, slug) in store.due_reminders(cutoff)? {
        let (Some(request), Some(group)) = (store.get(&id)?, store.group(&slug)?) else { continue };
        let Ok(asked) = request.sent() else { continue };
        if asked.organizers.is_empty() || group.checked.is_some_and(|m: Month| m > cutoff.month()) {
            continue;
        }
        store.queue_reminder(&id, &letters.reminder(&id, &asked, &slug, &group.name), now)?;
    }
    Ok(())
}
