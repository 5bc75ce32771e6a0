//! "Tell me when a group starts near me" (#28) over real HTTP on 127.0.0.1, with a real SMTP
//! relay (aiosmtpd, started by the test) and the fixture gazetteer: a sign-up confirmed by its
//! mailed link (a GET shows a button, only the POST confirms), the counts ("a few" below
//! three), a group approved 60 km away mailing each confirmed sign-up within reach once and
//! an unconfirmed one never, a group moved nearer telling only the newly reached, the link to
//! stop (GET a button, POST deletes, RFC 8058's one-click POST without a cookie), the same
//! answer for a known and an unknown address with no address mailed beyond its limit, the
//! rate limit, an unconfirmed sign-up gone when the server's clock is a week on, the yearly
//! question kept and two unanswered years deleted, and erasure leaving no byte of an address.

use groups_testkit as common;

use std::time::{Duration, Instant};

use common::{contains, database_bytes, ok, staff, start_with, Site};
use groups_core::interest::consent_sentence;
use groups_server::{
    clock::{Clock, Timestamp},
    mail::MailConfig,
    terms::TERMS,
    Config,
};
use groups_testkit::relay::{body, decoded_header, header, Relay};
use reqwest::{header as h, StatusCode};
use serde_json::{json, Value};

const LEIPZIG: &str = "2879139";
const BERLIN: &str = "2950159";

/// A place's label as the gazetteer writes it (what the form shows and the sentence names).
fn label(id: &str) -> String {
    groups_places::fixtures::index().get(id.parse().unwrap()).unwrap().label()
}

fn mail_config(relay: &Relay) -> MailConfig {
    let mut mail =
        MailConfig::new(&relay.url(), None, "portal@groups.example".into(), vec!["staff@groups.example".into()])
            .unwrap();
    mail.poll = Duration::from_millis(100);
    mail.reminders_every = Duration::from_millis(200);
    mail
}

/// A server with the fixture gazetteer, mailing through `relay` (if any), its clock at `clock`.
async fn start(relay: Option<&Relay>, clock: Clock, configure: impl FnOnce(Config) -> Config) -> Site {
    let mail = relay.map(mail_config);
    start_with(true, move |config| {
        groups_places::fixtures::index().write(&config.places).unwrap();
        configure(Config { mail, clock, ..config })
    })
    .await
}

/// Another server on `site`'s files, its clock at `clock`: the same database a moment later.
async fn restart_at(site: &Site, relay: Option<&Relay>, clock: Clock) -> String {
    let config = Config { mail: relay.map(mail_config), clock, ..Config::new(&site.dist, &site.db) };
    let app = groups_server::app(&config).unwrap();
    let listener = groups_server::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(groups_server::serve::serve(listener, app, config.limits, std::future::pending()));
    base
}

fn sign_up_body(email: &str, place: &str, radius: u16) -> Value {
    json!({
        "place": place,
        "radius_km": radius,
        "email": email,
        "consent": { "privacy_policy_version": TERMS.policy_version, "text": consent_sentence(radius, &label(place)) },
    })
}

async fn post_sign_up(base: &str, body: &Value) -> (StatusCode, Value, h::HeaderMap) {
    let response = reqwest::Client::new().post(format!("{base}/api/interest")).json(body).send().await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, response.json().await.unwrap_or(Value::Null), headers)
}

async fn sign_up(site: &Site, email: &str, place: &str, radius: u16) -> Value {
    let (status, body, _) = post_sign_up(&site.base, &sign_up_body(email, place, radius)).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    body
}

async fn count(site: &Site, query: &str) -> (StatusCode, Value, h::HeaderMap) {
    let response = reqwest::get(format!("{}/api/interest/count?{query}", site.base)).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, response.json().await.unwrap_or(Value::Null), headers)
}

fn to(message: &str) -> String {
    header(message, "To").unwrap_or_default()
}

/// The subject as a mail program shows it (its RFC 2047 words decoded).
fn subject(message: &str) -> String {
    decoded_header(message, "Subject").unwrap_or_default()
}

/// The messages to `address` (or a part of one, in any case) received so far.
fn mail_to(relay: &Relay, address: &str) -> Vec<String> {
    relay.messages().into_iter().filter(|m| to(m).to_lowercase().contains(&address.to_lowercase())).collect()
}

/// How many messages telling of a new group `address` received.
fn news_to(relay: &Relay, address: &str) -> usize {
    mail_to(relay, address).iter().filter(|m| subject(m).starts_with("A user group")).count()
}

/// Waits (up to 20 s) until `address` has received `n` messages telling of a new group.
async fn wait_for_news(relay: &Relay, address: &str, n: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let news: Vec<String> =
            mail_to(relay, address).into_iter().filter(|m| subject(m).starts_with("A user group")).collect();
        if news.len() >= n {
            return news;
        }
        assert!(Instant::now() < deadline, "{address} got {} of {n} news: {:#?}", news.len(), relay.messages());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits (up to 20 s) until `address` has received `n` messages; returns them.
async fn wait_for_mail(relay: &Relay, address: &str, n: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let messages = mail_to(relay, address);
        if messages.len() >= n {
            return messages;
        }
        assert!(Instant::now() < deadline, "{address} got {} of {n} messages: {:#?}", messages.len(), relay.messages());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The link in a message's body that starts with `{origin}{path}`, as a path on `base`.
fn link_in(message: &str, path: &str, base: &str) -> String {
    let text = body(message);
    let at = text.find(&format!("https://groups.example.org{path}")).unwrap_or_else(|| panic!("no {path} in {text}"));
    let link = text[at..].split_whitespace().next().unwrap();
    link.replacen("https://groups.example.org", base, 1)
}

async fn get_page(url: &str) -> (StatusCode, String, h::HeaderMap) {
    let response = reqwest::get(url).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, response.text().await.unwrap(), headers)
}

async fn post_page(url: &str) -> (StatusCode, String) {
    let response = reqwest::Client::new()
        .post(url)
        .header(h::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Signs `email` up and confirms it through its mailed link, as its owner would.
async fn signed_up(site: &Site, relay: &Relay, email: &str, place: &str, radius: u16) {
    let before = mail_to(relay, email).len();
    sign_up(site, email, place, radius).await;
    let mail = wait_for_mail(relay, email, before + 1).await;
    let (status, page) = post_page(&link_in(&mail[before], "/interest/confirm/", &site.base)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
}

fn listed(site: &Site) -> String {
    ok(staff(site, &["interest", "list"]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_up_is_confirmed_by_its_link_counted_and_told_once_of_a_group_approved_60_km_away() {
    let Some(relay) = Relay::start(None) else { return };
    let site = start(Some(&relay), Clock::System, |c| c).await;

    // Ada asks near Leipzig, within 100 km.
    let answer = sign_up(&site, "Ada@Example.org", LEIPZIG, 100).await;
    println!("POST /api/interest → 202 {answer}");
    let confirmation = &wait_for_mail(&relay, "example.org", 1).await[0];
    println!(
        "mailed: To: {} / Subject: {} / List-Unsubscribe: {} / List-Unsubscribe-Post: {}",
        to(confirmation),
        subject(confirmation),
        header(confirmation, "List-Unsubscribe").unwrap(),
        header(confirmation, "List-Unsubscribe-Post").unwrap()
    );
    assert_eq!(to(confirmation), "Ada@example.org", "no name, the domain in lowercase");
    assert_eq!(subject(confirmation), "Confirm: news of user groups near Leipzig, Germany");
    assert!(body(confirmation).contains("within 100 km of Leipzig, Germany"));
    let unsubscribe = header(confirmation, "List-Unsubscribe").unwrap();
    assert!(unsubscribe.starts_with("<https://groups.example.org/interest/stop/") && unsubscribe.ends_with('>'));
    assert_eq!(header(confirmation, "List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));

    // Opening the link (as a mail scanner would) confirms nothing; its button does.
    let confirm = link_in(confirmation, "/interest/confirm/", &site.base);
    let (status, page, headers) = get_page(&confirm).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<form method=\"post\"") && page.contains(">Confirm</button>"), "{page}");
    assert!(page.contains("within 100 km of Leipzig, Germany"));
    assert_eq!(headers[h::REFERRER_POLICY], "no-referrer");
    assert_eq!(headers[h::CACHE_CONTROL], "no-store");
    assert!(headers[h::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("form-action 'self'"));
    assert!(listed(&site).contains("waiting"), "a GET confirmed it");
    let (status, page) = post_page(&confirm).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h1>Confirmed</h1>"), "{page}");
    assert!(listed(&site).contains("confirmed"));
    let (status, _) = post_page(&confirm).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a confirmation link works once");

    // Counts: fewer than three are "a few", never a number.
    let (status, few, headers) = count(&site, &format!("near={LEIPZIG}&radius=100")).await;
    assert_eq!((status, &few), (StatusCode::OK, &json!({ "few": true })));
    assert_eq!(headers[h::CACHE_CONTROL], "public, max-age=300");
    // Ada asks near Berlin too (250 km, which reaches the group to come); Bob within 50 km;
    // Dora within 250 km; Carl never confirms.
    signed_up(&site, &relay, "ada@example.org", BERLIN, 250).await;
    signed_up(&site, &relay, "bob@example.org", LEIPZIG, 50).await;
    assert_eq!(count(&site, &format!("near={LEIPZIG}&radius=100")).await.1, json!({ "few": true }), "two people");
    signed_up(&site, &relay, "dora@example.org", LEIPZIG, 250).await;
    sign_up(&site, "carl@example.org", LEIPZIG, 100).await;
    wait_for_mail(&relay, "carl@example.org", 1).await;
    let (_, three, _) = count(&site, &format!("near={LEIPZIG}&radius=100")).await;
    println!("GET /api/interest/count?near={LEIPZIG}&radius=100 → {three} (Ada, Bob, Dora confirmed; Carl not)");
    assert_eq!(three, json!({ "count": 3 }), "people, not sign-ups; the unconfirmed not at all");
    assert_eq!(count(&site, &format!("near={BERLIN}&radius=50")).await.1, json!({ "few": true }));
    assert_eq!(count(&site, "near=999999999").await.0, StatusCode::NOT_FOUND);
    assert_eq!(count(&site, "near=2879139&radius=75").await.0, StatusCode::BAD_REQUEST);
    let stats = ok(staff(&site, &["interest", "stats"]));
    assert!(stats.contains("4 confirmed sign-ups from 3 people, 1 waiting") && !stats.contains('@'), "{stats}");

    // A group 60 km south of Leipzig is approved: Ada hears once (two of her sign-ups reach
    // it), Dora once, Bob (50 km) and the unconfirmed Carl never. Berlin's group, listed
    // before anyone asked, was no news to anyone.
    let mut asked = common::request("OpenStack Südsachsen", "orga@example.net");
    (asked.group.city, asked.group.lat, asked.group.lon) = ("Zwickau".into(), Some(50.80), Some(12.3713));
    let id = common::send(&site, &asked).await;
    let approved = ok(staff(&site, &["requests", "approve", &id]));
    println!("{}", approved.trim());
    assert!(approved.contains("2 people who asked to hear of a group near it are told"), "{approved}");
    let news = &wait_for_news(&relay, "ada@example.org", 1).await[0];
    println!("news received by the relay:\n  To: {}\n  Subject: {}\n{}", to(news), subject(news), body(news));
    assert_eq!(subject(news), "A user group has started near Leipzig, Germany: OpenStack Südsachsen");
    let text = body(news);
    assert!(text.contains("https://groups.example.org/groups/openstack-sudsachsen"), "{text}");
    assert!(text.contains("about 60 km away") && text.contains("/interest/stop/"), "{text}");
    assert!(header(news, "List-Unsubscribe").is_some());
    wait_for_news(&relay, "dora@example.org", 1).await;
    // The sender looks again every 200 ms here: nobody hears twice, Bob and Carl never.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let news = |who: &str| news_to(&relay, who);
    assert_eq!((news("ada@"), news("dora@"), news("bob@"), news("carl@")), (1, 1, 0, 0));

    // Its organisers move it 20 km from Leipzig: Bob is within reach now and hears; the others
    // were told of it already.
    let link = ok(staff(&site, &["requests", "link", &id]));
    let access = link.split("/my-request#").nth(1).unwrap().split_whitespace().next().unwrap().to_owned();
    let moved = reqwest::Client::new()
        .post(format!("{}/api/organiser/group", site.base))
        .json(&json!({ "access": access, "group": { "city": "Borna", "lat": 51.16, "lon": 12.37,
            "description": "Monthly meetups about running OpenStack in Saxony.", "links": [] } }))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::OK, "{}", moved.text().await.unwrap());
    let bobs = wait_for_news(&relay, "bob@example.org", 1).await;
    assert!(body(&bobs[0]).contains("about 20 km away"), "{}", body(&bobs[0]));
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!((news("ada@"), news("dora@"), news("bob@"), news("carl@")), (1, 1, 1, 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_link_to_stop_shows_a_button_and_deletes_on_a_post_or_one_click() {
    let Some(relay) = Relay::start(None) else { return };
    let site = start(Some(&relay), Clock::System, |c| c).await;
    signed_up(&site, &relay, "ada@example.org", LEIPZIG, 100).await;
    signed_up(&site, &relay, "bob@example.org", LEIPZIG, 100).await;
    let stop_of = |who: &str| {
        let mail = &mail_to(&relay, who)[0];
        let from_header = header(mail, "List-Unsubscribe").unwrap();
        let url = from_header.trim_matches(['<', '>']).replacen("https://groups.example.org", &site.base, 1);
        assert_eq!(url, link_in(mail, "/interest/stop/", &site.base), "the header and the body give one link");
        url
    };

    // A GET (a scanner, a preview) only shows the button.
    let (status, page, headers) = get_page(&stop_of("ada@")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(">Stop and delete</button>") && page.contains("within 100 km of Leipzig, Germany"));
    assert_eq!(headers["x-robots-tag"], "noindex");
    assert!(!page.contains("<script"), "the app does not take the page over");
    assert!(listed(&site).contains("ada@example.org"));
    // The button's POST deletes it at once.
    let (status, page) = post_page(&stop_of("ada@")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h1>Stopped</h1>"), "{page}");
    assert!(!listed(&site).contains("ada@example.org"));
    let (status, _, _) = get_page(&stop_of("ada@")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the link opens nothing any more");

    // A mail program's one-click POST (RFC 8058): no cookie, no page, the form body it sends.
    let one_click = reqwest::Client::new()
        .post(stop_of("bob@"))
        .header(h::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(one_click.status(), StatusCode::OK);
    assert!(!listed(&site).contains("bob@example.org"));
    assert!(!contains(&database_bytes(&site.db), "bob@example.org"), "stopped: no byte of it is left");
    assert_eq!(post_page(&stop_of("bob@")).await.0, StatusCode::OK, "a second one-click is answered the same");
    let (status, _, _) = get_page(&format!("{}/interest/stop/{}", site.base, "A".repeat(43))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_and_an_unknown_address_get_the_same_answer_and_no_address_more_mail_than_its_limit() {
    let Some(relay) = Relay::start(None) else { return };
    // More sign-ups than one client may send at once: the mail's limits are what is tested.
    let limit = groups_server::RateLimit { burst: 100, period: Duration::from_millis(10) };
    let site = start(Some(&relay), Clock::System, |c| Config { rate_limit: limit, ..c }).await;
    signed_up(&site, &relay, "known@example.org", LEIPZIG, 100).await;
    let (known, known_body, _) = post_sign_up(&site.base, &sign_up_body("known@example.org", LEIPZIG, 100)).await;
    let (new, new_body, _) = post_sign_up(&site.base, &sign_up_body("stranger@example.org", LEIPZIG, 100)).await;
    let (waiting, waiting_body, _) =
        post_sign_up(&site.base, &sign_up_body("stranger@example.org", LEIPZIG, 100)).await;
    assert_eq!((known, new, waiting), (StatusCode::ACCEPTED, StatusCode::ACCEPTED, StatusCode::ACCEPTED));
    assert_eq!(known_body, new_body);
    assert_eq!(new_body, waiting_body);
    // Someone signs a stranger up again and again, in any case: three messages a day reach it.
    for n in 0..5 {
        let email = if n % 2 == 0 { "STRANGER@example.org" } else { "stranger@EXAMPLE.org" };
        let (status, body, _) = post_sign_up(&site.base, &sign_up_body(email, LEIPZIG, 100)).await;
        assert_eq!((status, body), (StatusCode::ACCEPTED, new_body.clone()));
    }
    wait_for_mail(&relay, "stranger@example.org", 3).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(mail_to(&relay, "stranger@example.org").len(), 3);
    // The confirmation holds nothing typed: a name full of spam reaches nobody.
    let mut spam = sign_up_body("victim@example.org", LEIPZIG, 100);
    spam["name"] = json!("Cheap pills at pills.example");
    assert_eq!(post_sign_up(&site.base, &spam).await.0, StatusCode::ACCEPTED);
    let victim = wait_for_mail(&relay, "victim@example.org", 1).await;
    assert!(!victim[0].contains("pills"), "{}", victim[0]);

    // Broken rules are named per field.
    let wrong = json!({ "place": "0", "radius_km": 75, "email": "not an address",
        "consent": { "privacy_policy_version": TERMS.policy_version, "text": "something else" } });
    let (status, body, _) = post_sign_up(&site.base, &wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid");
    for field in ["place", "radius_km", "email"] {
        assert!(body["fields"][field].is_string(), "{field}: {body}");
    }
    let agreed_to_other = json!({ "place": LEIPZIG, "radius_km": 250, "email": "a@example.org",
        "consent": { "privacy_policy_version": TERMS.policy_version, "text": consent_sentence(100, &label(LEIPZIG)) } });
    assert!(post_sign_up(&site.base, &agreed_to_other).await.1["fields"]["consent"].is_string());
    let unknown_member = json!({ "place": LEIPZIG, "radius_km": 100, "email": "a@example.org", "admin": true });
    assert_eq!(post_sign_up(&site.base, &unknown_member).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn sign_ups_have_the_inboxs_rate_limit() {
    let site = start(None, Clock::System, |c| c).await;
    // Without a relay nothing can be confirmed: a sign-up that keeps the rules is refused
    // with 503, and the limit counts every call.
    let body = sign_up_body("ada@example.org", LEIPZIG, 100);
    let (status, answer, _) = post_sign_up(&site.base, &body).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{answer}");
    for _ in 1..10 {
        assert_ne!(post_sign_up(&site.base, &body).await.0, StatusCode::TOO_MANY_REQUESTS);
    }
    let (status, answer, headers) = post_sign_up(&site.base, &body).await;
    assert_eq!((status, answer["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("rate-limited")));
    assert!(headers.contains_key(h::RETRY_AFTER));
    // The inbox's own bucket is another.
    let (status, _, _) = common::post(site.addr, &uuid::Uuid::new_v4().to_string(), "{}").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unconfirmed_sign_ups_go_after_a_week_and_unanswered_ones_after_two_years() {
    let Some(relay) = Relay::start(None) else { return };
    let t0 = Timestamp::now();
    let at = |days: u64| Timestamp::from_unix(t0.unix() + (days * 24 * 3600) as i64);
    let site = start(Some(&relay), Clock::Fixed(t0), |c| c).await;
    signed_up(&site, &relay, "ada@example.org", LEIPZIG, 100).await;
    signed_up(&site, &relay, "dora@example.org", LEIPZIG, 100).await;
    sign_up(&site, "carl@example.org", LEIPZIG, 100).await;
    wait_for_mail(&relay, "carl@example.org", 1).await;
    let six_days = ok(staff(&site, &["interest", "purge", "--dry-run", "--now", &at(6).to_string()]));
    assert!(six_days.starts_with("Nothing to delete"), "{six_days}");
    assert!(contains(&database_bytes(&site.db), "carl@example.org"));

    // The server's clock a week and a day on: it deletes Carl's at its start, no byte left.
    restart_at(&site, None, Clock::Fixed(at(8))).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while listed(&site).contains("carl@") {
        assert!(Instant::now() < deadline, "{}", listed(&site));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(!contains(&database_bytes(&site.db), "carl@example.org"));
    assert!(listed(&site).contains("ada@") && listed(&site).contains("dora@"), "the confirmed stay");

    // A year on, both are asked whether they still want it; Ada says keep.
    let base = restart_at(&site, Some(&relay), Clock::Fixed(at(370))).await;
    let asked = wait_for_mail(&relay, "ada@example.org", 2).await;
    assert_eq!(subject(&asked[1]), "Do you still want news of user groups near Leipzig, Germany?");
    let keep = link_in(&asked[1], "/interest/confirm/", &base);
    assert!(get_page(&keep).await.1.contains(">Keep</button>"));
    assert!(post_page(&keep).await.1.contains("<h1>Kept</h1>"));
    wait_for_mail(&relay, "dora@example.org", 2).await;
    // Two years after her confirmation Dora has not answered: deleted; Ada answered a year ago.
    let done = ok(staff(&site, &["interest", "purge", "--now", &at(2 * 366).to_string()]));
    assert!(done.contains("unanswered since") && done.lines().count() == 1, "{done}");
    assert!(!listed(&site).contains("dora@") && listed(&site).contains("ada@"));
    assert!(!contains(&database_bytes(&site.db), "dora@example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasure_leaves_no_byte_of_an_address_and_access_shows_everything_held() {
    let Some(relay) = Relay::start(None) else { return };
    let site = start(Some(&relay), Clock::System, |c| c).await;
    signed_up(&site, &relay, "grace.erase-me@example.org", LEIPZIG, 100).await;
    signed_up(&site, &relay, "Grace.Erase-Me@example.org", BERLIN, 50).await;
    sign_up(&site, "grace.erase-me@example.org", LEIPZIG, 250).await;
    signed_up(&site, &relay, "other@example.org", LEIPZIG, 100).await;
    wait_for_mail(&relay, "erase-me@example.org", 3).await;

    let found: Value =
        serde_json::from_str(&ok(staff(&site, &["interest", "find", "GRACE.ERASE-ME@example.org"]))).unwrap();
    assert_eq!(found["sign_ups"].as_array().unwrap().len(), 3, "{found:#}");
    assert_eq!(found["sign_ups"][0]["consent"]["privacy_policy_version"], TERMS.policy_version);
    assert_eq!(found["mail"].as_array().unwrap().len(), 3);
    let near = ok(staff(&site, &["interest", "list", "--near", BERLIN, "--radius", "100"]));
    assert!(near.contains("Grace.Erase-Me@example.org") && !near.contains("other@"), "{near}");
    assert!(contains(&database_bytes(&site.db), "erase-me@example.org"));

    let said = ok(staff(&site, &["interest", "delete", "grace.erase-me@EXAMPLE.org"]));
    assert!(said.starts_with("Deleted 3 sign-ups of this address") && !said.contains('@'), "{said}");
    let bytes = database_bytes(&site.db);
    for form in ["erase-me@example.org", "Erase-Me@example.org", "erase-me@EXAMPLE.org"] {
        assert!(!contains(&bytes, form), "{form} is still in the database's files");
    }
    assert!(listed(&site).contains("other@example.org"));
    assert!(ok(staff(&site, &["interest", "delete", "grace.erase-me@example.org"])).starts_with("No sign-up"));
}

/// `POST /interest/sign-up` with a form-encoded `body`: the status, the page and the headers.
async fn post_form(base: &str, content_type: &str, body: String) -> (StatusCode, String, h::HeaderMap) {
    let response = reqwest::Client::new()
        .post(format!("{base}{}", groups_core::interest::FORM_PATH))
        .header(h::CONTENT_TYPE, content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, response.text().await.unwrap(), headers)
}

fn form_body(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_directorys_form_signs_up_as_the_api_does_in_its_bucket() {
    let Some(relay) = Relay::start(None) else { return };
    let site = start(Some(&relay), Clock::System, |c| c).await;
    const FORM: &str = "application/x-www-form-urlencoded";
    // Where no group is within 50 km of Leipzig, the page offers the form for 50 km.
    let (_, html, _) = get_page(&format!("{}/groups?near={LEIPZIG}&radius=50", site.base)).await;
    let sentence = consent_sentence(50, &label(LEIPZIG));
    assert!(html.contains("<form class=\"interest-form\" method=\"post\" action=\"/interest/sign-up\">"), "{html}");
    assert!(html.contains(&format!("<label for=\"nojs-interest-consent\">{sentence}</label>")), "{html}");

    let fields = |email: &'static str, consent: Option<&str>| {
        let mut pairs = vec![
            ("place", LEIPZIG.to_owned()),
            ("radius_km", "50".to_owned()),
            ("privacy_policy_version", TERMS.policy_version.to_owned()),
            ("email", email.to_owned()),
            ("name", "Ada".to_owned()),
            ("website", String::new()),
        ];
        if let Some(text) = consent {
            pairs.push(("consent", text.to_owned()));
        }
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        form_body(&pairs)
    };
    let (status, page, headers) = post_form(&site.base, FORM, fields("ada@example.org", Some(&sentence))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains(groups_core::interest::accepted_message()), "{page}");
    assert!(!page.contains("<script"), "the app does not take the page over");
    assert_eq!(headers[h::CACHE_CONTROL], "no-store");
    let mail = wait_for_mail(&relay, "ada@example.org", 1).await;
    assert!(body(&mail[0]).contains("/interest/confirm/"), "the confirmation, as from the API");
    let listed = listed(&site);
    assert!(listed.contains("ada@example.org") && listed.contains("50 km"), "{listed}");

    // A refusal comes back as the form, each message beside its field, what was typed kept.
    let (status, page, _) = post_form(&site.base, FORM, fields("ada@", None)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(
        page.contains("id=\"nojs-interest-email-error\">Enter an email address like name@example.org.</p>"),
        "{page}"
    );
    assert!(page.contains("value=\"ada@\" required aria-describedby=\"nojs-interest-email-hint nojs-interest-email-error\" aria-invalid=\"true\""), "{page}");
    assert!(page.contains("Tick the box to agree"), "{page}");
    // Words other than those shown are not consent.
    let (status, page, _) = post_form(&site.base, FORM, fields("bob@example.org", Some("I agree."))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    assert!(page.contains("read it and agree again"), "{page}");
    let (status, _, _) = post_form(&site.base, "application/json", "{}".into()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    // The API's rate limit, in the API's bucket: four calls so far, six more, then a page.
    for _ in 0..6 {
        assert_ne!(
            post_sign_up(&site.base, &sign_up_body("eve@example.org", LEIPZIG, 100)).await.0,
            StatusCode::TOO_MANY_REQUESTS
        );
    }
    let (status, page, headers) = post_form(&site.base, FORM, fields("eve@example.org", Some(&sentence))).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{page}");
    assert!(
        page.contains("Too many requests came from your address") && headers.contains_key(h::RETRY_AFTER),
        "{page}"
    );
    assert_eq!(
        post_sign_up(&site.base, &sign_up_body("eve@example.org", LEIPZIG, 100)).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_up_in_japanese_is_mailed_and_answered_in_japanese() {
    use groups_i18n::{catalogue::Speaking, Catalogue, Lang, Msg};
    let Some(relay) = Relay::start(None) else { return };
    let site = start(Some(&relay), Clock::System, |c| c).await;
    let japanese = Catalogue::of(Lang::Ja);
    let sentence = {
        let _japanese = Speaking::page(Lang::Ja, false);
        consent_sentence(100, &label(LEIPZIG))
    };
    assert!(sentence.contains("100") && !sentence.contains("We write"), "{sentence}");
    let mut request = sign_up_body("kei@example.org", LEIPZIG, 100);
    request["consent"]["text"] = json!(sentence);
    let (status, answer, _) = post_sign_up(&site.base, &request).await;
    assert_eq!(status, StatusCode::ACCEPTED, "the sentence in Japanese is agreed to: {answer}");

    // The confirmation, in Japanese: its subject, its words and the button it names.
    let confirmation = &wait_for_mail(&relay, "kei@example.org", 1).await[0];
    let text = body(confirmation);
    println!(
        "mailed in Japanese: Subject: {} / {}",
        subject(confirmation),
        text.lines().take(3).collect::<Vec<_>>().join(" / ")
    );
    assert!(subject(confirmation).contains("Leipzig、ドイツ"), "the place named in Japanese");
    assert!(!subject(confirmation).contains("Confirm"), "{}", subject(confirmation));
    assert!(text.starts_with(japanese.text(Msg::MailHello)), "{text}");
    assert!(text.contains(japanese.text(Msg::InterestConfirmButton)), "{text}");
    assert!(text.contains(japanese.text(Msg::MailSignature)), "{text}");

    // The pages its links open, in Japanese's frame and words.
    let confirm = link_in(confirmation, "/interest/confirm/", &site.base);
    let (status, page, _) = get_page(&confirm).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!(">{}</button>", japanese.text(Msg::InterestConfirmButton))), "{page}");
    assert!(page.contains(&groups_core::html::escape(&sentence)), "the sentence agreed to, in Japanese");
    let (status, page) = post_page(&confirm).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("<h1>{}</h1>", japanese.text(Msg::InterestConfirmedTitle))), "{page}");
    assert!(page.contains("<html lang=\"ja\""), "Japanese's frame");
    let stop = link_in(confirmation, "/interest/stop/", &site.base);
    let (_, page, _) = get_page(&stop).await;
    assert!(page.contains(&format!(">{}</button>", japanese.text(Msg::InterestStopButton))), "{page}");
    let (_, page) = post_page(&stop).await;
    assert!(page.contains(&format!("<h1>{}</h1>", japanese.text(Msg::InterestStoppedTitle))), "{page}");
}
