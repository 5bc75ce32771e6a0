//! The inbox over real HTTP on 127.0.0.1: every answer of `POST /api/group-requests`, the
//! staff commands, and a request acknowledged just before the process is killed hard.

use groups_testkit as common;

use std::{
    io::{BufRead, BufReader},
    net::SocketAddr,
    path::Path,
    process::{Child, Command, Stdio},
    time::Duration,
};

use common::{fake_dist, post, start_with, Site};
use groups_core::request::GroupRequest;
use groups_server::{Config, RateLimit};
use reqwest::{header, StatusCode};
use serde_json::Value;

const KEY: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

fn request() -> GroupRequest {
    groups_core::fixtures::valid_request_for(groups_server::terms::TERMS)
}

async fn start(rate_limit: RateLimit) -> Site {
    start_with(false, |config| Config { rate_limit, ..config }).await
}

/// What `groups-server requests export` prints for the database `db`, one value per line.
fn export(db: &Path) -> Vec<Value> {
    let output = Command::new(common::server_binary()).args(["requests", "export", "--db"]).arg(db).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn assert_error_shape(body: &Value) {
    assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()), "{body}");
    assert!(body["fields"].is_object(), "{body}");
}

#[tokio::test]
async fn a_valid_request_is_stored_with_its_consent_record() {
    let site = start(RateLimit::default()).await;
    let (status, body, _) = post(site.addr, KEY, serde_json::to_string(&request()).unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "pending");
    let id = body["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("GR-"), "{id}");

    let rows = export(&site.db);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["id"], id.as_str());
    assert_eq!(row["group"]["name"], "OpenStack Leipzig");
    assert_eq!(row["group"]["lat"], 51.34);
    assert_eq!(row["organizers"][0]["email"], "ada@example.org");
    assert_eq!(row["consent"]["privacy_policy_version"], groups_server::terms::PRIVACY_POLICY_VERSION);
    assert_eq!(row["consent"]["text_sha256"], groups_i18n::Lang::En.consent_sha256().unwrap());
    assert!(row["received_at"].as_str().unwrap().ends_with('Z'));
    // Whoever reads the staff's output (or a copy of it) cannot replay the request.
    assert!(row.get("idempotency_key").is_none() && !row.to_string().contains(KEY), "{row}");

    let show =
        Command::new(common::server_binary()).args(["requests", "show", &id, "--db"]).arg(&site.db).output().unwrap();
    assert!(String::from_utf8_lossy(&show.stdout).contains("\"OpenStack Leipzig\""));
    assert!(!String::from_utf8_lossy(&show.stdout).contains(KEY));
    let list = Command::new(common::server_binary()).args(["requests", "list", "--db"]).arg(&site.db).output().unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains(&format!("{id}  ")));
    let missing = Command::new(common::server_binary())
        .args(["requests", "show", "GR-NONE-NONE", "--db"])
        .arg(&site.db)
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no request with the reference GR-NONE-NONE"));
}

#[tokio::test]
async fn the_same_key_replays_and_never_stores_twice() {
    let site = start(RateLimit::default()).await;
    let body = serde_json::to_string(&request()).unwrap();
    let (first, a, _) = post(site.addr, KEY, body.clone()).await;
    // The same request with other whitespace is the same request.
    let (second, b, _) = post(site.addr, KEY, body.replace(",", ", ")).await;
    assert_eq!((first, second), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(a["id"], b["id"]);

    let mut other = request();
    other.group.name = "OpenStack Dresden".into();
    let (status, body, _) = post(site.addr, KEY, serde_json::to_string(&other).unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_error_shape(&body);
    assert!(body["error"].as_str().unwrap().contains("Idempotency-Key"));
    assert_eq!(export(&site.db).len(), 1);
}

#[tokio::test]
async fn malformed_bodies_and_headers_are_refused_with_json_errors() {
    let site = start(RateLimit::default()).await;
    let client = reqwest::Client::new();
    let url = format!("http://{}/api/group-requests", site.addr);

    let (status, body, _) = post(site.addr, KEY, "{\"group\": ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_error_shape(&body);
    let (status, body, _) = post(site.addr, KEY, "{\"group\": 1}").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = body["error"].as_str().unwrap();
    assert!(
        message.starts_with("the body is not a new-group request: `group`: invalid type: integer `1`"),
        "{message}"
    );
    let (status, body, _) = post(site.addr, "not-a-uuid", serde_json::to_string(&request()).unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"].as_str().unwrap().contains("Idempotency-Key"));

    let plain = client
        .post(&url)
        .header(header::CONTENT_TYPE, "text/plain")
        .header("Idempotency-Key", KEY)
        .body(serde_json::to_string(&request()).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_error_shape(&plain.json().await.unwrap());

    let mut huge = request();
    huge.group.description = "x".repeat(70 * 1024);
    let (status, body, _) = post(site.addr, KEY, serde_json::to_string(&huge).unwrap()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_error_shape(&body);
    // Without a Content-Length (streamed), the limit still holds.
    let chunks: Vec<Result<String, std::io::Error>> = vec![Ok(serde_json::to_string(&huge).unwrap())];
    let (status, _, _) = post(site.addr, KEY, reqwest::Body::wrap_stream(stream_of(chunks))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);

    let get = client.get(&url).send().await.unwrap();
    assert_eq!(get.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_error_shape(&get.json().await.unwrap());
    assert!(export(&site.db).is_empty());
}

fn stream_of(
    items: Vec<Result<String, std::io::Error>>,
) -> impl futures_core::Stream<Item = Result<String, std::io::Error>> {
    tokio_stream::iter(items)
}

#[tokio::test]
async fn rule_breaks_answer_422_on_their_fields() {
    let site = start(RateLimit::default()).await;
    let mut bad = request();
    bad.group.name = " ".into();
    bad.organizers[0].email = "ada@example".into();
    bad.consent.as_mut().unwrap().text_sha256 = "0".repeat(64);
    let (status, body, _) = post(site.addr, KEY, serde_json::to_string(&bad).unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["fields"]["group.name"], "Enter the group's name.");
    assert_eq!(body["fields"]["organizers.0.email"], "Enter an email address like name@example.org.");
    assert!(body["fields"]["consent"].as_str().unwrap().contains("privacy notice has changed"));
    // The same problems as codes with their values, for a form to say in its own language.
    assert_eq!(body["problems"]["group.name"], serde_json::json!({"code": "empty", "subject": "group-name"}));
    assert_eq!(body["problems"]["organizers.0.email"], serde_json::json!({"code": "not-email"}));
    assert_eq!(body["problems"]["consent"], serde_json::json!({"code": "consent-changed"}));
    assert_eq!(body["problems"].as_object().unwrap().len(), body["fields"].as_object().unwrap().len());

    let mut unconsented = request();
    unconsented.consent = None;
    let (status, body, _) = post(site.addr, KEY, serde_json::to_string(&unconsented).unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["fields"]["consent"].is_string());
    assert!(export(&site.db).is_empty());
}

#[tokio::test]
async fn a_filled_honeypot_is_answered_but_not_stored() {
    let site = start(RateLimit::default()).await;
    let mut bot = request();
    bot.website = "https://spam.example".into();
    let (status, body, _) = post(site.addr, KEY, serde_json::to_string(&bot).unwrap()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(body["id"].as_str().unwrap().starts_with("GR-"));
    assert!(export(&site.db).is_empty());
}

#[tokio::test]
async fn too_many_requests_from_one_client_are_told_when_to_come_back() {
    let site = start(RateLimit { burst: 2, period: Duration::from_secs(30) }).await;
    let body = serde_json::to_string(&request()).unwrap();
    for _ in 0..2 {
        assert_eq!(post(site.addr, KEY, body.clone()).await.0, StatusCode::CREATED);
    }
    let (status, body, headers) = post(site.addr, KEY, body).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_error_shape(&body);
    let retry: u64 = headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=30).contains(&retry), "{retry}");
    // Health checks are not limited.
    let health = reqwest::get(format!("http://{}/api/health", site.addr)).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

/// Starts the real binary and reads the address it prints.
fn spawn_server(dist: &Path, db: &Path) -> (Child, SocketAddr) {
    let mut child = Command::new(common::server_binary())
        .args(["serve", "--addr", "127.0.0.1:0", "--meetings-refresh", "0", "--dist"])
        .arg(dist)
        .arg("--db")
        .arg(db)
        // Beside the database, never in the working folder (the source tree).
        .arg("--groups")
        .arg(db.with_file_name("groups.json"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr =
        line.split("http://").nth(1).and_then(|rest| rest.split('/').next()).expect("the server prints its address");
    (child, addr.parse().unwrap())
}

#[tokio::test]
async fn an_acknowledged_request_survives_a_hard_kill() {
    let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    fake_dist(dist.path(), false);
    let db = data.path().join("requests.db");

    let (mut server, addr) = spawn_server(dist.path(), &db);
    let (status, body, _) = post(addr, KEY, serde_json::to_string(&request()).unwrap()).await;
    assert_eq!(status, StatusCode::CREATED);
    server.kill().unwrap(); // SIGKILL: no shutdown, no checkpoint
    server.wait().unwrap();

    let rows = export(&db);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], body["id"]);

    // After a restart the same key still answers the same reference.
    let (mut server, addr) = spawn_server(dist.path(), &db);
    let (status, again, _) = post(addr, KEY, serde_json::to_string(&request()).unwrap()).await;
    assert_eq!((status, &again["id"]), (StatusCode::CREATED, &body["id"]));
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(export(&db).len(), 1);
}

#[tokio::test]
async fn health_fails_when_the_databases_disk_is_nearly_full() {
    // More free space asked for than any disk has: what a full disk looks like to the check.
    let site = start_with(false, |config| Config { min_free_disk: u64::MAX, ..config }).await;
    let health = reqwest::get(format!("http://{}/api/health", site.addr)).await.unwrap();
    assert_eq!(health.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(health.headers().contains_key(header::RETRY_AFTER));
    let ok = start_with(false, |config| config).await;
    assert_eq!(reqwest::get(format!("http://{}/api/health", ok.addr)).await.unwrap().status(), StatusCode::OK);
}

#[tokio::test]
async fn a_key_used_for_another_request_is_said_by_its_code() {
    let site = start(RateLimit::default()).await;
    let (status, _, _) = post(site.addr, KEY, serde_json::to_string(&request()).unwrap()).await;
    assert_eq!(status, StatusCode::CREATED);
    let mut other = request();
    other.group.name = "OpenStack Dresden".into();
    let (status, body, _) = post(site.addr, KEY, serde_json::to_string(&other).unwrap()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("key-reused")), "{body}");
    let mut broken = request();
    broken.group.name = String::new();
    let (status, body, _) =
        post(site.addr, "7c9e6679-7425-40de-944b-e07fc1f90ae7", serde_json::to_string(&broken).unwrap()).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")), "{body}");
}
