//! News of groups near a place (#28), as a visitor asks for it: where the directory finds no
//! group within 100 km of Leipzig (the fixture's nearest is Berlin, 149 km), the sign-up form
//! under the answer, filled in and sent by keyboard alone on a 320 px screen, its rules'
//! messages at their fields, the answer said and focused, and the confirmation
//! mailed to a real SMTP relay on 127.0.0.1; the count of people who asked (three confirmed
//! beforehand through their mailed links) on that answer and on the new-group form once its
//! town is chosen; the same form without JavaScript. Axe-clean, no CSP violation, nothing
//! requested off the site.

use std::time::Duration;

use groups_core::interest::{accepted_message, consent_sentence};
use groups_server::{mail::MailConfig, terms::TERMS};
use serde_json::json;

use crate::{
    relay::{body, header, Relay},
    support::{start_site_configured, Browser, Site, FIXTURE_GROUPS},
};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const SPACE: &str = "\u{E00D}";
const DOWN: &str = "\u{E015}";

/// Leipzig's GeoNames id, and its label in the sentences.
pub(crate) const LEIPZIG: &str = "2879139";
pub(crate) const LABEL: &str = "Leipzig, Germany";
const COUNTED: &str = "3 people within 100 km of Leipzig, Germany asked to hear when a group starts.";

/// POSTs `body` to `path` on the site: the status and the answer's text.
async fn post(base: &str, path: &str, content_type: &str, body: String) -> (u16, String) {
    use http_body_util::BodyExt;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Full<bytes::Bytes>>();
    let request = http::Request::post(format!("{base}{path}"))
        .header(http::header::CONTENT_TYPE, content_type)
        .body(http_body_util::Full::new(bytes::Bytes::from(body)))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// The messages the relay received for `address`, once there are `n`.
pub(crate) async fn mail_to(relay: &Relay, address: &str, n: usize) -> Vec<String> {
    for _ in 0..200 {
        let mail: Vec<String> =
            relay.messages().into_iter().filter(|m| header(m, "To").is_some_and(|to| to.contains(address))).collect();
        if mail.len() >= n {
            return mail;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no mail to {address}: {:#?}", relay.messages());
}

/// Signs `address` up near Leipzig within 100 km through the API and confirms it by the
/// link mailed to it, as its owner would.
async fn confirmed(site: &Site, relay: &Relay, address: &str) {
    let sign_up = json!({
        "place": LEIPZIG, "radius_km": 100, "email": address,
        "consent": { "privacy_policy_version": TERMS.policy_version, "text": consent_sentence(100, LABEL) },
    });
    let (status, answer) = post(&site.base, "/api/interest", "application/json", sign_up.to_string()).await;
    assert_eq!(status, 202, "{answer}");
    let text = body(&mail_to(relay, address, 1).await[0]);
    let at = text.find("/interest/confirm/").expect("the link to confirm");
    let link = text[at..].split_whitespace().next().unwrap().to_owned();
    let (status, page) = post(&site.base, &link, "application/x-www-form-urlencoded", String::new()).await;
    assert_eq!(status, 200, "{page}");
}

pub(crate) async fn site_with_mail(relay: &Relay) -> Site {
    let mut mail = MailConfig::new(&relay.url(), None, "portal@groups.example".into(), vec![]).unwrap();
    mail.poll = Duration::from_millis(100);
    start_site_configured(Some(FIXTURE_GROUPS), move |config| groups_server::Config { mail: Some(mail), ..config })
        .await
}

async fn focused_id(b: &Browser) -> String {
    b.eval("return document.activeElement ? document.activeElement.id : '';")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Presses Tab until the element with `id` has focus (at most `most` times).
async fn tab_to(b: &Browser, id: &str, most: usize) {
    for _ in 0..most {
        if focused_id(b).await == id {
            return;
        }
        b.press(TAB).await;
    }
    assert_eq!(focused_id(b).await, id, "reached by Tab");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn where_no_group_is_near_a_visitor_asks_by_keyboard_to_hear_when_one_starts() {
    let Some(relay) = Relay::start(None) else { return };
    let site = site_with_mail(&relay).await;
    for address in ["one@example.org", "two@example.org", "three@example.org"] {
        confirmed(&site, &relay, address).await;
    }

    let b = Browser::open_sized(&site.base, 320, 800).await;
    b.goto("/groups?radius=100").await;
    b.wait_for_h1("User groups").await;
    b.wait_for_text("main .my-location button", "Use my location").await;
    b.eval("document.getElementById('filter-q').focus(); return null;").await;
    b.press("Leipzig").await;
    b.wait_for_text("#filter-q-list [role=option] .combobox-text", "Leipzig").await;
    b.press(DOWN).await;
    b.press(ENTER).await;
    b.wait_for_path(&format!("/groups?near={LEIPZIG}&radius=100")).await;
    b.wait_for_text("main .none-near p", "No group within 100 km of Leipzig yet.").await;
    // The form under the answer, with the count of those who asked.
    b.wait_for_text("main .none-near .interest h2", "Hear when a group starts here").await;
    b.wait_for_text("main .none-near .interest-count", COUNTED).await;
    b.wait_for_text("#interest-place", &format!("Place: {LABEL}")).await;
    b.wait_for_text("label[for=interest-consent]", &consent_sentence(100, LABEL)).await;
    assert!(!b.overflows_horizontally().await, "the form fits a 320 px screen");
    b.assert_accessible().await;

    // Sent empty, by keyboard: the first field in error takes focus, its message read with it.
    b.eval("document.getElementById('interest-radius').focus(); return null;").await;
    tab_to(&b, "interest-consent", 6).await;
    b.press(TAB).await;
    b.press(TAB).await;
    assert_eq!(b.eval("return document.activeElement.type;").await, "submit", "the privacy link, then send");
    b.press(ENTER).await;
    b.wait_for_text("#interest-email-error", "Enter your email address.").await;
    b.wait_until("focus on the address", "document.activeElement.id === 'interest-email'").await;
    assert_eq!(
        b.eval("return document.activeElement.getAttribute('aria-describedby');").await,
        "interest-email-hint interest-email-error"
    );
    b.assert_accessible().await;

    b.press("ada@example.org").await;
    b.press(TAB).await;
    b.press("Ada").await;
    b.press(TAB).await;
    assert_eq!(focused_id(&b).await, "interest-consent");
    b.press(SPACE).await;
    b.press(TAB).await;
    b.press(TAB).await;
    assert_eq!(b.eval("return document.activeElement.type;").await, "submit");
    b.press(ENTER).await;
    b.wait_for_text("#interest-done", accepted_message()).await;
    b.wait_until("focus on the answer", "document.activeElement.id === 'interest-done'").await;
    let mail = mail_to(&relay, "ada@example.org", 1).await;
    assert!(body(&mail[0]).contains("/interest/confirm/"), "the confirmation: {}", mail[0]);
    assert!(!body(&mail[0]).contains("Ada"), "nothing the visitor typed is mailed before they confirm");
    b.assert_accessible().await;
    b.assert_clean().await;

    // A would-be organiser sees the count once the form's town is chosen, and not after.
    let organiser = Browser::open(&site.base).await;
    organiser.goto("/new-group").await;
    organiser.wait_for_h1("Start a user group").await;
    organiser.eval("document.getElementById('city').focus(); return null;").await;
    organiser.press("Leipzig").await;
    organiser.wait_for_text("#city-list [role=option] .combobox-text", "Leipzig").await;
    organiser.press(DOWN).await;
    organiser.press(ENTER).await;
    organiser.wait_for_text("main .interest-count", COUNTED).await;
    organiser.press(" Land").await;
    organiser.wait_until("the count gone", "!document.querySelector('main .interest-count')").await;
    organiser.assert_accessible().await;
    organiser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_same_form_signs_up() {
    let Some(relay) = Relay::start(None) else { return };
    let site = site_with_mail(&relay).await;
    let b = Browser::open_sized_without_javascript(&site.base, 320, 800).await;
    b.goto(&format!("/groups?near={LEIPZIG}&radius=100")).await;
    b.wait_for_text("main .none-near p", "No group within 100 km of Leipzig yet.").await;
    b.wait_for_text("label[for=nojs-interest-consent]", &consent_sentence(100, LABEL)).await;
    // (axe-core needs scripts: the page as sent is checked by the Nu Html Checker, `markup.rs`.)
    let field = |id: &'static str| b.client.find(fantoccini::Locator::Id(id));
    field("nojs-interest-consent").await.unwrap().click().await.unwrap();
    let email = field("nojs-interest-email").await.unwrap();
    email.send_keys("bea@example.org").await.unwrap();
    email.send_keys(ENTER).await.unwrap();
    b.wait_for_h1("Thank you").await;
    b.wait_for_text("main p[role=status]", accepted_message()).await;
    mail_to(&relay, "bea@example.org", 1).await;
}
