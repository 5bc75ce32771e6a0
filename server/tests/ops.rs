//! Running the portal for years, tested on the real binary where it matters: a backup taken
//! under load restores every acknowledged request; bad copies are refused with nothing
//! replaced; a restore erases again what was erased after the backup; readiness follows the
//! database file; the metrics parse with Prometheus' own parser and move with traffic; SIGTERM
//! lets a request in flight finish and exits 0; the log holds no key, address or typed text.

use groups_testkit as common;

use std::{
    collections::BTreeSet,
    io::{BufRead, BufReader},
    net::SocketAddr,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use common::{fake_dist, ok, post, refused, request, staff_on};
use reqwest::StatusCode;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The real server, started as a supervisor would, on its own site and database.
struct Server {
    child: Child,
    /// What it writes to stderr, read as it comes (a full pipe would stop it).
    log: Arc<Mutex<String>>,
    addr: SocketAddr,
    metrics: Option<SocketAddr>,
    dist: PathBuf,
    db: PathBuf,
    groups: PathBuf,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

impl Server {
    /// Starts `groups-server serve` with a raised rate limit, `extra` options and `env`.
    fn start(extra: &[&str], env: &[(&str, &str)]) -> Server {
        let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        fake_dist(dist.path(), true);
        let db = data.path().join("var/requests.db");
        let groups = data.path().join("var/groups.json");
        let mut command = Command::new(common::server_binary());
        command
            .args(["serve", "--addr", "127.0.0.1:0", "--meetings-refresh", "0", "--rate-limit-burst", "100000"])
            .args(["--rate-limit-period", "0.001", "--dist"])
            .arg(dist.path())
            .arg("--db")
            .arg(&db)
            .arg("--groups")
            .arg(&groups)
            .args(extra)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let reading = log.clone();
        std::thread::spawn(move || {
            let mut line = String::new();
            while stderr.read_line(&mut line).is_ok_and(|n| n > 0) {
                reading.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let address = |line: &str| -> SocketAddr {
            let rest = line.split("http://").nth(1).unwrap_or_else(|| panic!("the server said {line:?}"));
            rest.split('/').next().unwrap().parse().unwrap()
        };
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let addr = address(&line);
        let served = extra.windows(2).any(|pair| pair[0] == "--metrics-addr" && pair[1] != "off");
        let metrics = served.then(|| {
            let mut line = String::new();
            out.read_line(&mut line).unwrap();
            address(&line)
        });
        Server { child, log, addr, metrics, dist: dist.path().into(), db, groups, _dirs: (dist, data) }
    }

    fn staff(&self, args: &[&str]) -> std::process::Output {
        staff_on(&self.db, &self.groups, &self.dist, args)
    }

    fn terminate(&self) {
        // SAFETY: a plain signal to our own child's process id.
        assert_eq!(unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) }, 0);
    }

    /// Waits (bounded) for the server to exit: its exit code, what it wrote to stderr, and its
    /// files, kept for what follows.
    fn wait(mut self) -> Stopped {
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "the server did not stop within 30 s of SIGTERM");
            std::thread::sleep(Duration::from_millis(20));
        };
        // The reader ends with the process's stderr.
        std::thread::sleep(Duration::from_millis(100));
        let log = self.log.lock().unwrap().clone();
        let files = std::mem::replace(&mut self._dirs, (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap()));
        Stopped { code: status.code(), log, _files: files }
    }
}

/// A server that has exited.
struct Stopped {
    code: Option<i32>,
    log: String,
    _files: (tempfile::TempDir, tempfile::TempDir),
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `groups-server <args>` with these files.
fn command(db: &Path, groups: &Path, args: &[&str]) -> std::process::Output {
    Command::new(common::server_binary()).args(args).arg("--db").arg(db).arg("--groups").arg(groups).output().unwrap()
}

fn exported_ids(db: &Path, groups: &Path) -> BTreeSet<String> {
    ok(command(db, groups, &["requests", "export"]))
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_under_load_restores_every_acknowledged_request_and_erases_again() {
    let server = Server::start(&["--metrics-addr", "off"], &[]);
    let addr = server.addr;
    // Requests sent without pause, each acknowledged one remembered; approvals beside them.
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sending = {
        let (acknowledged, done) = (acknowledged.clone(), done.clone());
        tokio::spawn(async move {
            for n in 0..20_000 {
                let body = serde_json::to_string(&request(&format!("Group {n}"), "ada@example.org")).unwrap();
                let key = uuid::Uuid::new_v4().to_string();
                // As the form does: a connection lost on the way (seen once on a loaded
                // machine) is tried again under the same key; only a 201 counts.
                let mut answered = None;
                for _ in 0..5 {
                    match common::try_post(addr, &key, body.clone()).await {
                        Ok((status, answer, _)) => {
                            answered = Some((status, answer));
                            break;
                        }
                        Err(error) => {
                            eprintln!("request {n}: {error}; sent again");
                            tokio::time::sleep(Duration::from_millis(50)).await;
                        }
                    }
                }
                let (status, answer) = answered.expect("the server answers within five tries");
                if status == StatusCode::CREATED {
                    acknowledged.lock().unwrap().push(answer["id"].as_str().unwrap().to_owned());
                }
                if done.load(std::sync::atomic::Ordering::Relaxed) {
                    break;
                }
            }
        })
    };
    let wait_for = |count: usize| {
        let acknowledged = acknowledged.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(60);
            while acknowledged.lock().unwrap().len() < count {
                assert!(Instant::now() < deadline, "fewer than {count} requests were answered");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    };
    wait_for(20).await;
    // Approve a few as staff would, while requests keep arriving.
    let approve: Vec<String> = acknowledged.lock().unwrap()[..3].to_vec();
    for (n, id) in approve.iter().enumerate() {
        let slug = format!("group-{n}");
        // Off the runtime's worker, so that the requests keep coming meanwhile.
        let approve = ["requests", "approve", id, "--slug", &slug, "--lat", "1", "--lon", "2"];
        let said = ok(tokio::task::block_in_place(|| server.staff(&approve)));
        assert!(said.contains(&slug), "{said}");
    }
    // A backup during which requests were answered, so the test proves something: a fast
    // copy on a loaded machine can fall between two answers, so it is taken again (into a
    // fresh folder) until one overlaps, a bounded number of times.
    let (mut before, mut during, mut folder, mut said) = (Vec::new(), 0, tempfile::tempdir().unwrap(), String::new());
    for _ in 0..30 {
        before = acknowledged.lock().unwrap().clone();
        folder = tempfile::tempdir().unwrap();
        let backup = ["backup", folder.path().to_str().unwrap(), "--keep", "2"];
        said = ok(tokio::task::block_in_place(|| server.staff(&backup)));
        during = acknowledged.lock().unwrap().len();
        if during > before.len() {
            break;
        }
    }
    println!("{said}");
    wait_for(during + 20).await;
    assert!(during > before.len(), "requests were answered while the backup was written: the test proves something");
    println!("answered 201 before the backup started: {}, by the time it ended: {during}", before.len());
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    sending.await.unwrap();
    let copies: Vec<PathBuf> = std::fs::read_dir(folder.path()).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy = &copies[0];
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(copy).unwrap().permissions().mode() & 0o777, 0o600, "private like the database");
    }

    // One request answered before the backup is erased after it.
    let erased = before[5].clone();
    ok(server.staff(&["requests", "delete", &erased]));

    // Not with the server running.
    let refusal = refused(server.staff(&["restore", copy.to_str().unwrap()]));
    assert!(refusal.contains("a running server uses") && refusal.contains("nothing was replaced"), "{refusal}");
    server.terminate();
    let (db, groups) = (server.db.clone(), server.groups.clone());
    let stopped = server.wait();
    assert_eq!(stopped.code, Some(0), "{}", stopped.log);

    let said = ok(command(&db, &groups, &["restore", copy.to_str().unwrap()]));
    println!("{said}");
    assert!(said.contains("integrity ok"), "{said}");
    assert!(
        said.contains(&format!("erased again, as they were erased after the backup was taken: {erased}")),
        "{said}"
    );
    assert!(said.contains(".replaced-"), "the replaced file is kept aside: {said}");
    let held = exported_ids(&db, &groups);
    let missing: Vec<&String> = before.iter().filter(|id| **id != erased && !held.contains(*id)).collect();
    assert!(missing.is_empty(), "answered 201 before the backup, not in the restored database: {missing:?}");
    assert!(!held.contains(&erased), "an erased request came back");
    println!(
        "the restored database holds {} requests; all {} answered before the backup but the one erased",
        held.len(),
        before.len()
    );
    let directory: Value = serde_json::from_str(&std::fs::read_to_string(&groups).unwrap()).unwrap();
    let slugs = common::slugs(&directory);
    assert!(slugs.iter().any(|s| s == "group-2"), "the approvals are in the copy: {slugs:?}");
}

#[tokio::test]
async fn a_damaged_truncated_or_newer_copy_is_refused_and_nothing_replaced() {
    let site = common::start().await;
    common::send(&site, &request("Lisbon", "ada@example.org")).await;
    let folder = tempfile::tempdir().unwrap();
    let good = folder.path().join("good.db");
    let said = ok(common::staff(&site, &["backup", good.to_str().unwrap()]));
    assert!(said.contains("1 requests") && said.contains("integrity ok"), "{said}");

    // The database a restore would replace: a good copy put in place.
    let target = folder.path().join("live/requests.db");
    let groups = folder.path().join("live/groups.json");
    ok(command(&target, &groups, &["restore", good.to_str().unwrap()]));
    let before = std::fs::read(&target).unwrap();

    let bytes = std::fs::read(&good).unwrap();
    let damaged = folder.path().join("damaged.db");
    let mut broken = bytes.clone();
    let page = 4096;
    for byte in &mut broken[page + 8..2 * page] {
        *byte = 0x5a;
    }
    std::fs::write(&damaged, broken).unwrap();
    let truncated = folder.path().join("truncated.db");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let newer = folder.path().join("newer.db");
    std::fs::write(&newer, &bytes).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 999).unwrap();
    let text = folder.path().join("notes.txt");
    std::fs::write(&text, "these are not the droids you are looking for\n".repeat(200)).unwrap();

    for (file, expected) in [
        (&damaged, "damaged"),
        (&truncated, ""),
        (&newer, "written by a newer release (schema 999"),
        (&text, "not a readable SQLite database"),
    ] {
        let said = refused(command(&target, &groups, &["restore", file.to_str().unwrap()]));
        println!("{said}");
        assert!(said.contains("was not restored") && said.contains("nothing was replaced"), "{said}");
        assert!(said.contains(expected), "{said}");
        assert_eq!(std::fs::read(&target).unwrap(), before, "the database is untouched");
        let left: Vec<String> = std::fs::read_dir(target.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with(".restore") || n.contains("replaced"))
            .collect();
        assert!(left.is_empty(), "nothing left behind: {left:?}");
    }
}

/// GET `path`: the status and the body.
async fn get(base: &str, path: &str) -> (StatusCode, String) {
    let response = reqwest::get(format!("{base}{path}")).await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// `chattr` on `path`; false where the file system does not support it.
fn chattr(flag: &str, path: &Path) -> bool {
    Command::new("chattr").arg(flag).arg(path).output().is_ok_and(|o| o.status.success())
}

#[tokio::test]
async fn readiness_follows_the_database_file() {
    let site = common::start().await;
    assert_eq!(get(&site.base, "/healthz").await.0, StatusCode::OK);
    let (status, body) = get(&site.base, "/readyz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, r#"{"status":"ready","reasons":[]}"#));

    // Read-only for root too: the immutable attribute, which no write gets past.
    if chattr("+i", &site.db) {
        let (status, body) = get(&site.base, "/readyz").await;
        assert!(chattr("-i", &site.db));
        println!("read-only: {status} {body}");
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(body.contains("cannot be opened for writing"), "{body}");
        assert_eq!(get(&site.base, "/healthz").await.0, StatusCode::OK, "alive all the same");
        assert_eq!(get(&site.base, "/readyz").await.0, StatusCode::OK, "back when it is writable");
    } else {
        eprintln!("skipped the read-only case: chattr +i is not supported here");
    }

    // Missing: moved away, then a folder in its place.
    let away = site.db.with_extension("away");
    std::fs::rename(&site.db, &away).unwrap();
    let (status, body) = get(&site.base, "/readyz").await;
    println!("missing: {status} {body}");
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("cannot be opened for writing"), "{body}");
    std::fs::create_dir(&site.db).unwrap();
    assert_eq!(get(&site.base, "/readyz").await.0, StatusCode::SERVICE_UNAVAILABLE);
    std::fs::remove_dir(&site.db).unwrap();
    std::fs::rename(&away, &site.db).unwrap();
    assert_eq!(get(&site.base, "/readyz").await.0, StatusCode::OK, "back when it returns");

    // The site's build gone.
    std::fs::rename(site.dist.join("index.html"), site.dist.join("index.away")).unwrap();
    let (status, body) = get(&site.base, "/readyz").await;
    assert!(status == StatusCode::SERVICE_UNAVAILABLE && body.contains("built site is missing"), "{body}");
    std::fs::rename(site.dist.join("index.away"), site.dist.join("index.html")).unwrap();
}

/// One sample: its name, its labels and its value.
type Sample = (String, serde_json::Map<String, Value>, f64);

/// The metrics as Prometheus' own parser (the Python client's) reads them: (name, labels,
/// value) for each sample; `None` where the tools' Python environment is missing.
fn parse_metrics(text: &str) -> Option<Vec<Sample>> {
    let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tools/venv/bin/python");
    if !python.is_file() {
        assert!(std::env::var_os("GROUPS_REQUIRE_TOOLS").is_none(), "no {}", python.display());
        eprintln!("skipped: no Prometheus parser without {} (`cargo xtask setup`)", python.display());
        return None;
    }
    let script = r##"
import json, sys
from prometheus_client.openmetrics.parser import text_string_to_metric_families
from prometheus_client.parser import text_string_to_metric_families as classic
text = sys.stdin.read()
# Prometheus' classic text parser reads it too (without the OpenMetrics end marker).
list(classic(text.replace("# EOF\n", "")))
print(json.dumps([[s.name, s.labels, s.value] for f in text_string_to_metric_families(text) for s in f.samples]))
"##;
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "the parser refused the metrics: {}", String::from_utf8_lossy(&output.stderr));
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

fn sample(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .filter(|(n, l, _)| n == name && labels.iter().all(|(k, v)| l.get(*k).and_then(Value::as_str) == Some(*v)))
        .map(|(_, _, v)| v)
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_metrics_parse_and_move_with_traffic_feeds_and_mail() {
    let relay = common::relay::Relay::start(None);
    let relay_url = relay.as_ref().map(|r| r.url());
    let mut extra = vec!["--metrics-addr", "127.0.0.1:0", "--insecure-feeds"];
    if let Some(url) = &relay_url {
        extra.extend(["--smtp", url, "--mail-from", "groups@example.org", "--staff-mail", "staff@example.org"]);
    }
    let server = Server::start(&extra, &[]);
    let metrics = format!("http://{}", server.metrics.unwrap());
    let base = format!("http://{}", server.addr);
    let scrape = || async { get(&metrics, "/metrics").await.1 };

    // A feed for the seeded group, read by the staff's command.
    let feeds = common::feed_server::FeedServer::start("127.0.0.1").await;
    let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:m1@test\r\n\
        DTSTAMP:20260101T000000Z\r\nDTSTART:20260110T180000Z\r\nSUMMARY:Talks\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    feeds.route("/berlin.ics", common::feed_server::Reply::Feed { body: calendar.into(), etag: "\"v1\"" });
    ok(server.staff(&["groups", "calendar", "berlin", &feeds.url("/berlin.ics"), "--insecure-feeds"]));
    ok(server.staff(&["meetings", "refresh", "--insecure-feeds"]));

    let first = scrape().await;
    for _ in 0..3 {
        let body = serde_json::to_string(&request("Metrics Group", "grace@example.org")).unwrap();
        assert_eq!(post(server.addr, &uuid::Uuid::new_v4().to_string(), body).await.0, StatusCode::CREATED);
    }
    let (status, _, _) = post(server.addr, "not-json-key", "{").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&base, "/groups/berlin").await.0, StatusCode::OK);
    assert_eq!(get(&base, "/groups/nowhere-at-all").await.0, StatusCode::NOT_FOUND);
    let wrong = serde_json::json!({ "access": "GR-AAAA-AAAA.wrongkeywrongkeywrongkey" }).to_string();
    reqwest::Client::new()
        .post(format!("{base}/api/organiser"))
        .header("content-type", "application/json")
        .body(wrong)
        .send()
        .await
        .unwrap();
    if let Some(relay) = &relay {
        // A receipt and a notice to staff for each request.
        let deadline = Instant::now() + Duration::from_secs(30);
        while relay.messages().len() < 6 {
            assert!(Instant::now() < deadline, "the mail was not sent");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let text = scrape().await;
    println!("{text}");
    assert!(!text.contains("grace@") && !text.contains("Metrics Group") && !text.contains("nowhere-at-all"), "{text}");
    let Some(before) = parse_metrics(&first) else { return };
    let after = parse_metrics(&text).unwrap();
    let moved = |name: &str, labels: &[(&str, &str)]| sample(&after, name, labels) - sample(&before, name, labels);
    let created = [("route", "/api/group-requests"), ("method", "POST"), ("status", "201")];
    assert_eq!(moved("groups_http_answers_total", &created), 3.0);
    assert_eq!(moved("groups_inbox_received_total", &[]), 3.0);
    assert_eq!(moved("groups_inbox_refused_total", &[("reason", "bad-request")]), 1.0);
    assert_eq!(moved("groups_http_answers_total", &[("route", "page"), ("status", "404")]), 1.0);
    assert_eq!(moved("groups_organiser_key_failures_total", &[]), 1.0);
    assert!(moved("groups_http_answer_duration_seconds_count", &[("route", "/api/group-requests")]) >= 4.0);
    assert_eq!(sample(&after, "groups_directory_groups", &[]), 1.0);
    assert!(sample(&after, "groups_directory_revision", &[]) >= 1.0);
    assert!(after.iter().any(|(n, l, _)| n == "groups_feed_last_success_age_seconds" && l["slug"] == "berlin"));
    assert_eq!(sample(&after, "groups_feed_errors", &[("slug", "berlin")]), 0.0);
    assert_eq!(sample(&after, "groups_meetings_held", &[]), 1.0);
    assert!(sample(&after, "groups_database_disk_free_bytes", &[]) > 0.0);
    if relay.is_some() {
        assert_eq!(sample(&after, "groups_outbox_queued", &[]), 0.0, "all sent");
        assert_eq!(sample(&after, "groups_outbox_failed", &[]), 0.0);
    }
    // No label holds a raw path or anything typed.
    for (_, labels, _) in &after {
        for value in labels.values() {
            let value = value.as_str().unwrap();
            assert!(!value.contains('@') && !value.contains("nowhere"), "{value}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_a_request_in_flight_finish_and_exits_0_and_the_log_holds_nothing_personal() {
    let server = Server::start(&["--metrics-addr", "off", "--log-format", "json"], &[("RUST_LOG", "trace")]);
    let addr = server.addr;
    let body = serde_json::to_string(&request("Shutdown <Typed> Name", "hedy-in-flight@example.org")).unwrap();
    // The headers and half the body, then the signal, then the rest.
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/group-requests HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Idempotency-Key: {}\r\nContent-Length: {}\r\n\r\n",
        uuid::Uuid::new_v4(),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let (half, rest) = body.as_bytes().split_at(body.len() / 2);
    stream.write_all(half).await.unwrap();
    stream.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.terminate();
    // It stops accepting: a new connection is refused once the signal is handled.
    let deadline = Instant::now() + Duration::from_secs(10);
    while tokio::net::TcpStream::connect(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "still accepting 10 s after SIGTERM");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stream.write_all(rest).await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(20), stream.read_to_string(&mut answer)).await.unwrap().unwrap();
    println!("{}", answer.lines().next().unwrap_or_default());
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let key = answer.split("\"key\":\"").nth(1).and_then(|k| k.split('"').next()).expect("the organiser's key");
    let Stopped { code, log, .. } = server.wait();
    assert_eq!(code, Some(0), "{log}");
    for line in log.lines() {
        let event: Value = serde_json::from_str(line).unwrap_or_else(|_| panic!("not a JSON line: {line}"));
        assert!(event["level"].is_string(), "{line}");
    }
    assert!(log.contains("stopping") && log.contains("\"stopped\""), "{log}");
    for secret in [key, "hedy-in-flight", "Shutdown", "Typed"] {
        assert!(!log.contains(secret), "{secret} is in the log:\n{log}");
    }
}

#[tokio::test]
async fn every_cacheable_answer_carries_its_validators_and_the_rest_is_never_stored() {
    let site = common::start().await;
    let client = reqwest::Client::new();
    let fetch = |path: &str, tag: Option<&str>| {
        let mut request = client.get(format!("{}{path}", site.base)).header("accept-encoding", "br, gzip");
        if let Some(tag) = tag {
            request = request.header("if-none-match", tag);
        }
        request.send()
    };
    let cacheable = [
        ("/groups-portal-0123456789abcdef.js", "public, max-age=31536000, immutable"),
        ("/groups.json", "no-cache"),
        ("/meetings.json", "no-cache"),
        ("/meetings.ics", "no-cache"),
        ("/groups/berlin/meetings.ics", "no-cache"),
        ("/robots.txt", "no-cache"),
        ("/sitemap.xml", "no-cache"),
    ];
    for (path, policy) in cacheable {
        let response = fetch(path, None).await.unwrap();
        let headers = response.headers().clone();
        let said = format!("{path}: {headers:?}");
        assert_eq!(response.status(), StatusCode::OK, "{said}");
        assert_eq!(headers["cache-control"], policy, "{said}");
        let etag = headers.get("etag").unwrap_or_else(|| panic!("no ETag: {said}")).to_str().unwrap().to_owned();
        if headers.contains_key("content-encoding") {
            assert!(
                headers.get("vary").is_some_and(|v| v.to_str().unwrap().to_lowercase().contains("accept-encoding")),
                "a compressed answer says it varies: {said}"
            );
        }
        let again = fetch(path, Some(&etag)).await.unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path} revalidates");
        assert_eq!(again.headers()["cache-control"], policy, "{path}: a 304 renews the same policy");
        assert_eq!(again.headers()["etag"], etag.as_str(), "{path}");
    }
    for path in ["/", "/groups/berlin", "/new-group", "/api/health", "/healthz", "/readyz", "/nowhere"] {
        let response = fetch(path, None).await.unwrap();
        assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
    }
}

#[test]
fn the_service_units_pass_systemd_analyze_and_the_server_is_rated_well() {
    if Command::new("systemd-analyze").arg("--version").output().is_err() {
        eprintln!("skipped: no systemd-analyze on this machine");
        return;
    }
    // The units as shipped, with ExecStart pointing at the binary just built (verify checks
    // that it exists and is executable).
    let deploy = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../deploy");
    let binary = common::server_binary();
    let dir = tempfile::tempdir().unwrap();
    let mut units = Vec::new();
    for entry in std::fs::read_dir(&deploy).unwrap() {
        let shipped = entry.unwrap().path();
        let unit = std::fs::read_to_string(&shipped)
            .unwrap()
            .replace("/usr/local/bin/groups-server", binary.to_str().unwrap());
        let path = dir.path().join(shipped.file_name().unwrap());
        std::fs::write(&path, unit).unwrap();
        units.push(path);
    }
    assert_eq!(units.len(), 3, "the server, its backup and the backup's timer: {units:?}");
    let verify = Command::new("systemd-analyze").arg("verify").args(&units).output().unwrap();
    let said = String::from_utf8_lossy(&verify.stderr);
    assert!(verify.status.success() && said.trim().is_empty(), "systemd-analyze verify: {said}");
    let path = dir.path().join("groups-server.service");
    let security = Command::new("systemd-analyze").args(["security", "--offline=true"]).arg(&path).output().unwrap();
    let text = String::from_utf8_lossy(&security.stdout);
    let overall = text.lines().find(|l| l.contains("Overall exposure level")).unwrap_or_else(|| panic!("{text}"));
    println!("{overall}");
    let score: f64 = overall.split(": ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().parse().unwrap();
    assert!(score <= 2.0, "the unit is exposed more than it need be: {overall}");
}
