//! The site server over real HTTP on 127.0.0.1: routes, files, fallbacks and headers, and the
//! binary's own messages when it cannot start.

use groups_testkit as common;

use std::{net::SocketAddr, path::Path, process::Command};

use common::{fake_dist, LOADER};
use groups_server::{app, bind, serve, Config};
use reqwest::{header, StatusCode};

/// Starts the server on `dist` (a site without pre-rendered pages: the shell answers every
/// page) on a free port; it stops when the test's runtime ends. Keep the returned data folder
/// alive while the server runs.
async fn start(dist: &Path) -> (SocketAddr, tempfile::TempDir) {
    let data = tempfile::tempdir().unwrap();
    let app = app(&Config::new(dist, data.path().join("requests.db"))).unwrap();
    let listener = bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app, std::future::pending()));
    (addr, data)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().timeout(std::time::Duration::from_secs(10)).build().unwrap()
}

#[tokio::test]
async fn the_home_page_carries_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    fake_dist(dir.path(), false);
    let (addr, _data) = start(dir.path()).await;

    let response = client().get(format!("http://{addr}/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers();
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(headers.contains_key(header::REFERRER_POLICY));
    assert_eq!(headers["cross-origin-opener-policy"], "same-origin");
    // The site may ask for the visitor's location ("Use my location"), no other origin may,
    // and nothing else powerful is allowed.
    assert_eq!(headers["permissions-policy"], "camera=(), microphone=(), geolocation=(self), payment=(), usb=()");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(response.text().await.unwrap().contains(LOADER));
}

#[tokio::test]
async fn app_routes_get_the_app_and_missing_files_get_404() {
    let dir = tempfile::tempdir().unwrap();
    fake_dist(dir.path(), false);
    let (addr, _data) = start(dir.path()).await;
    let client = client();

    for path in ["/groups", "/groups/berlin", "/content/organizer-tips", "/no/such/page"] {
        let response = client.get(format!("http://{addr}{path}")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "no-store", "{path}");
        assert!(response.text().await.unwrap().contains("<!DOCTYPE html>"), "{path}");
    }

    let response = client.get(format!("http://{addr}/missing.js")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.headers().contains_key(header::CONTENT_SECURITY_POLICY));
}

#[tokio::test]
async fn hashed_assets_are_precompressed_and_cached_for_a_year() {
    let dir = tempfile::tempdir().unwrap();
    fake_dist(dir.path(), false);
    let (addr, _data) = start(dir.path()).await;
    let url = format!("http://{addr}/groups-portal-0123456789abcdef.js");

    let response = client().get(&url).header(header::ACCEPT_ENCODING, "br").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=31536000, immutable");

    // A client that accepts no compression gets the file as it is.
    let response = client().get(&url).send().await.unwrap();
    assert!(!response.headers().contains_key(header::CONTENT_ENCODING));
    assert_eq!(response.text().await.unwrap(), "export default 1;");

    let data = client().get(format!("http://{addr}/groups.json")).send().await.unwrap();
    assert_eq!(data.headers()[header::CACHE_CONTROL], "no-cache");
}

#[tokio::test]
async fn the_api_answers_json_and_never_the_app() {
    let dir = tempfile::tempdir().unwrap();
    fake_dist(dir.path(), false);
    let (addr, _data) = start(dir.path()).await;

    let health = client().get(format!("http://{addr}/api/health")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let body: serde_json::Value = health.json().await.unwrap();
    assert_eq!(body["status"], "ok");

    let missing = client().get(format!("http://{addr}/api/nothing-here")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let body: serde_json::Value = missing.json().await.unwrap();
    assert!(body["error"].is_string());
    assert!(body["fields"].is_object());
}

#[test]
fn a_missing_dist_says_how_to_build_it_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(common::server_binary())
        .args(["serve", "--addr", "127.0.0.1:0", "--dist"])
        .arg(dir.path().join("dist"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no built site"), "{stderr}");
    assert!(stderr.contains("cargo xtask run"), "{stderr}");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    fake_dist(dir.path(), false);
    let data = tempfile::tempdir().unwrap();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap();
    let output = Command::new(common::server_binary())
        .args(["--addr", &addr.to_string(), "--dist"])
        .arg(dir.path())
        .arg("--db")
        .arg(data.path().join("requests.db"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("cannot listen on {addr}")), "{stderr}");
    assert!(stderr.contains("--addr"), "{stderr}");
}

#[tokio::test]
async fn malformed_paths_answer_not_found_never_a_server_error() {
    let dir = tempfile::tempdir().unwrap();
    fake_dist(dir.path(), false);
    let (addr, _data) = start(dir.path()).await;
    let long = "a".repeat(300);
    let paths = [
        format!("/{long}"),
        format!("/groups/{long}"),
        format!("/{long}.js"),
        format!("/{}", "b/".repeat(2000)),
        "/%00".into(),
        "/%FF%FE".into(),
        "/..%2F..%2Fetc%2Fpasswd".into(),
        "/a%2Fb".into(),
        "//".into(),
        "/%".into(),
        "/index.html%00.js".into(),
    ];
    for path in paths {
        let response = client().get(format!("http://{addr}{path}")).send().await.unwrap();
        let status = response.status();
        assert!(status.is_client_error() || status.is_success(), "{path}: {status}");
        assert!(!status.is_server_error(), "{path}: {status}");
    }
    // An impossible page name gets the app (whose 404 page shows) with the status 404.
    let response = client().get(format!("http://{addr}/{long}")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.text().await.unwrap().contains("<!DOCTYPE html>"));
}

#[tokio::test]
async fn hsts_is_sent_only_when_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    fake_dist(dir.path(), false);
    let (addr, _data) = start(dir.path()).await;
    let response = client().get(format!("http://{addr}/")).send().await.unwrap();
    assert!(response.headers().get(header::STRICT_TRANSPORT_SECURITY).is_none());

    let data = tempfile::tempdir().unwrap();
    let config = Config { hsts: true, ..Config::new(dir.path(), data.path().join("requests.db")) };
    let listener = bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let hsts_addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app(&config).unwrap(), std::future::pending()));
    let response = client().get(format!("http://{hsts_addr}/")).send().await.unwrap();
    assert_eq!(response.headers()[header::STRICT_TRANSPORT_SECURITY], "max-age=31536000; includeSubDomains");
}

/// The status line of `GET {path}` sent byte for byte as written (an HTTP client library would
/// tidy the path first).
async fn raw_status(addr: SocketAddr, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    String::from_utf8_lossy(&answer).lines().next().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn the_builds_own_folder_is_not_served_in_any_spelling() {
    let dir = tempfile::tempdir().unwrap();
    fake_dist(dir.path(), true);
    let (addr, _data) = start(dir.path()).await;
    for path in [
        "/_pages/pages.json",
        "/%5Fpages/pages.json",
        "//_pages/pages.json",
        "/./_pages/pages.json",
        "/_pages%2fpages.json",
        "/_pages%2Fhome.html",
        "/groups/../_pages/pages.json",
    ] {
        let status = raw_status(addr, path).await;
        assert!(status.contains(" 404 "), "{path}: {status}");
    }
    assert!(raw_status(addr, "/groups.json").await.contains(" 200 "), "the check can pass");
}
