//! Mail through a real SMTP relay on 127.0.0.1 (aiosmtpd, started by the test): a request's
//! receipt with a working private link and the staff's notice, a decision's mail, correct
//! headers; the relay down when a request arrives (201 at once, the mail delivered once it is
//! back); a permanent rejection recorded and shown by `mail status`; erasure deleting the mail.

use groups_testkit as common;

use std::time::{Duration, Instant};

use common::{contains, database_bytes, ok, request, send, staff, start_with, Site};
use groups_i18n::{catalogue::Speaking, Catalogue, Lang, Msg};
use groups_server::{
    clock::{Clock, Timestamp},
    mail::MailConfig,
};
use groups_testkit::relay::{body, decoded_header, header, Relay};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn start_mailing(url: &str) -> Site {
    start_mailing_at(url, Clock::System).await
}

async fn start_mailing_at(url: &str, clock: Clock) -> Site {
    let mut mail =
        MailConfig::new(url, None, "portal@groups.example".into(), vec!["staff@groups.example".into()]).unwrap();
    mail.poll = Duration::from_millis(100);
    mail.retry_first = Duration::from_millis(300);
    mail.reminders_every = Duration::from_millis(200);
    start_with(true, move |config| groups_server::Config { mail: Some(mail), clock, ..config }).await
}

fn to(message: &str) -> String {
    header(message, "To").unwrap_or_default()
}

/// The private link's access in a mail's body.
fn access_in(message: &str) -> String {
    let text = body(message);
    let at = text.find("/my-request#").expect("a private link") + "/my-request#".len();
    text[at..].split_whitespace().next().unwrap().to_owned()
}

async fn opens(site: &Site, access: &str) -> Value {
    let response = reqwest::Client::new()
        .post(format!("{}/api/organiser", site.base))
        .json(&json!({ "access": access }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "the mailed link opens the organiser's page");
    response.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_and_its_decision_are_mailed_with_correct_headers_and_a_working_link() {
    let Some(relay) = Relay::start(None) else { return };
    let site = start_mailing(&relay.url()).await;
    let mut asked = request("OpenStack Zürich", "zoe@example.org");
    asked.organizers[0].name = "Zoë Ünal".into();
    let id = common::send(&site, &asked).await;

    let messages = relay.wait_for(2).await;
    let receipt = messages.iter().find(|m| to(m).contains("zoe@example.org")).expect("the receipt");
    let notice = messages.iter().find(|m| to(m).contains("staff@groups.example")).expect("the staff's notice");
    assert!(header(receipt, "Subject").unwrap().contains(&id));
    assert!(to(receipt).contains("=?utf-8?"), "a name beyond ASCII is encoded as RFC 2047 says: {}", to(receipt));
    for message in [receipt, notice] {
        assert!(header(message, "Message-ID").unwrap().ends_with("@groups.example.org>"), "{message}");
        assert!(header(message, "Date").is_some());
        assert_eq!(header(message, "Auto-Submitted").as_deref(), Some("auto-generated"));
        assert!(header(message, "From").unwrap().contains("portal@groups.example"));
        assert!(!header(message, "Subject").unwrap().contains("zoe@example.org"));
    }
    assert!(body(notice).contains(&format!("groups-server requests show {id}")));
    let view = opens(&site, &access_in(receipt)).await;
    assert_eq!(view["status"], "pending");

    // Staff decide in another process: the organisers hear of it.
    ok(staff(&site, &["requests", "approve", &id, "--message", "Welcome aboard!"]));
    let messages = relay.wait_for(3).await;
    let decision = &messages[2];
    assert!(to(decision).contains("zoe@example.org"));
    let text = body(decision);
    assert!(text.contains("/groups/openstack-zurich") && text.contains("> Welcome aboard!"), "{text}");
    assert_eq!(opens(&site, &access_in(decision)).await["group"]["slug"], "openstack-zurich");
    // The receipt's link still works beside it: each channel has its key.
    opens(&site, &access_in(receipt)).await;

    let status = ok(staff(&site, &["mail", "status"]));
    assert_eq!(status.lines().filter(|l| l.split_whitespace().nth(1) == Some("sent")).count(), 3, "{status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_sent_in_japanese_is_answered_in_japanese_and_the_staff_told_in_english() {
    let Some(relay) = Relay::start(None) else { return };
    let site = start_mailing(&relay.url()).await;
    let mut asked = request("OpenStack 名古屋", "aiko@example.org");
    // The form shown in Japanese: its consent names the Japanese words.
    asked.consent = Some({
        let _japanese = Speaking::page(Lang::Ja, false);
        groups_server::terms::TERMS.consent()
    });
    let id = common::send(&site, &asked).await;
    let japanese = Catalogue::of(Lang::Ja);
    let in_japanese = |msg: Msg| japanese.text(msg).replace("{id}", &id);

    let messages = relay.wait_for(2).await;
    let receipt = messages.iter().find(|m| to(m).contains("aiko@example.org")).expect("the receipt");
    let notice = messages.iter().find(|m| to(m).contains("staff@groups.example")).expect("the staff's notice");
    assert_eq!(decoded_header(receipt, "Subject").unwrap(), in_japanese(Msg::MailReceiptSubject));
    let text = body(receipt);
    for msg in [Msg::MailHello, Msg::MailReceiptThanks, Msg::MailReceiptNext, Msg::MailKeepPrivate, Msg::MailSignature]
    {
        assert!(text.contains(&in_japanese(msg)), "{msg:?} in {text}");
    }
    assert!(header(receipt, "Content-Type").unwrap().contains("charset=utf-8"), "{receipt}");
    assert!(body(notice).contains("A new request to start a user group"), "staff read English");
    assert_eq!(opens(&site, &access_in(receipt)).await["status"], "pending", "its link opens the page");
    let shown = ok(staff(&site, &["requests", "show", &id]));
    assert!(shown.contains("\"lang\": \"ja\""), "staff see the request's language: {shown}");

    // The decision, taken in another process later, is in Japanese too.
    ok(staff(&site, &["requests", "decline", &id]));
    let messages = relay.wait_for(3).await;
    let decision = &messages[2];
    assert_eq!(decoded_header(decision, "Subject").unwrap(), in_japanese(Msg::MailDeclinedSubject));
    let news = japanese.text(Msg::MailDeclinedNews).replace("{id}", &id).replace("{name}", "OpenStack 名古屋");
    assert!(body(decision).contains(&news), "{}", body(decision));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_relay_down_a_request_is_answered_at_once_and_mailed_once_it_is_back() {
    if !Relay::available() {
        return;
    }
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let site = start_mailing(&format!("smtp://127.0.0.1:{port}")).await;
    let started = Instant::now();
    let id = send(&site, &request("OpenStack Basel", "basel@example.org")).await;
    assert!(started.elapsed() < Duration::from_secs(5), "the inbox answered without waiting for mail");
    // The sender tries, fails and waits; staff see it.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status = ok(staff(&site, &["mail", "status"]));
        if status.contains("last error") {
            assert!(status.contains("queued"), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "{status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let relay = Relay::start(Some(port)).unwrap();
    let messages = relay.wait_for(2).await;
    assert!(messages.iter().any(|m| header(m, "Subject").unwrap().contains(&id)));
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(relay.messages().len(), 2, "each message once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_permanent_rejection_is_recorded_and_erasure_deletes_the_mail() {
    let Some(relay) = Relay::start(None) else { return };
    let site = start_mailing(&relay.url()).await;
    let id = send(&site, &request("OpenStack Genf", "reject.me@example.org")).await;
    relay.wait_for(1).await; // the staff's notice goes; the receipt is refused
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        let status = ok(staff(&site, &["mail", "status"]));
        if status.contains("failed") {
            break status;
        }
        assert!(Instant::now() < deadline, "{status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.contains("550"), "the relay's answer is shown: {status}");
    let failed = status.lines().find(|l| l.contains("failed")).unwrap().split_whitespace().next().unwrap().to_owned();
    // Retrying a permanent failure fails the same way, and says so.
    assert!(ok(staff(&site, &["mail", "retry", &failed])).contains("queued again"));

    assert!(contains(&database_bytes(&site.db), "reject.me@example.org"));
    ok(staff(&site, &["requests", "delete", &id]));
    assert!(!contains(&database_bytes(&site.db), "reject.me@example.org"), "the mail went with the request");
    assert!(!ok(staff(&site, &["mail", "status"])).contains(&id));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisers_are_reminded_once_a_year_to_confirm_their_details() {
    let Some(relay) = Relay::start(None) else { return };
    // The server's clock is 13 months ahead: the details confirmed at approval are a year old.
    let later = Timestamp::from_unix(Timestamp::now().unix() + 13 * 31 * 24 * 3600);
    let site = start_mailing_at(&relay.url(), Clock::Fixed(later)).await;
    let id = send(&site, &request("OpenStack Bern", "bern@example.org")).await;
    ok(staff(&site, &["requests", "approve", &id]));
    // The receipt, the staff's notice, the decision, then the reminder.
    let messages = relay.wait_for(4).await;
    let reminder = messages.iter().find(|m| header(m, "Subject").unwrap().contains("still right")).expect("a reminder");
    assert!(to(reminder).contains("bern@example.org"));
    assert!(body(reminder).contains("/groups/openstack-bern"));
    opens(&site, &access_in(reminder)).await;
    // Checked again and again, within the year: not more.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(relay.messages().iter().filter(|m| header(m, "Subject").unwrap().contains("still right")).count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_requests_naming_strangers_mails_only_the_contact_a_few_times() {
    let Some(relay) = Relay::start(None) else { return };
    let site = start_with(true, {
        let mut mail =
            MailConfig::new(&relay.url(), None, "portal@groups.example".into(), vec!["staff@groups.example".into()])
                .unwrap();
        mail.poll = Duration::from_millis(100);
        let limit = groups_server::RateLimit { burst: 100, period: Duration::from_millis(10) };
        move |config| groups_server::Config { mail: Some(mail), rate_limit: limit, ..config }
    })
    .await;
    // Ten requests, each naming the same contact and four strangers, with spam for a name.
    let mut ids = Vec::new();
    for n in 0..10 {
        let mut spam = request(&format!("Cheap pills at pills.example {n}"), "contact@example.org");
        for s in 0..4 {
            spam.organizers.push(groups_core::request::Organizer {
                name: format!("Stranger {s}"),
                email: format!("stranger{s}@example.org"),
            });
        }
        ids.push(send(&site, &spam).await);
    }
    // Three receipts to the contact and ten notices to staff, then nothing more.
    relay.wait_for(13).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let messages = relay.messages();
    assert_eq!(messages.len(), 13, "{}", messages.join("\n---\n"));
    assert!(messages.iter().all(|m| !to(m).contains("stranger")), "strangers get nothing");
    assert_eq!(messages.iter().filter(|m| to(m).contains("contact@example.org")).count(), 3);
    for message in &messages {
        assert!(!header(message, "Subject").unwrap().contains("pills"), "no subject holds what the sender typed");
        if !to(message).contains("staff@") {
            assert!(!body(message).contains("pills"), "nor a receipt's body");
        }
    }
    // Staff see why the contact heard nothing of the fourth.
    let shown = ok(staff(&site, &["requests", "show", &ids[3]]));
    assert!(shown.contains("mail-withheld") && shown.contains("receipts in the last day"), "{shown}");
}
