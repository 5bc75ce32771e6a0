//! The directory in the database, over the real binary and real HTTP: writers in many
//! processes at once lose nothing, an import is checked whole and refused with every problem
//! named, the first start after the move brings today's file in byte for byte, every change is
//! in the group's history and can be undone, and a broken file no longer touches the site.

use groups_testkit as common;

use std::{process::Command, time::Duration};

use common::{ok, published, refused, request, send, staff, start, start_with, wait_for_slugs};
use groups_server::{
    clock::Timestamp,
    store::{Decision, GroupAction, Store},
};
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_approvals_in_six_processes_and_an_edit_at_once_all_stand() {
    let site = start().await;
    let mut ids = Vec::new();
    for n in 1..=6 {
        ids.push(send(&site, &request(&format!("OpenStack Town {n}"), &format!("town{n}@example.org"))).await);
    }
    // Six staff commands, started together, each in its own process.
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            Command::new(common::server_binary())
                .args(["requests", "approve", id, "--by", "ann", "--db"])
                .arg(&site.db)
                .arg("--groups")
                .arg(&site.groups)
                .arg("--dist")
                .arg(&site.dist)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // Meanwhile, an edit in another connection (as the server makes an organiser's).
    let store = Store::open_existing(&site.db).unwrap();
    let mut berlin = store.group("berlin").unwrap().unwrap();
    berlin.description = Some("Monthly talks and hands-on evenings.".into());
    let edit = Decision::new("organiser of berlin", Timestamp::now(), None);
    let edited = store.edit_group("berlin", GroupAction::Edited, &edit, |_| Ok::<_, ()>(berlin.clone())).unwrap();
    assert!(edited.unwrap().is_some());
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }

    let expected: Vec<String> = (1..=6).map(|n| format!("openstack-town-{n}")).collect();
    let mut all: Vec<&str> = vec!["berlin"];
    all.extend(expected.iter().map(String::as_str));
    let listed = wait_for_slugs(&site, &all).await;
    assert_eq!(listed["groups"][0]["description"], "Monthly talks and hands-on evenings.", "the edit stands too");
    for (id, slug) in ids.iter().zip(&expected) {
        let shown: Value = serde_json::from_str(&ok(staff(&site, &["requests", "show", id]))).unwrap();
        assert_eq!((shown["status"].as_str(), shown["group_slug"].as_str()), (Some("approved"), Some(slug.as_str())));
        let history = ok(staff(&site, &["groups", "history", slug]));
        assert!(history.contains("listed") && history.contains("by ann"), "{history}");
    }
    // The file written for others holds them all too.
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&site.groups).unwrap()).unwrap();
    assert_eq!(common::slugs(&file), all);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_is_checked_whole_and_refused_with_every_problem_named() {
    let site = start().await;
    let before = published(&site).await;
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let truncated = file("truncated.json", "{\"version\": 1, \"groups\": [{\"slug\": \"berl");
    assert!(refused(staff(&site, &["groups", "import", &truncated])).contains("not valid JSON"));
    let broken = file(
        "broken.json",
        r#"{"version": 1, "groups": [
            {"slug": "ok", "name": "OK", "country": "DE", "lat": 0, "lon": 0, "status": "new"},
            {"slug": "no-country", "name": "X", "country": "ZZ", "lat": 0, "lon": 0, "status": "new"},
            {"slug": "far", "name": "Far", "country": "DE", "lat": 95, "lon": 0, "status": "new"},
            {"slug": "bad-link", "name": "L", "country": "DE", "lat": 0, "lon": 0, "status": "new",
             "links": [{"kind": "website", "url": "javascript:alert(1)"}]}]}"#,
    );
    let said = refused(staff(&site, &["groups", "import", &broken]));
    for problem in ["unknown country `ZZ`", "coordinates off the globe", "`bad-link`: the link", "nothing changed"] {
        assert!(said.contains(problem), "{problem:?} in {said}");
    }
    assert_eq!(published(&site).await, before, "nothing changed, and the site still serves");

    // A good file: a dry run says what would change; the import does it and records it.
    let good = file(
        "good.json",
        r#"{"version": 1, "groups": [{"slug": "berlin", "name": "OpenStack Berlin", "city": "Berlin", "country": "DE",
            "lat": 52.52, "lon": 13.405, "status": "official", "checked": "2026-12"},
            {"slug": "hamburg", "name": "OpenStack Hamburg", "city": "Hamburg", "country": "DE",
            "lat": 53.55, "lon": 9.99, "status": "new"}]}"#,
    );
    let dry = ok(staff(&site, &["groups", "import", &good, "--dry-run"]));
    assert!(dry.contains("add     OpenStack Hamburg (hamburg)"), "{dry}");
    assert!(dry.contains("change  OpenStack Berlin (berlin): name, links, checked"), "{dry}");
    assert!(dry.contains("Would make: 1 added, 1 changed, 0 removed."), "{dry}");
    assert_eq!(published(&site).await, before);
    assert!(ok(staff(&site, &["groups", "import", &good])).contains("Done: 1 added, 1 changed, 0 removed."));
    wait_for_slugs(&site, &["berlin", "hamburg"]).await;
    let exported = ok(staff(&site, &["groups", "export"]));
    assert!(exported.contains("\"slug\": \"hamburg\""));
    assert!(ok(staff(&site, &["groups", "history", "hamburg"])).contains("imported"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_change_is_in_the_history_and_can_be_undone() {
    let site = start().await;
    let id = send(&site, &request("OpenStack Bonn", "bonn@example.org")).await;
    ok(staff(&site, &["requests", "approve", &id]));
    ok(staff(&site, &["groups", "close", "openstack-bonn", "--note", "stopped meeting"]));
    wait_for_slugs(&site, &["berlin"]).await;
    let history = ok(staff(&site, &["groups", "history", "openstack-bonn"]));
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 2, "{history}");
    assert!(lines[0].contains("listed") && lines[1].contains("closed") && lines[1].contains("stopped meeting"));
    let number = |line: &str| line.split_whitespace().next().unwrap().to_owned();
    // The listing cannot be undone while the closing stands; the closing can.
    let said = refused(staff(&site, &["groups", "revert", "openstack-bonn", &number(lines[0])]));
    assert!(said.contains("undo the later changes first"), "{said}");
    let said = ok(staff(&site, &["groups", "revert", "openstack-bonn", &number(lines[1])]));
    assert!(said.contains("as it was before change"), "{said}");
    wait_for_slugs(&site, &["berlin", "openstack-bonn"]).await;
    assert!(ok(staff(&site, &["groups", "history", "openstack-bonn"])).lines().count() == 3);
    assert!(refused(staff(&site, &["groups", "history", "atlantis"])).contains("no group has ever had"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_start_brings_todays_file_in_and_publishes_it_byte_for_byte() {
    // Today's release kept the directory in var/groups.json, written in the directory's order.
    let today = r#"{
  "version": 1,
  "groups": [
    {
      "slug": "berlin",
      "name": "OpenStack Berlin",
      "city": "Berlin",
      "country": "DE",
      "lat": 52.52,
      "lon": 13.405,
      "status": "official",
      "checked": "2015-03"
    },
    {
      "slug": "openstack-leipzig",
      "name": "OpenStack Leipzig",
      "city": "Leipzig",
      "country": "DE",
      "lat": 51.34,
      "lon": 12.37,
      "status": "new",
      "links": [
        {
          "kind": "website",
          "url": "https://example.org/leipzig"
        }
      ],
      "description": "Monthly meetups about running OpenStack in Saxony.",
      "checked": "2026-11"
    }
  ]
}
"#;
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("groups.json");
    std::fs::write(&file, today).unwrap();
    let site = start_with(true, |config| groups_server::Config { groups: file.clone(), ..config }).await;
    let response = reqwest::get(format!("{}/groups.json", site.base)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), today, "the published directory, byte for byte");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), today, "and the file as it was");
    assert!(ok(staff(&site, &["groups", "history", "openstack-leipzig"])).contains("seeded"));

    // A hand edit that breaks the file no longer touches the site: the database is the source.
    std::fs::write(&site.groups, "{\"version\": 1, \"gro").unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (status, body) = {
        let response = reqwest::get(format!("{}/groups/berlin", site.base)).await.unwrap();
        (response.status(), response.text().await.unwrap())
    };
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<h1 dir=\"auto\">OpenStack Berlin</h1>"), "{body}");
    assert_eq!(common::slugs(&published(&site).await), ["berlin", "openstack-leipzig"]);
}
