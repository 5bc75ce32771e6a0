//! What the server's tests share: a small built site, a server running it on a free loopback
//! port with its own database, the staff commands run as staff would run them, and helpers
//! that fail loudly (a check that nothing was stored cannot pass because the database could not
//! be read); a local mail relay (`relay`) and a scripted calendar feed server (`feed_server`).
//! A crate of its own, so each test binary uses what it needs and nothing is dead code.

pub mod feed_server;
pub mod relay;

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
    process::{Command, Output},
    time::{Duration, Instant},
};

use groups_core::request::{GroupRequest, Organizer};
use groups_server::{app, bind, Config};
use reqwest::{header, StatusCode};
use serde_json::Value;

/// Trunk's start script, whose hash the server's policy carries.
pub const LOADER: &str = "\nimport init from '/groups-portal-0123456789abcdef.js';\nawait init();\n";

/// The directory a fresh site starts from.
pub const SEED: &str = r#"{"version": 1, "groups": [{"slug": "berlin", "name": "OpenStack <Berlin>", "city": "Berlin",
    "country": "DE", "lat": 52.52, "lon": 13.405, "status": "official", "checked": "2015-03",
    "links": [{"kind": "meetup", "url": "https://example.org/berlin"}]}]}"#;

const HEAD: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">";

/// A small `dist/` shaped like the build's: the shell with its start script, one hashed
/// script (and its brotli), `groups.json`, and with `pages` the pre-rendered documents.
pub fn fake_dist(dir: &Path, pages: bool) {
    let index =
        format!("{HEAD}<title>shell</title><script type=\"module\">{LOADER}</script></head><body></body></html>");
    std::fs::write(dir.join("index.html"), index).unwrap();
    std::fs::write(dir.join("groups-portal-0123456789abcdef.js"), "export default 1;").unwrap();
    std::fs::write(dir.join("groups-portal-0123456789abcdef.js.br"), b"\x0b\x08\x80export default 1;\x03").unwrap();
    std::fs::write(dir.join("groups.json"), SEED).unwrap();
    if !pages {
        return;
    }
    let documents = dir.join("_pages");
    std::fs::create_dir_all(documents.join("content")).unwrap();
    let doc = |title: &str, body: &str| format!("{HEAD}<title>{title}</title></head><body>{body}</body></html>");
    let write = |name: &str, html: String| std::fs::write(documents.join(name), html).unwrap();
    write("home.html", doc("Home", "<h1>Find a group</h1><noscript><!--slot:body--></noscript>"));
    write("new-group.html", doc("Start a group", "<h1>Start a user group</h1>"));
    write("not-found.html", doc("Page not found", "<h1>Page not found</h1><code>/__requested_path__</code>"));
    write("content/privacy.html", doc("Privacy policy", "<h1>Privacy policy</h1>"));
    write("groups.html", doc("Groups", "<h1>User groups</h1><noscript><!--slot:body--></noscript>"));
    write("meetings.html", doc("Meetings", "<h1>Meetings</h1><noscript><!--slot:body--></noscript>"));
    write("group.html", format!("{HEAD}<!--slot:head--></head><body><div><!--slot:body--></div></body></html>"));
    // Japanese's, with the language switcher's links that the server completes.
    std::fs::create_dir_all(documents.join("ja")).unwrap();
    let switcher = |path: &str| format!("<a href=\"{path}\" hreflang=\"en\">English</a>");
    let doc_ja = |title: &str, body: &str| {
        format!("<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>{body}</body></html>")
    };
    write("ja/home.html", doc_ja("ホーム", "<h1>近くのグループを探す</h1><noscript><!--slot:body--></noscript>"));
    write("ja/groups.html", doc_ja("グループ", "<h1>ユーザーグループ</h1><noscript><!--slot:body--></noscript>"));
    write(
        "ja/not-found.html",
        doc_ja(
            "ページが見つかりません",
            &format!(
                "<h1>ページが見つかりません</h1><code>/ja/__requested_path__</code>{}",
                switcher("/__requested_path__")
            ),
        ),
    );
    write(
        "ja/group.html",
        format!(
            "<!DOCTYPE html><html lang=\"ja\"><head><!--slot:head--></head><body>{}<div><!--slot:body--></div></body></html>",
            switcher("/groups/__group_slug__")
        ),
    );
    write(
        "pages.json",
        r#"{"origin": "https://groups.example.org", "site_name": "OpenStack User Groups",
            "pages": [{"path": "privacy", "aliases": ["privacy-policy"], "lastmod": "2026-11-28"}]}"#
            .to_owned(),
    );
}

/// A running server with its own site, database and directory file; they go when it is
/// dropped (the server stops with the test's runtime).
pub struct Site {
    pub addr: SocketAddr,
    pub base: String,
    pub dist: PathBuf,
    pub db: PathBuf,
    /// Where the server writes the directory as `groups.json`.
    pub groups: PathBuf,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

/// Starts a server on a site with pre-rendered pages and the default settings.
pub async fn start() -> Site {
    start_with(true, |config| config).await
}

/// Starts a server on a site (with or without pages), its settings changed by `configure`.
pub async fn start_with(pages: bool, configure: impl FnOnce(Config) -> Config) -> Site {
    let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    fake_dist(dist.path(), pages);
    let db = data.path().join("var/requests.db");
    let config = configure(Config::new(dist.path(), &db));
    let groups = config.groups.clone();
    let app = app(&config).expect("the server accepts the test's site");
    let listener = bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(groups_server::serve::serve(listener, app, config.limits, std::future::pending()));
    Site { addr, base: format!("http://{addr}"), dist: dist.path().to_path_buf(), db, groups, _dirs: (dist, data) }
}

/// The `groups-server` binary cargo built for the test that runs: beside the test's own
/// `deps/` folder (cargo builds a package's binaries before its integration tests).
pub fn server_binary() -> PathBuf {
    let test = std::env::current_exe().expect("the test's own path");
    let target = test.parent().and_then(Path::parent).expect("target/<profile>/deps/<test>");
    let binary = target.join(format!("groups-server{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.is_file(), "no {}: run the server's tests with cargo test -p groups-server", binary.display());
    binary
}

/// A valid request with this group name and one organiser at `email`.
pub fn request(name: &str, email: &str) -> GroupRequest {
    let mut request = groups_core::fixtures::valid_request_for(groups_server::terms::TERMS);
    request.group.name = name.into();
    request.organizers = vec![Organizer { name: "Ada Example".into(), email: email.into() }];
    request
}

/// `POST /api/group-requests` with `key`: the status, the JSON answer (null if none) and the
/// headers.
pub async fn post(
    addr: SocketAddr,
    key: &str,
    body: impl Into<reqwest::Body>,
) -> (StatusCode, Value, header::HeaderMap) {
    try_post(addr, key, body).await.unwrap()
}

/// [`post`], or the transport's error (a connection refused or reset) for a test that sends
/// as a client under load would, retrying under the same key as the form does.
pub async fn try_post(
    addr: SocketAddr,
    key: &str,
    body: impl Into<reqwest::Body>,
) -> Result<(StatusCode, Value, header::HeaderMap), reqwest::Error> {
    let response = reqwest::Client::new()
        .post(format!("http://{addr}/api/group-requests"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("Idempotency-Key", key)
        .body(body)
        .timeout(Duration::from_secs(30))
        .send()
        .await?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.json().await.unwrap_or(Value::Null);
    Ok((status, body, headers))
}

/// Sends `request` under a new key; its reference (it must be stored).
pub async fn send(site: &Site, request: &GroupRequest) -> String {
    let key = uuid::Uuid::new_v4().to_string();
    let (status, body, _) = post(site.addr, &key, serde_json::to_string(request).unwrap()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    body["id"].as_str().unwrap().to_owned()
}

/// Runs `groups-server <args>` against the site's files, as staff `ann` would.
pub fn staff(site: &Site, args: &[&str]) -> Output {
    staff_on(&site.db, &site.groups, &site.dist, args)
}

pub fn staff_on(db: &Path, groups: &Path, dist: &Path, args: &[&str]) -> Output {
    Command::new(server_binary())
        .args(args)
        .arg("--db")
        .arg(db)
        .arg("--groups")
        .arg(groups)
        .arg("--dist")
        .arg(dist)
        .args(["--by", "ann"])
        .output()
        .unwrap()
}

/// What a command printed, which must have succeeded.
pub fn ok(output: Output) -> String {
    let (out, err) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "failed ({}): {out}{err}", output.status);
    out.into_owned()
}

/// What a refused command said on standard error (it must have exited with 1).
pub fn refused(output: Output) -> String {
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stdout));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every stored request as `requests export` prints it; the database must be readable.
pub fn exported(site: &Site) -> Vec<Value> {
    ok(staff(site, &["requests", "export"])).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// `/groups.json` as the server publishes it now.
pub async fn published(site: &Site) -> Value {
    let response = reqwest::get(format!("{}/groups.json", site.base)).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CACHE_CONTROL], "no-cache");
    response.json().await.unwrap()
}

/// The slugs of a published directory.
pub fn slugs(directory: &Value) -> Vec<String> {
    directory["groups"].as_array().unwrap().iter().map(|g| g["slug"].as_str().unwrap().to_owned()).collect()
}

/// Waits until the server publishes a directory with exactly `expected` slugs: a change made
/// by another process (a staff command) is published within a second or so.
pub async fn wait_for_slugs(site: &Site, expected: &[&str]) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let directory = published(site).await;
        if slugs(&directory) == expected {
            return directory;
        }
        assert!(Instant::now() < deadline, "the published directory is {:?}, not {expected:?}", slugs(&directory));
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Every byte of the database and its `-wal` and `-shm` files, read by another process.
///
/// Not by this one: POSIX locks belong to a process, not to a descriptor, so opening and
/// closing these files here would silently drop the locks the server running in this process
/// holds on them. A staff command (another process) would then take the database for unused,
/// truncate its shared-memory file, and the server, which has it mapped, would die of SIGBUS.
pub fn database_bytes(db: &Path) -> Vec<u8> {
    let files: Vec<PathBuf> = ["", "-wal", "-shm"]
        .iter()
        .map(|suffix| PathBuf::from(format!("{}{suffix}", db.display())))
        .filter(|file| file.exists())
        .collect();
    assert!(!files.is_empty(), "no database at {}", db.display());
    let output = Command::new("cat").args(&files).output().expect("cat reads the database's files");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Now plus `months` months (of 31 days: at least as far), as `--now` takes it.
pub fn in_months(months: u64) -> String {
    groups_server::clock::Timestamp::now().plus(Duration::from_secs(months * 31 * 24 * 3600)).to_string()
}
