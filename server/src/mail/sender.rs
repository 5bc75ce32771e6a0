//! Delivers the outbox: claims each due message, writes the organiser's private link into it
//! (a key issued as it is sent, so none waits in the database), sends it through the relay and
//! records what happened. A temporary failure (the relay down, a 4xx) is retried after a wait
//! that doubles each time, for up to three days; a permanent one (a 5xx, a malformed address)
//! is recorded at once. A message to someone who asked for news of groups near a place gets
//! that sign-up's links the same way (tokens issued as it is sent), its link to stop also in
//! `List-Unsubscribe` with RFC 8058's one-click `List-Unsubscribe-Post`. The sender also
//! queues the yearly reminders, the yearly questions to those sign-ups, and the news of groups
//! near them that no one has told them of yet (`crate::interest`).

use std::{sync::Arc, time::Duration};

use groups_core::{
    directory::Month,
    organiser::Access,
    routes::{page_language, Page},
};
use groups_i18n::{Catalogue, Lang, Msg};
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
    store::{Decision, Mail, Store, CONFIRM_SLOT, LINK_SLOT, STOP_SLOT},
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

/// `List-Unsubscribe: <https://…/interest/stop/TOKEN>` (RFC 2369): the link to stop, which
/// mail programs show as a button.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(value: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(value.trim_matches(['<', '>']).to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the mail program may stop
/// it with one POST to the `List-Unsubscribe` address, no page, no cookie.
#[derive(Clone)]
struct OneClick;

impl Header for OneClick {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(OneClick)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
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
                let reminders = letters.clone();
                if let Err(error) = store.run(move |store| queue_reminders(store, &reminders, now)).await {
                    tracing::error!("reminders: {error}");
                }
                let news = letters.clone();
                if let Err(error) = store.run(move |store| crate::interest::queue_due(store, &news, now)).await {
                    tracing::error!("news of groups near sign-ups: {error}");
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
        Ok(body) => with_interest_links(store, letters, &mail, body, clock.now()).await,
        Err(error) => Err(error),
    };
    let (body, unsubscribe) = match body {
        Ok(Some(written)) => written,
        Ok(None) => {
            // Its sign-up was stopped after it was queued (its mail normally goes with it).
            let _ = store.run(move |s| s.mail_failed(id, "its sign-up was deleted before it was sent", None)).await;
            return;
        }
        Err(error) => {
            tracing::error!("mail {id}: {error}");
            let _ = store
                .run(move |s| {
                    s.mail_failed(id, "its links could not be issued", Some(clock.now().plus(Duration::from_secs(60))))
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
    let outcome = match message(config, &mail, body, unsubscribe.as_deref()) {
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
    // The organiser's page in the language the mail is written in (the request's), where that
    // language says the page whole.
    let asked = subject.clone();
    let lang = store.run(move |s| s.get(&asked)).await?.map_or(Lang::En, |request| request.lang);
    let page_lang = page_language(Page::MyRequest, lang);
    let key = new_key();
    let link = Access { subject: subject.clone(), key: key.key }.link_in(&letters.origin, page_lang);
    let hash = key.hash;
    let id = mail.id;
    let held = store.run(move |s| s.issue_mail_key(&subject, id, &hash, &Decision::new("mail", now, None))).await?;
    let link = if held { link } else { Catalogue::of(lang).text(Msg::MailLinkGone).to_owned() };
    Ok(mail.mail.body.replace(LINK_SLOT, &link))
}

/// The body with the links of the sign-up it is for written in (tokens issued for this message
/// now: one to stop, and one to confirm where the body asks for it), and its link to stop for
/// `List-Unsubscribe`; a message for no sign-up as it is. `None` when the sign-up is gone.
async fn with_interest_links(
    store: &Arc<Store>,
    letters: &Letters,
    mail: &Mail,
    body: String,
    now: Timestamp,
) -> Result<Option<(String, Option<String>)>, crate::store::StoreError> {
    let Some(signed_up) = mail.mail.interest_id else { return Ok(Some((body, None))) };
    let confirm = body.contains(CONFIRM_SLOT).then(new_key);
    let stop = new_key();
    let (confirm_hash, stop_hash) = (confirm.as_ref().map(|k| k.hash.clone()), stop.hash.clone());
    let issued =
        store.run(move |s| s.issue_interest_tokens(signed_up, confirm_hash.as_deref(), &stop_hash, now)).await?;
    if !issued {
        return Ok(None);
    }
    let origin = letters.origin.trim_end_matches('/');
    let stop_url = format!("{origin}{}", groups_core::interest::stop_href(&stop.key));
    let mut body = body.replace(STOP_SLOT, &stop_url);
    if let Some(confirm) = confirm {
        body = body.replace(CONFIRM_SLOT, &format!("{origin}{}", groups_core::interest::confirm_href(&confirm.key)));
    }
    Ok(Some((body, Some(stop_url))))
}

/// The message as sent: plain UTF-8 text with its Message-ID, Date and Auto-Submitted, and
/// for a sign-up's mail its link to stop (`List-Unsubscribe`, one click as RFC 8058 says).
fn message(config: &MailConfig, mail: &Mail, body: String, unsubscribe: Option<&str>) -> Result<Message, String> {
    let from: Mailbox =
        Mailbox::new(Some("OpenStack user groups".into()), config.from.parse().map_err(|e| format!("{e}"))?);
    let mut builder = Message::builder()
        .from(from)
        .subject(mail.mail.subject.clone())
        .message_id(Some(mail.mail.message_id.clone()))
        .date_now()
        .header(AutoSubmitted)
        .header(ContentType::TEXT_PLAIN);
    if let Some(url) = unsubscribe {
        builder = builder.header(ListUnsubscribe(url.to_owned())).header(OneClick);
    }
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
        store.queue_reminder(&id, &letters.reminder(&id, &asked, request.lang, &slug, &group.name), now)?;
    }
    Ok(())
}
