//! Every page arrives with its content: the documents the build pre-rendered with the app's
//! own components (`dist/_pages/`, listed in `dist/_pages/pages.json`), chosen by the route
//! table (`groups_core::routes`), kept in memory and read again when the build changes, and
//! filled at each request from the directory published then, so that a group approved a
//! minute ago has its page and preview at once. What is filled is groups-core's markup, the
//! app's own; nothing inline needs a script or a style.
//!
//! Also `/robots.txt` and `/sitemap.xml`, which follow the live directory.

use std::{
    collections::HashMap,
    fmt::Write as _,
    path::Path,
    time::{Duration, SystemTime},
};

use axum::http::StatusCode;
use groups_core::{
    directory::GroupRecord,
    filter::{apply, countries_with_groups, from_query, search_key, soon_count, Filter, SOON_DAYS},
    html::{alternates, escape, head_tags, Manifest, BODY_SLOT, HEAD_SLOT, MEETINGS_SLOT, PATH_SLOT, SLUG_SLOT},
    markup::{
        group_meetings, group_page_rest, group_summary, list_item_at, meetings_by_month, meetings_calendar,
        meetings_to_come, next_meetings, region_list, static_map,
    },
    meetings::{Meeting, MeetingsFile},
    near::{self, Origin},
    places::Place,
    regions::Region,
    routes::{self, content_document, Matched, Page, NOT_FOUND_DOCUMENT},
    viewport::View,
};

pub use groups_core::html::PAGES_DIR;
use groups_i18n::{
    address,
    catalogue::{fill, Speaking},
    t, tf, tn, Catalogue, Lang, Msg,
};

use groups_places::Index;

use crate::{
    clock::Timestamp,
    live_directory::PublishedDirectory,
    near_noscript::{self, find_text, place_of, searched},
    reloading::Reloading,
};

/// How often the server looks whether the site was rebuilt under it.
const CHECK_EVERY: Duration = Duration::from_secs(2);

/// The pre-rendered documents of one build.
#[derive(Debug)]
pub struct Documents {
    stamp: Option<SystemTime>,
    pub manifest: Manifest,
    /// By file name under `_pages/` (`home.html`, `content/privacy.html`).
    files: HashMap<String, String>,
}

/// The build's documents, read again when its `pages.json` changes.
#[derive(Clone, Debug)]
pub struct Pages(Reloading<Documents>);

/// What the server answers for a page.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    Page {
        status: StatusCode,
        html: String,
    },
    /// The page is at another address (a group's slug typed with capitals).
    MovedTo(String),
    /// What a form without JavaScript asked for is at this address (the place its search text
    /// means, as `near=<id>`): see it there (303).
    SeeOther(String),
}

impl Pages {
    /// The documents in `dist/_pages`, or `None` for a build without them (`trunk serve`, a
    /// test's small site): the app shell then answers every page.
    pub fn open(dist: &Path) -> Option<Pages> {
        let dir = dist.join(PAGES_DIR);
        let documents = read(&dir)?;
        let pages = Pages(Reloading::new(documents));
        pages.0.watch(CHECK_EVERY, move |held| {
            let stamp = modified(&dir.join("pages.json"));
            if stamp == held.stamp {
                return None;
            }
            let fresh = read(&dir);
            if fresh.is_none() {
                tracing::error!("{}: the rebuilt pages cannot be read; the last good ones stay", dir.display());
            }
            fresh
        });
        Some(pages)
    }

    pub fn documents(&self) -> std::sync::Arc<Documents> {
        self.0.get()
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Every document the manifest implies, or `None` when the build has none or they cannot be
/// read whole.
fn read(dir: &Path) -> Option<Documents> {
    let manifest_path = dir.join("pages.json");
    let stamp = modified(&manifest_path);
    let text = std::fs::read_to_string(&manifest_path).ok()?;
    let manifest: Manifest =
        serde_json::from_str(&text).inspect_err(|e| tracing::error!("{}: {e}", manifest_path.display())).ok()?;
    let names: Vec<String> = routes::ROUTES
        .iter()
        .map(|r| r.document.to_owned())
        .chain([NOT_FOUND_DOCUMENT.to_owned()])
        .chain(manifest.pages.iter().map(|p| content_document(&p.path)))
        .collect();
    let mut files = HashMap::new();
    for lang in Lang::ALL {
        for name in &names {
            let name = document_in(*lang, name);
            // A test's small site may leave out pages it does not ask for.
            if let Ok(html) = std::fs::read_to_string(dir.join(&name)) {
                files.insert(name, html);
            }
        }
    }
    Some(Documents { stamp, manifest, files })
}

/// A document's file under `_pages/` in `lang`: `groups.html`, `ja/groups.html`.
fn document_in(lang: Lang, name: &str) -> String {
    match lang.address() {
        "" => name.to_owned(),
        folder => format!("{folder}/{name}"),
    }
}

impl Documents {
    fn file(&self, lang: Lang, name: &str) -> Option<&str> {
        self.files.get(&document_in(lang, name)).map(String::as_str)
    }

    /// The not-found page's document in `lang`: the site's frame, which the server's own few
    /// pages (`interest::pages`) fill with their text.
    pub fn not_found_document(&self, lang: Lang) -> Option<&str> {
        self.file(lang, NOT_FOUND_DOCUMENT)
    }

    /// The answer for `path` (with `query`, without `?`), the directory's groups and their
    /// meetings filled in where the page shows them; `None` when the build has no such
    /// document.
    /// `now` is the moment `meetings` were published for (which are still to come); `places`
    /// finds the place a page is near (none without an index: the pages are shown without it).
    pub fn answer(
        &self,
        path: &str,
        query: &str,
        directory: &PublishedDirectory,
        meetings: &MeetingsFile,
        now: Timestamp,
        places: Option<&Index>,
    ) -> Option<Answer> {
        // `/ja/groups` is Japanese's `/groups`: its document, and every address and word
        // filled into it, in Japanese.
        // A page not translated yet is English inside its frame: so is what is filled in.
        let (lang, rest) = address::split(path);
        let english =
            routes::shown_in_english(path, &Catalogue::of(lang), |wanted| self.manifest.in_english(wanted, lang));
        let _speaking = Speaking::page(lang, english);
        let (path, matched) = (rest, routes::match_path(rest));
        let ok = |html: String| Some(Answer::Page { status: StatusCode::OK, html });
        match matched {
            Matched::Page(Page::Home, _) => {
                let next = next_meetings(meetings, &directory.groups, &now.to_string());
                let document = self.file(lang, routes::route(Page::Home).document)?;
                ok(document.replacen(BODY_SLOT, &home_noscript(directory), 1).replacen(MEETINGS_SLOT, &next, 1))
            }
            Matched::Page(Page::Groups, _) => {
                let filter = from_query(query);
                if let Some(text) = find_text(query) {
                    let found = searched(filter.clone(), &text, places, Some(&directory.groups)).unwrap_or(filter);
                    return Some(Answer::SeeOther(found.href()));
                }
                let place = place_of(&filter, places);
                let body = directory_noscript(&filter, place.as_ref(), &directory.groups, meetings, now);
                ok(self.file(lang, routes::route(Page::Groups).document)?.replacen(BODY_SLOT, &body, 1))
            }
            Matched::Page(Page::Meetings, _) => {
                let filter = from_query(query);
                let mut not_found = None;
                if let Some(text) = find_text(query) {
                    match searched(filter.clone(), &text, places, None) {
                        Ok(found) => return Some(Answer::SeeOther(found.href_at(&routes::href(Page::Meetings)))),
                        Err(text) => not_found = Some(text),
                    }
                }
                let place = place_of(&filter, places);
                let body = meetings_noscript(&filter, place.as_ref(), not_found, &directory.groups, meetings, now);
                ok(self.file(lang, routes::route(Page::Meetings).document)?.replacen(BODY_SLOT, &body, 1))
            }
            Matched::Page(Page::Group, Some(slug)) => self.group(lang, slug, directory, meetings),
            Matched::Page(page, _) => ok(self.file(lang, routes::route(page).document)?.to_owned()),
            Matched::Other(wanted) => match self.manifest.page(wanted) {
                Some(page) => ok(self.file(lang, &content_document(&page.path))?.to_owned()),
                None => self.not_found(lang, path),
            },
        }
    }

    fn group(&self, lang: Lang, slug: &str, directory: &PublishedDirectory, meetings: &MeetingsFile) -> Option<Answer> {
        let template = self.file(lang, routes::route(Page::Group).document)?;
        if let Some(group) = directory.find(slug) {
            let body = format!("{}{}{}", group_summary(group), group_meetings(group, meetings), group_page_rest(group));
            let head =
                format!("{}{}", group_head(group, &self.manifest), events_json_ld(group, meetings, &self.manifest));
            let html =
                template.replacen(HEAD_SLOT, &head, 1).replacen(BODY_SLOT, &body, 1).replace(SLUG_SLOT, &group.slug);
            return Some(Answer::Page { status: StatusCode::OK, html });
        }
        let lower = slug.to_lowercase();
        if lower != slug && directory.find(&lower).is_some() {
            return Some(Answer::MovedTo(routes::group_href(&lower)));
        }
        let html = template.replacen(HEAD_SLOT, &group_not_found_head(), 1).replacen(BODY_SLOT, &group_not_found(), 1);
        let html = html.replace(SLUG_SLOT, &escape(slug));
        Some(Answer::Page { status: StatusCode::NOT_FOUND, html })
    }

    fn not_found(&self, lang: Lang, path: &str) -> Option<Answer> {
        // The address asked for, in the page's text and its links to other languages; doubled
        // slashes at its start once (`//elsewhere.example` in a link is another site).
        let path = format!("/{}", path.trim_start_matches('/'));
        let html = self.file(lang, NOT_FOUND_DOCUMENT)?.replace(PATH_SLOT, &escape(&path));
        Some(Answer::Page { status: StatusCode::NOT_FOUND, html })
    }
}

/// The group's `<title>`, description, canonical link and Open Graph tags.
fn group_head(group: &GroupRecord, manifest: &Manifest) -> String {
    // The site's name as the app's frame says it, in the page's language.
    let site_name = groups_i18n::t(groups_i18n::Msg::ShellSiteName);
    let title = groups_core::site::document_title(&group.name, site_name);
    let description = group
        .description
        .clone()
        .unwrap_or_else(|| tf(Msg::GroupDescription, &[("name", &group.name), ("place", &group.place())]));
    let english = format!("/{}/{}", routes::route(Page::Group).segment, group.slug);
    let languages = routes::languages_of(&english, |_, _| false);
    let canonical = routes::canonical(&english, groups_i18n::catalogue::current().lang(), &languages);
    let url = format!("{}{canonical}", manifest.origin);
    format!(
        "{}{}",
        head_tags(&title, &description, &url, site_name),
        alternates(&manifest.origin, &english, &languages)
    )
}

/// The group's next meetings as schema.org `Event`s, for search engines: a data block, never
/// run, its text kept from closing the element.
fn events_json_ld(group: &GroupRecord, meetings: &MeetingsFile, manifest: &Manifest) -> String {
    let events: Vec<serde_json::Value> = meetings
        .of(&group.slug)
        .take(groups_core::markup::GROUP_PAGE_MEETINGS)
        .map(|m| event(m, group, manifest))
        .collect();
    if events.is_empty() {
        return String::new();
    }
    let data = serde_json::json!({ "@context": "https://schema.org", "@graph": events }).to_string();
    let safe = data.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026");
    format!("<script type=\"application/ld+json\">{safe}</script>")
}

fn event(m: &Meeting, group: &GroupRecord, manifest: &Manifest) -> serde_json::Value {
    let schema = |name: &str| format!("https://schema.org/{name}");
    let location = match (&m.place, m.online, &m.url) {
        (_, true, Some(url)) => serde_json::json!({ "@type": "VirtualLocation", "url": url }),
        (Some(place), _, _) => serde_json::json!({ "@type": "Place", "name": place, "address": group.place() }),
        _ => serde_json::json!({ "@type": "Place", "name": group.place(), "address": group.place() }),
    };
    let mut event = serde_json::json!({
        "@type": "Event",
        "name": m.title,
        "startDate": m.start,
        "eventStatus": schema(if m.cancelled { "EventCancelled" } else { "EventScheduled" }),
        "eventAttendanceMode": schema(if m.online { "OnlineEventAttendanceMode" } else { "OfflineEventAttendanceMode" }),
        "location": location,
        "organizer": { "@type": "Organization", "name": group.name, "url": format!("{}{}", manifest.origin, group.path()) },
    });
    if let Some(end) = &m.end {
        event["endDate"] = serde_json::json!(end);
    }
    if let Some(url) = &m.url {
        event["url"] = serde_json::json!(url);
    }
    event
}

/// As the app titles it.
fn group_not_found_head() -> String {
    format!(
        "<title>{}</title><meta name=\"robots\" content=\"noindex\">",
        escape(&groups_core::site::document_title("Group not found", groups_i18n::t(groups_i18n::Msg::ShellSiteName)))
    )
}

/// As the app draws it (`directory::group_page`).
fn group_not_found() -> String {
    format!(
        "<h1>Group not found</h1><p>There is no group at this address. It may have closed or moved.</p>\
         <p><a href=\"{}\">Browse all groups</a></p>",
        routes::href(Page::Groups)
    )
}

/// The home page for a reader without JavaScript: the groups on a map drawn by the server and
/// the count of each region.
fn home_noscript(directory: &PublishedDirectory) -> String {
    let all: Vec<&GroupRecord> = directory.groups.iter().collect();
    let link = format!("<a href=\"{}\">{}</a>", routes::href(Page::Groups), escape(t(Msg::HomeNoscriptLink)));
    format!(
        "<p class=\"noscript\">{}</p>{}{}",
        fill(&escape(t(Msg::HomeNoscript)), &[("link", &link)]),
        static_map(t(Msg::MapName), &all, View::WORLD),
        region_list(&directory.groups)
    )
}

/// The directory for a reader without JavaScript: the filters as a form the server applies
/// (`/groups?country=hu` shows Hungary's groups; a search for a place leads to the groups near
/// it, see `near_noscript`), what they show, and the list (near a place: nearest first, each
/// with its distance).
fn directory_noscript(
    filter: &Filter,
    place: Option<&Place>,
    groups: &[GroupRecord],
    meetings: &MeetingsFile,
    now: Timestamp,
) -> String {
    let keys: Vec<String> = groups.iter().map(search_key).collect();
    let soon = meetings.soon(now.unix());
    let matched = apply(filter, groups, &keys, &soon);
    let (near, said) = match place {
        Some(place) => {
            let (listed, said) = near_noscript::listed(filter, place, groups, &matched);
            (Some(listed), said)
        }
        None => (None, String::new()),
    };
    let shown: Vec<usize> = match &near {
        Some(listed) => listed.groups.iter().map(|(i, _)| *i).collect(),
        None => matched,
    };
    let groups_href = routes::href(Page::Groups);
    let mut html = format!(
        "<p class=\"noscript\">{}</p>\
         <form class=\"filters\" method=\"get\" action=\"{groups_href}\" role=\"search\" aria-label=\"{}\">",
        escape(t(Msg::DirectoryMapNeedsJavascript)),
        escape(t(Msg::DirectoryFilters))
    );
    let searched = place.map(Place::label).unwrap_or_else(|| filter.query.clone());
    near_noscript::fields(&mut html, t(Msg::DirectorySearch), &searched, t(Msg::DirectorySearchHint), filter.radius);
    let regions = Region::ALL.iter().map(|r| (r.slug().to_owned(), r.name().to_owned()));
    let (region, all_regions) = (t(Msg::PlaceRegion), t(Msg::PlaceAllRegions));
    select(&mut html, "region", region, all_regions, regions, filter.region.map(|r| r.slug().to_owned()));
    let countries = countries_with_groups(groups)
        .into_iter()
        .filter(|(c, _)| filter.region.is_none_or(|r| c.region == r))
        .map(|(c, n)| (c.code.to_ascii_lowercase(), format!("{} ({n})", c.local_name())));
    let (country, all_countries) = (t(Msg::PlaceCountry), t(Msg::PlaceAllCountries));
    select(&mut html, "country", country, all_countries, countries, filter.country.map(|c| c.to_ascii_lowercase()));
    let statuses = groups_core::directory::Status::ALL.iter().map(|s| (s.slug().to_owned(), s.name().to_owned()));
    let (status, any_status) = (t(Msg::GroupStatus), t(Msg::DirectoryAnyStatus));
    select(&mut html, "status", status, any_status, statuses, filter.status.map(|s| s.slug().to_owned()));
    if !meetings.groups.is_empty() || filter.soon {
        // What ticking it would show, with the other filters as they are.
        let count = soon_count(&shown, groups, &soon).to_string();
        let label = tf(Msg::DirectorySoon, &[("days", &SOON_DAYS.to_string()), ("n", &count)]);
        let _ = write!(
            html,
            "<div class=\"field check\"><input id=\"nojs-soon\" name=\"meets\" type=\"checkbox\" value=\"{SOON_DAYS}\"{}>\
             <label for=\"nojs-soon\">{}</label></div>",
            if filter.soon { " checked" } else { "" },
            escape(&label)
        );
    }
    let _ = write!(html, "<button type=\"submit\" class=\"button\">{}</button></form>", escape(t(Msg::PlaceShow)));
    if filter.near.is_some() && place.is_none() {
        let _ = write!(html, "<p class=\"note\">{}</p>", escape(t(Msg::DirectoryPlaceGoneListed)));
    }
    html.push_str(&said);
    let total = groups.len();
    let every = format!("<a href=\"{groups_href}\">{}</a>", escape(t(Msg::DirectorySeeEveryGroup)));
    let every = fill(&escape(t(Msg::DirectorySeeEveryGroupLine)), &[("link", &every)]);
    let count = match (&near, place) {
        (Some(listed), Some(place)) => {
            escape(&near::summary(listed, total, filter.scope(), filter.radius, &place.name))
        }
        _ => match shown.len() {
            0 => format!("{} {every}", escape(t(Msg::DirectoryNoMatch))),
            n if n == total => escape(&tn(Msg::DirectoryShowingAllOfficialFirst, total as u64, &[])),
            n => {
                let shown = groups_i18n::catalogue::number_as(Msg::DirectoryShowingSomeOfficialFirst, n as u64);
                let said = tn(Msg::DirectoryShowingSomeOfficialFirst, total as u64, &[("shown", &shown)]);
                format!("{} {every}", escape(&said))
            }
        },
    };
    let _ = write!(html, "<p class=\"result-count\">{count}</p><ul class=\"group-list\">");
    match &near {
        Some(listed) => {
            for (i, distance) in &listed.groups {
                let group = &groups[*i];
                let text = distance.text(group);
                html.push_str(&list_item_at(*i, group, meetings.next_date(&group.slug), Some(&text)));
            }
        }
        None => {
            for i in shown {
                html.push_str(&list_item_at(i, &groups[i], meetings.next_date(&groups[i].slug), None));
            }
        }
    }
    html.push_str("</ul>");
    html
}

/// The meetings page for a reader without JavaScript: the place, region and country filters as
/// a form the server applies, and every upcoming meeting of the groups they show (near a place:
/// those within the distance chosen, each with its group's distance), by month.
fn meetings_noscript(
    filter: &Filter,
    place: Option<&Place>,
    not_found: Option<String>,
    groups: &[GroupRecord],
    meetings: &MeetingsFile,
    now: Timestamp,
) -> String {
    let mut html = format!(
        "<form class=\"filters\" method=\"get\" action=\"{}\" aria-label=\"{}\">",
        escape(&routes::href(Page::Meetings)),
        escape(t(Msg::MeetingsFilters))
    );
    let searched = place.map(Place::label).or(not_found.clone()).unwrap_or_default();
    near_noscript::fields(&mut html, t(Msg::MeetingsNear), &searched, t(Msg::MeetingsNearHint), filter.radius);
    let regions = Region::ALL.iter().map(|r| (r.slug().to_owned(), r.name().to_owned()));
    let (region, all_regions) = (t(Msg::PlaceRegion), t(Msg::PlaceAllRegions));
    select(&mut html, "region", region, all_regions, regions, filter.region.map(|r| r.slug().to_owned()));
    let countries = countries_with_groups(groups)
        .into_iter()
        .filter(|(c, _)| filter.region.is_none_or(|r| c.region == r))
        .map(|(c, _)| (c.code.to_ascii_lowercase(), c.local_name().to_owned()));
    let (country, all_countries) = (t(Msg::PlaceCountry), t(Msg::PlaceAllCountries));
    let chosen = filter.country.map(|c| c.to_ascii_lowercase());
    select(&mut html, "country", country, all_countries, countries, chosen);
    let _ = write!(html, "<button type=\"submit\" class=\"button\">{}</button></form>", escape(t(Msg::PlaceShow)));
    if let Some(text) = not_found {
        let _ = write!(html, "<p class=\"note\">{}</p>", escape(&tf(Msg::PlaceNotFound, &[("place", &text)])));
    } else if filter.near.is_some() && place.is_none() {
        let _ = write!(html, "<p class=\"note\">{}</p>", escape(t(Msg::PlaceGone)));
    }
    let origin = place.map(Origin::of);
    let distance = |g: usize| origin.as_ref().map(|o| near::distance(&groups[g], o));
    let mut shown = meetings.in_places(groups, filter, &now.to_string());
    if let Some(km) = filter.radius.km().filter(|_| origin.is_some()) {
        shown.retain(|&(_, g)| distance(g).is_some_and(|d| d.key() <= km));
    }
    let count = escape(&meetings_to_come(shown.len()));
    if shown.is_empty() {
        let _ = write!(html, "<p class=\"result-count\">{count}</p>");
    } else {
        let listed = meetings_by_month(
            shown
                .iter()
                .map(|&(m, g)| (&meetings.upcoming[m], Some(&groups[g]), distance(g).map(|d| d.text(&groups[g])))),
        );
        let _ = write!(html, "<p class=\"result-count\">{count}</p><div class=\"meetings-by-month\">{listed}</div>");
    }
    // As the app's page says it: the calendar of these places, to subscribe to.
    html.push_str(&meetings_calendar(filter, &meetings.origin));
    html
}

/// A labelled select of `name` with "any" first and `chosen` selected.
fn select(
    html: &mut String,
    name: &str,
    label: &str,
    any: &str,
    options: impl Iterator<Item = (String, String)>,
    chosen: Option<String>,
) {
    let (label, any) = (escape(label), escape(any));
    let _ = write!(html, "<div class=\"field\"><label for=\"nojs-{name}\">{label}</label><select id=\"nojs-{name}\" name=\"{name}\"><option value=\"\">{any}</option>");
    for (value, text) in options {
        let selected = if chosen.as_deref() == Some(value.as_str()) { " selected" } else { "" };
        let _ = write!(html, "<option value=\"{}\"{selected}>{}</option>", escape(&value), escape(&text));
    }
    html.push_str("</select></div>");
}

/// `/robots.txt`: everything may be read but the organisers' private page, in any language,
/// and the translated pages' bare bodies the app fetches (`/texts/`: their pages are the
/// documents); where the sitemap is.
pub fn robots(manifest: &Manifest) -> String {
    let private: String = Lang::ALL
        .iter()
        .map(|lang| format!("Disallow: {}\n", address::localize(*lang, groups_core::organiser::PAGE_PATH)))
        .collect();
    format!(
        "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /{}/\n{private}\nSitemap: {}/sitemap.xml\n",
        groups_core::routes::TEXTS_PREFIX,
        manifest.origin
    )
}

/// `/sitemap.xml`: the app's pages, every content page (with the day its file last changed)
/// and every listed group (with the month its details were checked), each in every language
/// that says it whole (`routes::languages_of`; the others show English's page, whose address
/// is their canonical one), each version naming all of them (itself included) and
/// `x-default` (Google's "Tell Google about localized versions of your page").
pub fn sitemap(manifest: &Manifest, groups: &[GroupRecord]) -> String {
    sitemap_in(manifest, groups, |path| routes::languages_of(path, |wanted, lang| manifest.in_english(wanted, lang)))
}

/// [`sitemap`], with each page's languages (given its English address) from `languages_of`.
fn sitemap_in(manifest: &Manifest, groups: &[GroupRecord], languages_of: impl Fn(&str) -> Vec<Lang>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut url = |path: &str, lastmod: Option<String>| {
        let languages = languages_of(path);
        let link = |hreflang: &str, path: &str| {
            format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{}\"/>",
                escape(&format!("{}{path}", manifest.origin))
            )
        };
        let mut alternates: String =
            languages.iter().map(|lang| link(lang.tag(), &address::localize(*lang, path))).collect();
        alternates.push_str(&link("x-default", path));
        for lang in &languages {
            let at = address::localize(*lang, path);
            let _ = write!(xml, "  <url><loc>{}</loc>", escape(&format!("{}{at}", manifest.origin)));
            if let Some(lastmod) = &lastmod {
                let _ = write!(xml, "<lastmod>{}</lastmod>", escape(lastmod));
            }
            let _ = writeln!(xml, "{alternates}</url>");
        }
    };
    for route in routes::ROUTES.iter().filter(|r| r.param.is_none() && r.page != routes::Page::MyRequest) {
        url(&route.pattern(), None);
    }
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
        directory::{Month, RawRecord},
        html::ManifestPage,
        links::LinkKind,
        when::When,
    };

    use super::*;

    fn manifest() -> Manifest {
        Manifest {
            origin: "https://groups.example.org".into(),
            site_name: "OpenStack User Groups".into(),
            pages: vec![ManifestPage {
                path: "code-of-conduct".into(),
                aliases: vec!["openstack-community-code-conduct".into()],
                lastmod: Some("2026-11-28".into()),
                languages: Vec::new(),
            }],
        }
    }

    fn group(slug: &str, name: &str, country: &str) -> GroupRecord {
        groups_core::fixtures::checked(RawRecord {
            name: name.into(),
            city: Some("Lyon & <Co>".into()),
            country: country.into(),
            lat: 45.7,
            lon: 4.8,
            links: vec![groups_core::links::Link { kind: LinkKind::Meetup, url: "https://example.org/?a=1".into() }],
            description: Some("Talks \"and\" <b>demos</b>.".into()),
            checked: Some(Month { year: 2015, month: 3 }),
            ..groups_core::fixtures::raw_group(slug)
        })
    }

    fn documents() -> Documents {
        let mut files = HashMap::new();
        for (name, html) in [
            (
                "home.html",
                "<h1>Home</h1><noscript><!--slot:body--></noscript><h2>Next meetings</h2><noscript><!--slot:meetings--></noscript>",
            ),
            ("groups.html", "<h1>Groups</h1><noscript><!--slot:body--></noscript>"),
            ("meetings.html", "<h1>Meetings</h1><noscript><!--slot:body--></noscript>"),
            ("group.html", "<head><!--slot:head--></head><div><!--slot:body--></div>"),
            ("new-group.html", "<h1>Start</h1>"),
            ("not-found.html", "<h1>Page not found</h1><code>/__requested_path__</code>"),
            ("content/code-of-conduct.html", "<h1>Code of conduct</h1>"),
        ] {
            files.insert(name.to_owned(), html.to_owned());
        }
        Documents { stamp: None, manifest: manifest(), files }
    }

    fn html(answer: Option<Answer>) -> (StatusCode, String) {
        match answer {
            Some(Answer::Page { status, html }) => (status, html),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn addresses_find_their_documents() {
        let docs = documents();
        let published = PublishedDirectory::new(1, vec![group("x-group", "OpenStack Lyon", "FR")]);
        for path in [
            "/code-of-conduct",
            "/content/code-of-conduct",
            "/openstack-community-code-conduct",
            "/content/openstack-community-code-conduct",
        ] {
            assert_eq!(
                html(docs.answer(path, "", &published, &MeetingsFile::default(), Timestamp::now(), None)).1,
                "<h1>Code of conduct</h1>",
                "{path}"
            );
        }
        assert_eq!(
            html(docs.answer("/new-group", "", &published, &MeetingsFile::default(), Timestamp::now(), None)).1,
            "<h1>Start</h1>"
        );
        let (status, page) =
            html(docs.answer("/no/such&", "", &published, &MeetingsFile::default(), Timestamp::now(), None));
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(page.contains("<code>/no/such&amp;</code>"), "{page}");
        let (status, page) =
            html(docs.answer("/groups/atlantis", "", &published, &MeetingsFile::default(), Timestamp::now(), None));
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(page.contains("<title>Group not found · OpenStack User Groups</title>"), "the app's title: {page}");
        assert_eq!(
            docs.answer("/groups/X-Group", "", &published, &MeetingsFile::default(), Timestamp::now(), None),
            Some(Answer::MovedTo("/groups/x-group".into()))
        );
    }

    #[test]
    fn a_group_page_is_filled_escaped_with_a_map() {
        let docs = documents();
        let published = PublishedDirectory::new(1, vec![group("x-group", "<script>alert(1)</script> Lyon", "FR")]);
        let (status, page) =
            html(docs.answer("/groups/x-group", "", &published, &MeetingsFile::default(), Timestamp::now(), None));
        assert_eq!(status, StatusCode::OK);
        assert!(
            page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; Lyon · OpenStack User Groups</title>"),
            "{page}"
        );
        assert!(page.contains("content=\"Talks &quot;and&quot; &lt;b&gt;demos&lt;/b&gt;.\""));
        assert!(page.contains("<link rel=\"canonical\" href=\"https://groups.example.org/groups/x-group\">"));
        assert!(!page.contains("<script>") && !page.contains("<b>"), "{page}");
        assert!(page.contains("<svg class=\"map-static\"") && page.contains("<circle"), "{page}");
    }

    #[test]
    fn without_javascript_the_directory_applies_the_filters_and_the_home_page_counts() {
        let docs = documents();
        let published = PublishedDirectory::new(
            1,
            vec![group("lyon", "OpenStack Lyon", "FR"), group("budapest", "OpenStack Budapest", "HU")],
        );
        let page =
            html(docs.answer("/groups", "country=hu", &published, &MeetingsFile::default(), Timestamp::now(), None)).1;
        assert!(page.contains("Showing 1 of 2 groups"), "{page}");
        assert!(page.contains(">OpenStack Budapest</a>") && !page.contains(">OpenStack Lyon</a>"), "{page}");
        assert!(page.contains("<option value=\"hu\" selected>Hungary (1)</option>"), "{page}");
        let home = html(docs.answer("/", "", &published, &MeetingsFile::default(), Timestamp::now(), None)).1;
        assert!(home.contains("Europe</a><span class=\"count\">2 groups</span>"), "{home}");
        assert!(home.contains(">2</text>") || home.matches("<circle").count() == 2, "{home}");
    }

    fn meeting(group: &str, title: &str, start: &str, cancelled: bool) -> Meeting {
        Meeting {
            group: group.into(),
            id: format!("{title}@groups.example.org"),
            title: title.into(),
            start: start.into(),
            end: None,
            when: When {
                day: start[..10].parse().unwrap(),
                from: Some("18:30".parse().unwrap()),
                to: None,
                to_day: None,
                zone: "CET".into(),
                to_zone: None,
            },
            place: None,
            online: false,
            url: None,
            cancelled,
        }
    }

    fn meetings() -> MeetingsFile {
        MeetingsFile {
            version: 1,
            origin: "https://groups.example.org".into(),
            upcoming: vec![
                meeting("lyon", "Past talks", "2026-11-30T17:30:00Z", false),
                meeting("lyon", "Winter talks", "2026-12-10T17:30:00Z", true),
                meeting("budapest", "Kubernetes", "2026-12-17T17:30:00Z", false),
                meeting("lyon", "New year", "2027-01-14T17:30:00Z", false),
            ],
            groups: Default::default(),
        }
    }

    #[test]
    fn without_javascript_the_home_page_lists_the_next_meetings() {
        let docs = documents();
        let published = PublishedDirectory::new(
            1,
            vec![group("lyon", "OpenStack Lyon", "FR"), group("budapest", "OpenStack Budapest", "HU")],
        );
        let now: Timestamp = "2026-12-01T00:00:00Z".parse().unwrap();
        let home = html(docs.answer("/", "", &published, &meetings(), now, None)).1;
        let next = home.split("<h2>Next meetings</h2>").nth(1).unwrap();
        assert!(next.starts_with("<noscript><ol class=\"meeting-list\">"), "{home}");
        assert!(next.contains(">Kubernetes</span>") && next.contains(">New year</span>"), "{next}");
        assert!(!next.contains("Winter talks") && !next.contains("Past talks"), "cancelled and past left out: {next}");
        let none = html(docs.answer("/", "", &published, &MeetingsFile::default(), now, None)).1;
        assert!(none.contains("<noscript><p>No meeting is planned yet.</p></noscript>"), "{none}");
    }

    #[test]
    fn without_javascript_the_meetings_are_by_month_with_their_calendar() {
        let docs = documents();
        let published = PublishedDirectory::new(
            1,
            vec![group("lyon", "OpenStack Lyon", "FR"), group("budapest", "OpenStack Budapest", "HU")],
        );
        let now: Timestamp = "2026-12-01T00:00:00Z".parse().unwrap();
        let page = html(docs.answer("/meetings", "region=europe", &published, &meetings(), now, None)).1;
        assert!(page.contains("<p class=\"result-count\">3 meetings to come.</p>"), "{page}");
        let months: Vec<&str> =
            page.split("<h2 class=\"month\">").skip(1).map(|rest| rest.split('<').next().unwrap()).collect();
        assert_eq!(months, ["December 2026", "January 2027"]);
        assert!(
            page.contains(
                "<a href=\"webcal://groups.example.org/meetings.ics?region=europe\">Subscribe to these meetings</a>"
            ),
            "{page}"
        );
        assert!(page.contains(">https://groups.example.org/meetings.ics?region=europe</code>"), "{page}");
        let one = html(docs.answer("/meetings", "country=hu", &published, &meetings(), now, None)).1;
        assert!(one.contains("<p class=\"result-count\">1 meeting to come.</p>"), "{one}");
    }

    #[test]
    fn robots_and_sitemap_name_every_page_and_group() {
        let m = manifest();
        assert!(robots(&m).contains("Sitemap: https://groups.example.org/sitemap.xml"));
        assert!(robots(&m).contains("Disallow: /my-request\n") && robots(&m).contains("Disallow: /ja/my-request\n"));
        let groups = [group("x-group", "OpenStack Lyon", "FR")];
        // Every page of the app is said whole in every language; this manifest's content page
        // has no translation: English's alone.
        let xml = sitemap(&m, &groups);
        assert!(xml.starts_with("<?xml") && xml.trim_end().ends_with("</urlset>"));
        assert!(xml.contains(
            "<url><loc>https://groups.example.org/code-of-conduct</loc><lastmod>2026-11-28</lastmod><xhtml:link"
        ));
        assert!(xml.contains("<url><loc>https://groups.example.org/groups/x-group</loc><lastmod>2015-03</lastmod>"));
        assert!(xml.contains("<loc>https://groups.example.org/</loc>") && xml.contains("/new-group</loc>"));
        assert!(!xml.contains("openstack-community-code-conduct"), "aliases are not canonical");
        let in_all = |l: &&str| {
            l.contains("/meetings</loc>")
                || l.contains("/groups</loc>")
                || l.contains("/new-group</loc>")
                || l.contains("/groups/x-group</loc>")
                // The home page, in any language (`/`, `/ja/`).
                || l.split("<loc>").nth(1).is_some_and(|rest| rest.split('<').next().unwrap().ends_with('/'))
        };
        let (translated, rest): (Vec<&str>, Vec<&str>) = xml.lines().partition(in_all);
        assert!(rest.iter().all(|l| !l.contains("/ja/") && !l.contains("hreflang=\"ja\"")), "{xml}");
        assert_eq!(translated.len(), 5 * Lang::ALL.len(), "{xml}");
        assert!(xml.contains("<url><loc>https://groups.example.org/ja/groups/x-group</loc><lastmod>2015-03</lastmod>"));
        assert_eq!(
            xml.matches("<url>").count(),
            8 + 8 + 8 + 8 + 1 + 8,
            "/groups, / and /meetings and /new-group in 8, a content page, a group in 8"
        );
        // Once languages say them, each page in each of them, each version naming every
        // version, itself included, and the default.
        let xml = sitemap_in(&m, &groups, |_| Lang::ALL.to_vec());
        assert!(
            xml.contains("<url><loc>https://groups.example.org/ja/code-of-conduct</loc><lastmod>2026-11-28</lastmod>")
        );
        assert!(
            xml.contains("<url><loc>https://groups.example.org/pt-br/groups/x-group</loc><lastmod>2015-03</lastmod>")
        );
        assert!(xml.contains("<loc>https://groups.example.org/zh-hans/</loc>"));
        let group_entry =
            xml.lines().find(|l| l.contains("<loc>https://groups.example.org/ru/groups/x-group</loc>")).unwrap();
        for (hreflang, href) in [
            ("en", "/groups/x-group"),
            ("ru", "/ru/groups/x-group"),
            ("zh-Hans", "/zh-hans/groups/x-group"),
            ("x-default", "/groups/x-group"),
        ] {
            let link = format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"https://groups.example.org{href}\"/>"
            );
            assert!(group_entry.contains(&link), "{group_entry}");
        }
        assert_eq!(group_entry.matches("<xhtml:link").count(), Lang::ALL.len() + 1);
        assert_eq!(xml.matches("<url>").count(), (4 + 1 + 1) * Lang::ALL.len(), "4 app pages, a content page, a group");
    }
}
