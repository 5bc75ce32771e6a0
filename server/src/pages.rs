//! Every page arrives with its content: the documents the build pre-rendered with the app's
//! own components (`dist/_pages/`, listed in `dist/_pages/pages.json`), chosen by route, and
//! for the directory and a group's page filled at each request from the directory the server
//! publishes at that moment, so that a group approved a minute ago has its preview at once.
//! Everything inserted is escaped; nothing inline needs a script or a style.
//!
//! Also `/robots.txt` and `/sitemap.xml`, which follow the live directory.

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
    sync::{Arc, RwLock},
    time::SystemTime,
};

use axum::http::StatusCode;
use groups_core::{
    directory::GroupRecord,
    html::{escape, head_tags, Manifest, ManifestPage as ContentPage, BODY_SLOT, HEAD_SLOT, PATH_SLOT},
};

pub use groups_core::html::PAGES_DIR;

/// The page an address asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Groups,
    Group(String),
    NewGroup,
    /// A content page by its canonical path.
    Content(String),
    NotFound,
}

/// The pre-rendered documents of one build, read again when the build changes.
#[derive(Clone, Debug)]
pub struct Pages {
    dir: PathBuf,
    current: Arc<RwLock<Option<Arc<Loaded>>>>,
}

#[derive(Debug)]
struct Loaded {
    stamp: Option<SystemTime>,
    manifest: Arc<Manifest>,
}

impl Pages {
    /// The documents in `dist/_pages`, or `None` for a build without them (`trunk serve`, a
    /// test's small site): the app shell then answers every page as before.
    pub fn open(dist: &Path) -> Option<Pages> {
        let dir = dist.join(PAGES_DIR);
        dir.join("pages.json").is_file().then(|| Pages { dir, current: Arc::new(RwLock::new(None)) })
    }

    /// The build's page list, read again only when `pages.json` changes (one `stat` per
    /// call); shared, never copied, by the documents of a request.
    pub fn manifest(&self) -> Option<Arc<Manifest>> {
        let manifest_path = self.dir.join("pages.json");
        let stamp = std::fs::metadata(&manifest_path).and_then(|m| m.modified()).ok();
        if let Some(current) = self.current.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
            if current.stamp == stamp {
                return Some(current.manifest.clone());
            }
        }
        let text = std::fs::read_to_string(&manifest_path).ok()?;
        let manifest: Manifest = serde_json::from_str(&text)
            .inspect_err(|e| eprintln!("groups-server: {}: {e}", manifest_path.display()))
            .ok()?;
        let manifest = Arc::new(manifest);
        let loaded = Arc::new(Loaded { stamp, manifest: manifest.clone() });
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(loaded);
        Some(manifest)
    }

    /// The document for `route` (found with [`route`] in the same `manifest`): its status and
    /// HTML, the directory's groups filled in where the page shows them. `None` when the build
    /// has no such document.
    pub fn document(
        &self,
        manifest: &Manifest,
        route: &Route,
        path: &str,
        groups: &[GroupRecord],
    ) -> Option<(StatusCode, String)> {
        let read = |name: &str| std::fs::read_to_string(self.dir.join(name)).ok();
        Some(match route {
            Route::Home => (StatusCode::OK, read("home.html")?),
            Route::NewGroup => (StatusCode::OK, read("new-group.html")?),
            Route::Content(path) => (StatusCode::OK, read(&format!("content/{path}.html"))?),
            Route::NotFound => (StatusCode::NOT_FOUND, read("not-found.html")?.replacen(PATH_SLOT, &escape(path), 1)),
            Route::Groups => {
                let template = read("groups.html")?;
                (StatusCode::OK, template.replacen(BODY_SLOT, &directory_list(groups), 1))
            }
            Route::Group(slug) => {
                let template = read("group.html")?;
                match groups.iter().find(|g| g.slug == *slug) {
                    Some(group) => (
                        StatusCode::OK,
                        template.replacen(HEAD_SLOT, &group_head(group, manifest), 1).replacen(
                            BODY_SLOT,
                            &group_summary(group),
                            1,
                        ),
                    ),
                    None => (
                        StatusCode::NOT_FOUND,
                        template.replacen(HEAD_SLOT, &not_found_head(manifest), 1).replacen(
                            BODY_SLOT,
                            GROUP_NOT_FOUND,
                            1,
                        ),
                    ),
                }
            }
        })
    }
}

/// The route of `path` among the app's routes and the content pages (by path,
/// `/content/<path>`, or an alias).
pub fn route(path: &str, pages: &[ContentPage]) -> Route {
    let path = path.trim_end_matches('/');
    match path {
        "" => return Route::Home,
        "/groups" => return Route::Groups,
        "/new-group" => return Route::NewGroup,
        _ => {}
    }
    if let Some(slug) = path.strip_prefix("/groups/").filter(|s| groups_core::directory::is_slug(s)) {
        return Route::Group(slug.to_owned());
    }
    let wanted = path.trim_start_matches('/');
    let canonical = pages.iter().find(|p| {
        p.path == wanted
            || wanted.strip_prefix("content/") == Some(p.path.as_str())
            || p.aliases.iter().any(|a| a == wanted)
    });
    canonical.map_or(Route::NotFound, |p| Route::Content(p.path.clone()))
}

/// The group's `<title>`, description, canonical link and Open Graph tags.
fn group_head(group: &GroupRecord, manifest: &Manifest) -> String {
    let title = format!("{} · {}", group.name, manifest.site_name);
    let description = group.description.clone().unwrap_or_else(|| {
        format!(
            "{}: a user group that meets in {}. Find when and where it meets, and its links.",
            group.name,
            group.place()
        )
    });
    let url = format!("{}{}", manifest.origin, group.path());
    head_tags(&title, &description, &url, &manifest.site_name)
}

fn not_found_head(manifest: &Manifest) -> String {
    format!(
        "<title>Group not found · {}</title><meta name=\"robots\" content=\"noindex\">",
        escape(&manifest.site_name)
    )
}

/// A group for a reader without JavaScript: its name, place, description, links and when its
/// details were checked.
fn group_summary(group: &GroupRecord) -> String {
    let mut html = format!("<h1>{}</h1>", escape(&group.name));
    if let Some(description) = &group.description {
        let _ = write!(html, "<p class=\"lead\">{}</p>", escape(description));
    }
    html.push_str("<dl class=\"facts\">");
    if let Some(city) = &group.city {
        let _ = write!(html, "<dt>City</dt><dd>{}</dd>", escape(city));
    }
    let _ = write!(
        html,
        "<dt>Country</dt><dd>{}</dd><dt>Region</dt><dd>{}</dd><dt>Status</dt><dd>{}</dd></dl>",
        escape(group.country.name),
        escape(group.region().name()),
        group.status.label()
    );
    if !group.links.is_empty() {
        html.push_str("<h2>Links</h2><ul class=\"link-list\">");
        for link in &group.links {
            let _ = write!(
                html,
                "<li><a href=\"{}\" rel=\"noopener noreferrer\">{}</a></li>",
                escape(&link.url),
                escape(&groups_core::links::link_text(link.kind, &link.url))
            );
        }
        html.push_str("</ul>");
    }
    if let Some(month) = group.checked {
        let _ = write!(html, "<p class=\"checked\">Details last checked {}.</p>", month.label());
    }
    html.push_str("<p><a href=\"/groups\">All groups</a></p>");
    html
}

const GROUP_NOT_FOUND: &str =
    "<h1>Group not found</h1><p>There is no group at this address. It may have closed or moved.</p>\
                               <p><a href=\"/groups\">Browse all groups</a></p>";

/// Every group as a link with its place, for a reader without JavaScript.
fn directory_list(groups: &[GroupRecord]) -> String {
    let mut html = format!(
        "<p class=\"noscript\">The map and the filters need JavaScript. Here are all {} groups, official ones first:</p>\
         <ul class=\"group-list\">",
        groups.len()
    );
    for group in groups {
        let _ = write!(
            html,
            "<li><a href=\"/groups/{}\">{}</a><span class=\"where\">{}</span></li>",
            group.slug,
            escape(&group.name),
            escape(&group.place())
        );
    }
    html.push_str("</ul>");
    html
}

/// `/robots.txt`: everything may be read; where the sitemap is.
pub fn robots(manifest: &Manifest) -> String {
    format!("User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {}/sitemap.xml\n", manifest.origin)
}

/// `/sitemap.xml`: the home page, the directory, every content page (with the day its file
/// last changed) and every listed group (with the month its details were checked).
pub fn sitemap(manifest: &Manifest, groups: &[GroupRecord]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, lastmod: Option<String>| {
        let _ = write!(xml, "  <url><loc>{}</loc>", escape(&format!("{}{path}", manifest.origin)));
        if let Some(lastmod) = lastmod {
            let _ = write!(xml, "<lastmod>{}</lastmod>", escape(&lastmod));
        }
        xml.push_str("</url>\n");
    };
    url("/", None);
    url("/groups", None);
    url("/new-group", None);
    for page in &manifest.pages {
        url(&format!("/{}", page.path), page.lastmod.clone());
    }
    for group in groups {
        url(&group.path(), group.checked.map(|month| month.to_string()));
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use groups_core::{
        directory::{Month, RawRecord, Status},
        links::LinkKind,
    };

    use super::*;

    fn pages() -> Vec<ContentPage> {
        vec![ContentPage {
            path: "code-of-conduct".into(),
            aliases: vec!["openstack-community-code-conduct".into()],
            lastmod: Some("2026-11-28".into()),
        }]
    }

    fn manifest() -> Manifest {
        Manifest {
            origin: "https://groups.example.org".into(),
            site_name: "OpenStack User Groups".into(),
            pages: pages(),
        }
    }

    fn group(name: &str) -> GroupRecord {
        GroupRecord::check(RawRecord {
            slug: "x-group".into(),
            name: name.into(),
            city: Some("Lyon & <Co>".into()),
            country: "FR".into(),
            lat: 45.7,
            lon: 4.8,
            status: Status::New,
            links: vec![groups_core::links::Link {
                kind: LinkKind::Meetup,
                url: "https://example.org/?a=1&b=\"2\"".into(),
            }],
            description: Some("Talks \"and\" <b>demos</b>.".into()),
            checked: Some(Month { year: 2015, month: 3 }),
        })
        .unwrap()
    }

    #[test]
    fn addresses_find_their_pages() {
        let pages = pages();
        assert_eq!(route("/", &pages), Route::Home);
        assert_eq!(route("/groups", &pages), Route::Groups);
        assert_eq!(route("/groups/", &pages), Route::Groups);
        assert_eq!(route("/groups/berlin", &pages), Route::Group("berlin".into()));
        assert_eq!(route("/groups/Not A Slug", &pages), Route::NotFound);
        assert_eq!(route("/new-group", &pages), Route::NewGroup);
        for path in ["/code-of-conduct", "/content/code-of-conduct", "/openstack-community-code-conduct"] {
            assert_eq!(route(path, &pages), Route::Content("code-of-conduct".into()), "{path}");
        }
        assert_eq!(route("/nowhere", &pages), Route::NotFound);
        assert_eq!(route("/content/nowhere", &pages), Route::NotFound);
    }

    #[test]
    fn everything_inserted_is_escaped() {
        let g = group("<script>alert(1)</script> \"OpenStack\" Lyon");
        let head = group_head(&g, &manifest());
        assert!(head.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; &quot;OpenStack&quot; Lyon · OpenStack User Groups</title>"), "{head}");
        assert!(head.contains("content=\"Talks &quot;and&quot; &lt;b&gt;demos&lt;/b&gt;.\""), "{head}");
        assert!(head.contains("<link rel=\"canonical\" href=\"https://groups.example.org/groups/x-group\">"));
        assert!(head.contains("<meta property=\"og:url\" content=\"https://groups.example.org/groups/x-group\">"));
        let body = group_summary(&g);
        assert!(!body.contains("<script") && !body.contains("<b>"), "{body}");
        assert!(body.contains("<dd>Lyon &amp; &lt;Co&gt;</dd>"), "{body}");
        assert!(body.contains("href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\""), "{body}");
        assert!(body.contains("Details last checked March 2015."));
        let list = directory_list(&[g]);
        assert!(list.contains("<a href=\"/groups/x-group\">&lt;script&gt;"), "{list}");
    }

    #[test]
    fn robots_and_sitemap_name_every_page_and_group() {
        let m = manifest();
        assert!(robots(&m).contains("Sitemap: https://groups.example.org/sitemap.xml"));
        let xml = sitemap(&m, &[group("OpenStack Lyon")]);
        assert!(xml.starts_with("<?xml") && xml.trim_end().ends_with("</urlset>"));
        assert!(xml
            .contains("<url><loc>https://groups.example.org/code-of-conduct</loc><lastmod>2026-11-28</lastmod></url>"));
        assert!(
            xml.contains("<url><loc>https://groups.example.org/groups/x-group</loc><lastmod>2015-03</lastmod></url>")
        );
        assert!(xml.contains("<loc>https://groups.example.org/</loc>"));
        assert!(!xml.contains("openstack-community-code-conduct"), "aliases are not canonical");
    }
}
