//! The organiser's private link over real HTTP: the key's life (issued, replayed, rotated by
//! staff, revoked by erasure and by closing), one answer for every kind of wrong, the limit on
//! guessing, a key never reaching another request or group, edits checked per field and
//! recorded in the group's history (and revertible), the decision's message, the headers.

use groups_testkit as common;

use std::time::Duration;

use common::{contains, database_bytes, ok, post, published, refused, request, staff, start, wait_for_slugs};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};

/// `POST /api/organiser{path}` with `body`: the status, the JSON answer and the headers.
async fn call(site: &common::Site, path: &str, body: Value) -> (StatusCode, Value, header::HeaderMap) {
    let response = reqwest::Client::new()
        .post(format!("{}/api/organiser{path}", site.base))
        .json(&body)
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, response.json().await.unwrap_or(Value::Null), headers)
}

/// Sends a request: its reference and the private access (`GR-….KEY`) of the answer.
async fn send_with_access(site: &common::Site, name: &str, email: &str) -> (String, String, String) {
    let idempotency = uuid::Uuid::new_v4().to_string();
    let (status, body, _) = post(site.addr, &idempotency, serde_json::to_string(&request(name, email)).unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["id"].as_str().unwrap().to_owned();
    let key = body["key"].as_str().unwrap();
    assert_eq!(key.len(), 43, "256 bits in base64url");
    (id.clone(), format!("{id}.{key}"), idempotency)
}

/// Moves the request's arrival `seconds` into the past, as if that much time had gone by.
fn age_request(site: &common::Site, id: &str, seconds: i64) {
    let db = rusqlite::Connection::open(&site.db).unwrap();
    let received: String =
        db.query_row("SELECT received_at FROM group_requests WHERE id = ?1", [id], |r| r.get(0)).unwrap();
    let earlier = groups_server::clock::Timestamp::parse(&received).unwrap().unix() - seconds;
    let earlier = groups_server::clock::Timestamp::from_unix(earlier).to_string();
    db.execute("UPDATE group_requests SET received_at = ?2 WHERE id = ?1", [id, earlier.as_str()]).unwrap();
}

fn access_of(link: &str) -> String {
    link.split_once('#').unwrap().1.lines().next().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_lives_from_the_answer_through_a_replay_a_rotation_and_an_erasure() {
    let site = start().await;
    let (id, access, idempotency) = send_with_access(&site, "OpenStack Kiel", "kiel@example.org").await;

    let (status, view, headers) = call(&site, "", json!({ "access": access })).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!((view["subject"].as_str(), view["status"].as_str()), (Some(id.as_str()), Some("pending")));
    assert_eq!(view["request"]["group"]["name"], "OpenStack Kiel");
    assert_eq!(headers[header::REFERRER_POLICY], "no-referrer");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");

    // The form retries a request whose answer was lost: a key of its own, revoking none.
    let body = serde_json::to_string(&request("OpenStack Kiel", "kiel@example.org")).unwrap();
    let (status, again, _) = post(site.addr, &idempotency, body.clone()).await;
    assert_eq!((status, again["id"].as_str()), (StatusCode::CREATED, Some(id.as_str())));
    let replayed = format!("{id}.{}", again["key"].as_str().unwrap());
    assert_ne!(replayed, access);
    assert_eq!(call(&site, "", json!({ "access": access })).await.0, StatusCode::OK, "the first answer's key stays");
    assert_eq!(call(&site, "", json!({ "access": replayed })).await.0, StatusCode::OK);

    // Staff issue a new link: built from the site's origin; the ones before stop.
    let said = ok(staff(&site, &["requests", "link", &id]));
    assert!(said.starts_with("https://groups.example/my-request#GR-") || said.contains("/my-request#GR-"), "{said}");
    let rotated = access_of(&said);
    assert_eq!(call(&site, "", json!({ "access": replayed })).await.0, StatusCode::NOT_FOUND);
    assert_eq!(call(&site, "", json!({ "access": access })).await.0, StatusCode::NOT_FOUND);
    assert_eq!(call(&site, "", json!({ "access": rotated })).await.0, StatusCode::OK);

    // Later, whoever holds the body and its idempotency key (a backup, an export) replays it:
    // the same reference and state, no key, and the staff's link still works.
    age_request(&site, &id, 11 * 60);
    let (status, late, _) = post(site.addr, &idempotency, body).await;
    assert_eq!(status, StatusCode::CREATED, "{late}");
    assert_eq!((late["id"].as_str(), late["status"].as_str()), (Some(id.as_str()), Some("pending")));
    assert!(late.get("key").is_none(), "a late replay mints no key: {late}");
    assert_eq!(call(&site, "", json!({ "access": rotated })).await.0, StatusCode::OK);
    // Neither the staff's views nor the database hold the key itself.
    let key = rotated.split_once('.').unwrap().1;
    assert!(!ok(staff(&site, &["requests", "show", &id])).contains(key));
    assert!(!contains(&database_bytes(&site.db), key));

    // Withdraw, then delete: the address is in no byte of the database, the link opens nothing.
    let (status, view, _) = call(&site, "/erase", json!({ "access": rotated })).await;
    assert_eq!(status, StatusCode::CONFLICT, "a pending request is withdrawn first: {view}");
    let (status, view, _) = call(&site, "/withdraw", json!({ "access": rotated })).await;
    assert_eq!((status, view["status"].as_str()), (StatusCode::OK, Some("withdrawn")));
    assert!(contains(&database_bytes(&site.db), "kiel@example.org"), "there before: the check can fail");
    let (status, done, _) = call(&site, "/erase", json!({ "access": rotated })).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert!(!contains(&database_bytes(&site.db), "kiel@example.org"));
    assert_eq!(call(&site, "", json!({ "access": rotated })).await.0, StatusCode::NOT_FOUND);
    assert!(refused(staff(&site, &["requests", "show", &id])).contains("no request"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_wrong_gets_one_answer_and_guessing_is_limited() {
    let site = start().await;
    let (id, access, _) = send_with_access(&site, "OpenStack Lübeck", "luebeck@example.org").await;
    let (other, _, _) = send_with_access(&site, "OpenStack Rostock", "rostock@example.org").await;
    let key = access.split_once('.').unwrap().1;
    let wrong_key = format!("{id}.{}", "A".repeat(43));
    let unknown = format!("GR-ZZZZ-ZZZZ.{key}");
    let anothers = format!("{other}.{key}");
    let mut answers = Vec::new();
    for access in [&wrong_key, &unknown, &anothers] {
        let (status, body, _) = call(&site, "", json!({ "access": access })).await;
        answers.push((status, body));
    }
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:?}");
    assert_eq!(answers[0].0, StatusCode::NOT_FOUND);
    // A key for one request never acts on another.
    assert_eq!(call(&site, "/withdraw", json!({ "access": anothers })).await.0, StatusCode::NOT_FOUND);
    let shown: Value = serde_json::from_str(&ok(staff(&site, &["requests", "show", &other]))).unwrap();
    assert_eq!(shown["status"], "pending");

    // Ten wrong keys make this client wait before guessing more for this reference; the right
    // key still opens, from this very client (nobody can lock an organiser out).
    // One wrong key for it above, nine more here.
    for _ in 0..9 {
        call(&site, "", json!({ "access": wrong_key })).await;
    }
    let (status, body, headers) = call(&site, "", json!({ "access": wrong_key })).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(headers.contains_key(header::RETRY_AFTER));
    assert_eq!(call(&site, "", json!({ "access": access })).await.0, StatusCode::OK, "the right key opens");
    assert_eq!(
        call(&site, "", json!({ "access": format!("{other}.{}", "B".repeat(43)) })).await.0,
        StatusCode::NOT_FOUND
    );
    // Not an access at all.
    assert_eq!(call(&site, "", json!({ "access": "nonsense" })).await.0, StatusCode::NOT_FOUND);
    assert_eq!(call(&site, "", json!({ "key": "x" })).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_keys_from_many_clients_lock_nobody_out() {
    let proxy = vec!["127.0.0.1/32".parse().unwrap()];
    let site = common::start_with(true, |c| groups_server::Config { trusted_proxies: proxy, ..c }).await;
    let (id, access, _) = send_with_access(&site, "OpenStack Jena", "jena@example.org").await;
    let from = |client: String, body: Value| {
        let base = site.base.clone();
        async move {
            reqwest::Client::new()
                .post(format!("{base}/api/organiser"))
                .header("X-Forwarded-For", client)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let wrong = json!({ "access": format!("{id}.{}", "A".repeat(43)) });
    // Ten clients, each over its own limit: each waits, the organiser does not.
    for client in 1..=10 {
        for _ in 0..10 {
            from(format!("203.0.113.{client}"), wrong.clone()).await;
        }
        assert_eq!(from(format!("203.0.113.{client}"), wrong.clone()).await, StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(from("203.0.113.1".into(), json!({ "access": access })).await, StatusCode::OK);
    assert_eq!(from("198.51.100.7".into(), json!({ "access": access })).await, StatusCode::OK);
    assert_eq!(from("198.51.100.8".into(), wrong).await, StatusCode::NOT_FOUND, "a new client is not locked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_manages_their_listed_group_and_every_change_is_recorded() {
    let site = start().await;
    let (id, access, _) = send_with_access(&site, "OpenStack Erfurt", "erfurt@example.org").await;
    let said = ok(staff(&site, &["requests", "approve", &id, "--note", "internal", "--message", "Welcome aboard!"]));
    assert!(said.contains("listed at /groups/openstack-erfurt"), "{said}");
    let (status, view, _) = call(&site, "", json!({ "access": access })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((view["status"].as_str(), view["message"].as_str()), (Some("approved"), Some("Welcome aboard!")));
    assert!(!view.to_string().contains("internal"), "the internal note stays internal");
    let mut details = view["group"]["details"].clone();
    assert_eq!(view["group"]["slug"], "openstack-erfurt");

    // Every rule is the form's, each error on its field; nothing changes.
    let bad = json!({ "city": "Erfurt", "lat": 123.0, "lon": 11.0, "description": "short",
                      "links": [{ "kind": "calendar", "url": "http://example.org/cal.ics" }] });
    let (status, body, _) = call(&site, "/group", json!({ "access": access, "group": bad })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["fields"].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields, ["group.description", "group.lat", "group.links.0.url"]);

    details["description"] = json!("We meet every second Tuesday for talks and hands-on labs.");
    details["links"] = json!([{ "kind": "calendar", "url": "https://example.org/erfurt.ics" }]);
    let (status, view, _) = call(&site, "/group", json!({ "access": access, "group": details })).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["group"]["details"]["description"], "We meet every second Tuesday for talks and hands-on labs.");
    let (status, view, _) = call(&site, "/confirm", json!({ "access": access })).await;
    assert_eq!(status, StatusCode::OK);
    assert!(view["group"]["checked"].as_str().is_some());

    // The server publishes a change within a second.
    let mut listed = Value::Null;
    for _ in 0..50 {
        let directory = published(&site).await;
        listed = directory["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["slug"] == "openstack-erfurt")
            .cloned()
            .unwrap_or_default();
        if listed["description"] == "We meet every second Tuesday for talks and hands-on labs."
            && listed["checked"].is_string()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(listed["description"], "We meet every second Tuesday for talks and hands-on labs.");
    assert_eq!(listed["links"][0]["url"], "https://example.org/erfurt.ics");
    // And writes it to the directory's file, as it does every change.
    let mut written = String::new();
    for _ in 0..50 {
        written = std::fs::read_to_string(&site.groups).unwrap_or_default();
        if written.contains("We meet every second Tuesday") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(written.contains("We meet every second Tuesday"), "{written}");

    let history = ok(staff(&site, &["groups", "history", "openstack-erfurt"]));
    assert!(history.contains(&format!("by organiser of {id}")), "{history}");
    // Staff undo the edit: its number is the second change.
    let change = history
        .lines()
        .find(|l| l.contains("edited"))
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .trim_start_matches('#')
        .to_owned();
    ok(staff(&site, &["groups", "revert", "openstack-erfurt", &change]));

    // A link issued for a group that came without a request manages only that group.
    let berlin = access_of(&ok(staff(&site, &["groups", "link", "berlin"])));
    let (status, view, _) = call(&site, "", json!({ "access": berlin })).await;
    assert_eq!(
        (status, view["group"]["slug"].as_str(), view["status"].as_str()),
        (StatusCode::OK, Some("berlin"), None)
    );
    assert_eq!(call(&site, "/withdraw", json!({ "access": berlin })).await.0, StatusCode::CONFLICT);
    // "Our details are current": the month they were last checked becomes this one.
    let before = view["group"]["checked"].clone();
    let (status, view, _) = call(&site, "/confirm", json!({ "access": berlin })).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(view["group"]["checked"], before, "{view}");
    assert!(ok(staff(&site, &["groups", "history", "berlin"])).contains("confirmed"));

    // Closing takes the group off the directory, and the link stops working.
    let (status, done, _) = call(&site, "/close", json!({ "access": access })).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    wait_for_slugs(&site, &["berlin"]).await;
    assert_eq!(call(&site, "", json!({ "access": access })).await.0, StatusCode::NOT_FOUND);
    // A link staff issue afterwards shows the request closed, and manages nothing.
    let again = access_of(&ok(staff(&site, &["requests", "link", &id])));
    let (status, view, _) = call(&site, "", json!({ "access": again })).await;
    assert_eq!(status, StatusCode::OK);
    assert!(view["closed"].is_string() && view["group"].is_null(), "{view}");
    assert_eq!(call(&site, "/group", json!({ "access": again, "group": details })).await.0, StatusCode::CONFLICT);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_in_one_tab_never_undoes_anothers() {
    let site = start().await;
    let (id, access, _) = send_with_access(&site, "OpenStack Gera", "gera@example.org").await;
    ok(staff(&site, &["requests", "approve", &id]));
    // Two tabs open the page: each holds the details as they were.
    let (_, view, _) = call(&site, "", json!({ "access": access })).await;
    let base = view["group"]["details"].clone();

    // Tab B changes the description and saves.
    let mut b = base.clone();
    b["description"] = json!("We meet on the first Thursday, with talks and a lab.");
    let (status, _, _) = call(&site, "/group", json!({ "access": access, "group": b, "base": base })).await;
    assert_eq!(status, StatusCode::OK);

    // Tab A, still showing the old details, changes only a link and saves: B's description stays.
    let mut a = base.clone();
    a["links"] = json!([{ "kind": "website", "url": "https://example.org/gera" }]);
    let (status, view, _) = call(&site, "/group", json!({ "access": access, "group": a.clone(), "base": base })).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    let details = &view["group"]["details"];
    assert_eq!(details["description"], "We meet on the first Thursday, with talks and a lab.", "{details}");
    assert_eq!(details["links"][0]["url"], "https://example.org/gera");

    // Tab A then changes the description too, from what it showed: a clash, named, nothing saved.
    a["description"] = json!("Something else entirely, written in tab A.");
    let (status, error, _) = call(&site, "/group", json!({ "access": access, "group": a, "base": base })).await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert_eq!(error["code"], "conflict");
    assert!(error["fields"]["group.description"].is_string(), "{error}");
    let (_, view, _) = call(&site, "", json!({ "access": access })).await;
    assert_eq!(view["group"]["details"]["description"], "We meet on the first Thursday, with talks and a lab.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_request_is_corrected_by_its_organiser_until_staff_decide() {
    let site = start().await;
    let (id, access, _) = send_with_access(&site, "OpenStak Jena", "jena@example.org").await;
    let (_, view, _) = call(&site, "", json!({ "access": access })).await;
    let base = view["request"]["group"].clone();

    // A typo in the name fixed, a link added: saved, shown, and in the history by what changed.
    let mut fixed = base.clone();
    fixed["name"] = json!("  OpenStack Jena ");
    fixed["links"] = json!([{ "kind": "website", "url": "example.org/jena" }]);
    let (status, view, _) = call(&site, "/request", json!({ "access": access, "group": fixed, "base": base })).await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["status"], "pending");
    assert_eq!(view["request"]["group"]["name"], "OpenStack Jena");
    assert_eq!(view["request"]["group"]["links"][0]["url"], "https://example.org/jena", "pasted as people paste");
    assert_eq!(view["request"]["organizers"][0]["email"], "jena@example.org", "the organisers stay as sent");
    let shown = ok(staff(&site, &["requests", "show", &id]));
    assert!(shown.contains("OpenStack Jena") && shown.contains("the name and the links"), "{shown}");

    // Another tab, still showing the typo, changes the name differently: refused by its field.
    let mut other = base.clone();
    other["name"] = json!("OpenStack Thüringen");
    let (status, error, _) = call(&site, "/request", json!({ "access": access, "group": other, "base": base })).await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert!(error["fields"]["group.name"].is_string(), "{error}");
    // The rules are the form's, field by field.
    let mut broken = view["request"]["group"].clone();
    broken["description"] = json!("short");
    broken["country"] = json!("XX");
    let (status, error, _) = call(&site, "/request", json!({ "access": access, "group": broken })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert!(
        error["fields"]["group.description"].is_string() && error["fields"]["group.country"].is_string(),
        "{error}"
    );

    // Staff approve what is stored now; after that the request is what they decided on.
    let approved = ok(staff(&site, &["requests", "approve", &id]));
    assert!(approved.contains("OpenStack Jena"), "{approved}");
    let mut late = view["request"]["group"].clone();
    late["name"] = json!("OpenStack Jena e.V.");
    let (status, error, _) = call(&site, "/request", json!({ "access": access, "group": late })).await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert!(
        error["error"].as_str().unwrap().contains("only a request waiting for a decision can be changed"),
        "{error}"
    );
    // A wrong key opens nothing here either.
    let wrong = format!("{id}.{}", "A".repeat(43));
    let (status, _, _) = call(&site, "/request", json!({ "access": wrong, "group": late })).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
