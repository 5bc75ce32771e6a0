//! A request's life over real HTTP on 127.0.0.1 and the real `groups-server` binary: sent,
//! listed, approved and then in the `/groups.json` the running server serves; declined and
//! purged 12 months on; deleted with its address gone from every byte of the database files;
//! a group closed; a database written by the first release migrated; a busy database
//! answered with 503.

use groups_testkit as common;

use std::{path::Path, time::Duration};

use common::{contains, database_bytes, in_months, ok, refused, request, send, staff, staff_on, start, wait_for_slugs};
use reqwest::{header, StatusCode};
use serde_json::Value;

#[tokio::test]
async fn an_approved_request_is_listed_at_once_with_public_fields_only() {
    let site = start().await;
    let id = send(&site, &request("OpenStack Leipzig", "ada.leipzig@example.org")).await;
    let list = ok(staff(&site, &["requests", "list"]));
    assert!(list.contains(&id) && list.contains("pending") && list.contains("OpenStack Leipzig"), "{list}");
    wait_for_slugs(&site, &["berlin"]).await;

    let said = ok(staff(&site, &["requests", "approve", &id, "--note", "known to the foundation"]));
    assert!(said.contains("listed at /groups/openstack-leipzig"), "{said}");
    let listed = wait_for_slugs(&site, &["berlin", "openstack-leipzig"]).await;
    let group = &listed["groups"][1];
    assert_eq!(group["name"], "OpenStack Leipzig");
    assert_eq!(
        (group["city"].as_str(), group["country"].as_str(), group["status"].as_str()),
        (Some("Leipzig"), Some("DE"), Some("new"))
    );
    assert_eq!((group["lat"].as_f64(), group["lon"].as_f64()), (Some(51.34), Some(12.37)));
    assert_eq!(group["links"][0]["url"], "https://example.org/leipzig");
    assert_eq!(group["checked"].as_str().unwrap().len(), 7);
    let text = listed.to_string();
    assert!(!text.contains('@') && !text.contains("Ada Example"), "no organiser data is published: {text}");

    let shown: Value = serde_json::from_str(&ok(staff(&site, &["requests", "show", &id]))).unwrap();
    assert_eq!(shown["status"], "approved");
    assert_eq!(shown["decision"]["by"], "ann");
    assert_eq!(shown["decision"]["note"], "known to the foundation");
    assert_eq!(shown["group_slug"], "openstack-leipzig");
    let actions: Vec<_> = shown["history"].as_array().unwrap().iter().map(|h| h["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["received", "approved"]);

    // Approving twice changes nothing; another decision is refused.
    let before = std::fs::read(&site.groups).unwrap();
    assert!(ok(staff(&site, &["requests", "approve", &id])).contains("Nothing changed"));
    assert_eq!(std::fs::read(&site.groups).unwrap(), before);
    assert!(refused(staff(&site, &["requests", "decline", &id])).contains("only a pending request can be declined"));
    assert!(refused(staff(&site, &["requests", "approve", "GR-NONE-NONE"]))
        .contains("no request with the reference GR-NONE-NONE"));
}

#[tokio::test]
async fn a_slug_in_use_is_refused_by_name() {
    let site = start().await;
    let first = send(&site, &request("OpenStack Berlin", "one@example.org")).await;
    let second = send(&site, &request("OpenStack Berlin", "two@example.org")).await;
    let said = refused(staff(&site, &["requests", "approve", &first, "--slug", "berlin"]));
    assert!(said.contains("the slug `berlin` is already used by OpenStack <Berlin>"), "{said}");
    ok(staff(&site, &["requests", "approve", &first]));
    let said = refused(staff(&site, &["requests", "approve", &second]));
    assert!(said.contains("the slug `openstack-berlin` is already used by OpenStack Berlin"), "{said}");
    assert!(
        refused(staff(&site, &["requests", "approve", &second, "--slug", "Not A Slug"])).contains("cannot be a slug")
    );
    ok(staff(&site, &["requests", "approve", &second, "--slug", "berlin-mitte", "--status", "official"]));
    let listed = wait_for_slugs(&site, &["berlin", "berlin-mitte", "openstack-berlin"]).await;
    let mitte = listed["groups"].as_array().unwrap().iter().find(|g| g["slug"] == "berlin-mitte").unwrap();
    assert_eq!(mitte["status"], "official");

    // A name in another script gets its slug from a transliteration.
    let hebrew = send(&site, &request("אופןסטאק ישראל", "tel-aviv@example.org")).await;
    let said = ok(staff(&site, &["requests", "approve", &hebrew]));
    assert!(said.contains("listed at /groups/"), "{said}");
    let slug = said
        .split("listed at /groups/")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .trim_end_matches(['.', ';', ',']);
    assert!(
        !slug.is_empty() && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug}"
    );
}

#[tokio::test]
async fn a_declined_request_cannot_be_approved_and_is_purged_after_twelve_months() {
    let site = start().await;
    let id = send(&site, &request("OpenStack Halle", "halle@example.org")).await;
    assert!(ok(staff(&site, &["requests", "decline", &id, "--note", "Leipzig is near"])).contains("declined by ann"));
    assert!(ok(staff(&site, &["requests", "decline", &id])).contains("Nothing changed"));
    let said = refused(staff(&site, &["requests", "approve", &id]));
    assert!(said.contains("was declined") && said.contains("only a pending request can be approved"), "{said}");

    let soon = ok(staff(&site, &["requests", "purge"]));
    assert!(soon.starts_with("Nothing to delete"), "{soon}");
    let later = in_months(13);
    let dry = ok(staff(&site, &["requests", "purge", "--dry-run", "--now", &later]));
    assert!(dry.contains(&format!("Would delete {id} (declined")), "{dry}");
    assert!(ok(staff(&site, &["requests", "show", &id])).contains("OpenStack Halle"), "a dry run deletes nothing");
    let done = ok(staff(&site, &["requests", "purge", "--now", &later]));
    assert!(done.contains(&format!("Deleted {id}")), "{done}");
    assert!(refused(staff(&site, &["requests", "show", &id])).contains("no request with the reference"));
    assert!(!database_bytes(&site.db).windows(b"halle@example.org".len()).any(|w| w == b"halle@example.org"));
}

#[tokio::test]
async fn a_deleted_request_is_in_no_byte_of_the_database_files() {
    let site = start().await;
    const ADDRESS: &str = "erase.me.please@example.org";
    let keep = send(&site, &request("OpenStack Dresden", "stays@example.org")).await;
    let id = send(&site, &request("OpenStack Chemnitz", ADDRESS)).await;
    let found: Value =
        serde_json::from_str(&ok(staff(&site, &["requests", "find", "--email", "ERASE.me.please@example.org"])))
            .unwrap();
    assert_eq!(found["requests"].as_array().unwrap().len(), 1);
    assert_eq!(found["requests"][0]["id"], id.as_str());
    assert_eq!(found["requests"][0]["history"][0]["action"], "received");
    assert!(contains(&database_bytes(&site.db), ADDRESS), "the address is there before: the check can fail");

    let said = ok(staff(&site, &["requests", "delete", &id]));
    assert!(said.contains("is deleted"), "{said}");
    assert!(!contains(&database_bytes(&site.db), ADDRESS), "the address survived in the database files");
    let found: Value = serde_json::from_str(&ok(staff(&site, &["requests", "find", "--email", ADDRESS]))).unwrap();
    assert!(found["requests"].as_array().unwrap().is_empty());
    // The server still stores requests after the files were rewritten under it.
    send(&site, &request("OpenStack Zwickau", "z@example.org")).await;
    assert!(ok(staff(&site, &["requests", "list"])).contains(&keep));
}

#[tokio::test]
async fn a_closed_group_leaves_the_directory_and_its_organisers_details_go_a_year_later() {
    let site = start().await;
    let id = send(&site, &request("OpenStack Jena", "jena@example.org")).await;
    ok(staff(&site, &["requests", "approve", &id]));
    wait_for_slugs(&site, &["berlin", "openstack-jena"]).await;
    assert!(refused(staff(&site, &["requests", "withdraw", &id])).contains("groups close"));

    let said = ok(staff(&site, &["groups", "close", "openstack-jena", "--note", "no organiser left"]));
    assert!(said.contains("off the directory") && said.contains(&id), "{said}");
    wait_for_slugs(&site, &["berlin"]).await;
    assert!(refused(staff(&site, &["groups", "close", "openstack-jena"])).contains("no group with the slug"));
    assert!(refused(staff(&site, &["requests", "approve", &id])).contains("was closed"));

    let done = ok(staff(&site, &["requests", "purge", "--now", &in_months(13)]));
    assert!(done.contains(&format!("Deleted the organisers' details of {id}")), "{done}");
    let shown: Value = serde_json::from_str(&ok(staff(&site, &["requests", "show", &id]))).unwrap();
    assert_eq!(shown["organizers"], serde_json::json!([]));
    assert_eq!(shown["group"]["name"], "OpenStack Jena", "the group's public details stay");
    assert!(!contains(&database_bytes(&site.db), "jena@example.org"));
    // A group that no request of this server published can be closed too.
    assert!(ok(staff(&site, &["groups", "close", "berlin"])).contains("no organiser's details are held"));
}

#[tokio::test]
async fn a_database_written_by_the_first_release_opens_and_migrates_without_loss() {
    let site = start().await;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests-8aba692.db");
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("requests.db");
    std::fs::copy(&fixture, &db).unwrap();
    let groups = data.path().join("groups.json");
    let old = |args: &[&str]| staff_on(&db, &groups, &site.dist, args);
    let exported: Vec<Value> =
        ok(old(&["requests", "export"])).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(exported.len(), 2);
    assert_eq!(exported[0]["id"], "GR-CZAC-ART1");
    assert_eq!(exported[0]["organizers"][0]["email"], "ada@example.org");
    assert_eq!(exported[1]["group"]["name"], "OpenStack Zürich");
    assert_eq!(exported[1]["organizers"].as_array().unwrap().len(), 2);
    assert_eq!(exported[1]["consent"]["privacy_policy_version"], "2026-11-01");
    assert_eq!(exported[0]["history"][0]["action"], "received", "history begins with the arrival");
    let version: i64 =
        rusqlite::Connection::open(&db).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, groups_server::store::schema::MIGRATIONS.len() as i64);
    assert!(ok(old(&["requests", "approve", "GR-CZAC-ART1"])).contains("/groups/openstack-leipzig"));
    let said = refused(old(&["requests", "approve", "GR-D6PT-2ZK2"]));
    assert!(said.contains("without a point on the map") && said.contains("--lat"), "{said}");
    ok(old(&["requests", "approve", "GR-D6PT-2ZK2", "--lat", "47.37", "--lon", "8.54"]));
}

#[tokio::test]
async fn a_busy_database_answers_503_with_retry_after_and_so_does_health() {
    let site = start().await;
    send(&site, &request("OpenStack Erfurt", "erfurt@example.org")).await;
    let health = || async { reqwest::get(format!("http://{}/api/health", site.addr)).await.unwrap() };
    assert_eq!(health().await.status(), StatusCode::OK);

    let other = rusqlite::Connection::open(&site.db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let busy = health().await;
    assert_eq!(busy.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(busy.headers()[header::RETRY_AFTER], "5");
    let response = reqwest::Client::new()
        .post(format!("http://{}/api/group-requests", site.addr))
        .header(header::CONTENT_TYPE, "application/json")
        .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
        .body(serde_json::to_string(&request("OpenStack Gera", "gera@example.org")).unwrap())
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()[header::RETRY_AFTER], "5");
    let body: Value = response.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("try again"), "{body}");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(health().await.status(), StatusCode::OK);
    send(&site, &request("OpenStack Gera", "gera@example.org")).await;
}

#[tokio::test]
async fn the_directory_is_revalidated_and_a_304_keeps_its_cache_policy() {
    let site = start().await;
    let url = format!("http://{}/groups.json", site.addr);
    let client = reqwest::Client::new();
    let first = client.get(&url).header(header::ACCEPT_ENCODING, "br").send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(first.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(first.headers()[header::CONTENT_TYPE], "application/json");
    let etag = first.headers()[header::ETAG].clone();
    let again = client
        .get(&url)
        .header(header::ACCEPT_ENCODING, "br")
        .header(header::IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers()[header::CACHE_CONTROL], "no-cache");
    assert_eq!(again.headers()[header::ETAG], etag);

    let id = send(&site, &request("OpenStack Weimar", "weimar@example.org")).await;
    ok(staff(&site, &["requests", "approve", &id]));
    wait_for_slugs(&site, &["berlin", "openstack-weimar"]).await;
    let changed = client
        .get(&url)
        .header(header::ACCEPT_ENCODING, "br")
        .header(header::IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::OK, "a changed directory is sent again");
    assert_ne!(changed.headers()[header::ETAG], etag);
}
