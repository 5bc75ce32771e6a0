//! Pages arrive with their content, over real HTTP: the build's pre-rendered documents by
//! route (a content page by path, `/content/<path>` or alias), a group's page and the
//! directory filled from the directory the server publishes now, 404 for what does not exist,
//! and `/robots.txt` and `/sitemap.xml`.

use std::{net::SocketAddr, path::Path};

use groups_server::{app, bind, serve, Config};
use reqwest::{header, StatusCode};

const HEAD: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">";

/// A built site with pre-rendered documents shaped like the build's.
fn fake_dist(dir: &Path) {
    std::fs::write(dir.join("index.html"), format!("{HEAD}<title>shell</title></head><body></body></html>")).unwrap();
    let pages = dir.join("_pages");
    std::fs::create_dir_all(pages.join("content")).unwrap();
    let doc = |title: &str, body: &str| format!("{HEAD}<title>{title}</title></head><body>{body}</body></html>");
    std::fs::write(pages.join("home.html"), doc("Home", "<h1>Find a group</h1>")).unwrap();
    std::fs::write(pages.join("new-group.html"), doc("Start a group", "<h1>Start a user group</h1>")).unwrap();
    std::fs::write(pages.join("not-found.html"), doc("Page not found", "<h1>Page not found</h1>")).unwrap();
    std::fs::write(pages.join("content/privacy.html"), doc("Privacy policy", "<h1>Privacy policy</h1>")).unwrap();
    std::fs::write(
        pages.join("groups.html"),
        doc("Groups", "<h1>User groups</h1><noscript><!--slot:body--></noscript>"),
    )
    .unwrap();
    std::fs::write(
        pages.join("group.html"),
        format!("{HEAD}<!--slot:head--></head><body><noscript><!--slot:body--></noscript></body></html>"),
    )
    .unwrap();
    std::fs::write(
        pages.join("pages.json"),
        r#"{"origin": "https://groups.example.org", "site_name": "OpenStack User Groups",
            "pages": [{"path": "privacy", "aliases": ["privacy-policy"], "lastmod": "2026-11-28"}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("groups.json"),
        r#"{"version": 1, "groups": [{"slug": "berlin", "name": "OpenStack <Berlin>", "city": "Berlin", "country": "DE",
            "lat": 52.52, "lon": 13.405, "status": "official", "checked": "2015-03",
            "links": [{"kind": "meetup", "url": "https://example.org/berlin"}]}]}"#,
    )
    .unwrap();
}

struct Site {
    addr: SocketAddr,
    groups: std::path::PathBuf,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

async fn start() -> Site {
    let (dist, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    fake_dist(dist.path());
    let config = Config::new(dist.path(), data.path().join("requests.db"));
    let groups = config.groups.clone();
    let listener = bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app(&config).unwrap(), std::future::pending()));
    Site { addr, groups, _dirs: (dist, data) }
}

async fn get(site: &Site, path: &str) -> (StatusCode, String, reqwest::header::HeaderMap) {
    let response = reqwest::get(format!("http://{}{path}", site.addr)).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, response.text().await.unwrap(), headers)
}

#[tokio::test]
async fn every_address_answers_its_own_document() {
    let site = start().await;
    for (path, heading) in [
        ("/", "Find a group"),
        ("/new-group", "Start a user group"),
        ("/privacy", "Privacy policy"),
        ("/content/privacy", "Privacy policy"),
        ("/privacy-policy", "Privacy policy"),
        ("/groups", "User groups"),
    ] {
        let (status, html, headers) = get(&site, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains(&format!("<h1>{heading}</h1>")), "{path}: {html}");
        assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
    }
    let (status, html, _) = get(&site, "/no/such/page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<h1>Page not found</h1>"));
    let (status, _, _) = get(&site, "/_pages/home.html").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the build's documents are not files of the site");
}

#[tokio::test]
async fn group_pages_and_the_directory_come_from_the_live_directory() {
    let site = start().await;
    let (status, html, _) = get(&site, "/groups/berlin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<title>OpenStack &lt;Berlin&gt; · OpenStack User Groups</title>"), "{html}");
    assert!(html.contains("<meta property=\"og:title\" content=\"OpenStack &lt;Berlin&gt; · OpenStack User Groups\">"));
    assert!(html.contains("<link rel=\"canonical\" href=\"https://groups.example.org/groups/berlin\">"));
    assert!(html.contains("<h1>OpenStack &lt;Berlin&gt;</h1>") && html.contains("Details last checked March 2015."));
    assert!(html
        .contains("<a href=\"https://example.org/berlin\" rel=\"noopener noreferrer\">Meetup page (example.org)</a>"));
    let (_, list, _) = get(&site, "/groups").await;
    assert!(list.contains("<a href=\"/groups/berlin\">OpenStack &lt;Berlin&gt;</a>"), "{list}");

    let (status, html, _) = get(&site, "/groups/atlantis").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("<h1>Group not found</h1>"));

    // A group added to the published directory while the server runs has its page at once.
    let text = std::fs::read_to_string(&site.groups).unwrap().replacen(
        "\"groups\": [",
        "\"groups\": [{\"slug\": \"atlantis\", \"name\": \"OpenStack Atlantis\", \"country\": \"GR\", \"lat\": 36.4, \"lon\": 25.4, \"status\": \"new\"},",
        1,
    );
    std::fs::write(&site.groups, text).unwrap();
    let (status, html, _) = get(&site, "/groups/atlantis").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<meta property=\"og:title\" content=\"OpenStack Atlantis · OpenStack User Groups\">"),
        "{html}"
    );
}

#[tokio::test]
async fn robots_and_the_sitemap_are_served_with_their_types() {
    let site = start().await;
    let (status, robots, headers) = get(&site, "/robots.txt").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/plain; charset=utf-8");
    assert!(robots.contains("Sitemap: https://groups.example.org/sitemap.xml"));
    let (status, xml, headers) = get(&site, "/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "application/xml; charset=utf-8");
    assert!(xml.contains("<loc>https://groups.example.org/privacy</loc><lastmod>2026-11-28</lastmod>"));
    assert!(xml.contains("<loc>https://groups.example.org/groups/berlin</loc><lastmod>2015-03</lastmod>"));
}
