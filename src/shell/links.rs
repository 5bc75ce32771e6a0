//! Where a link inside the site leads, by the route table: a page of the app
//! (`groups_core::routes::match_path`), a content page (`pages::lookup::find`: its path, an
//! alias, either under `/content/`, and a heading of it for a fragment) or one of the few files
//! the pages link to beside them (the calendars, a meeting's own, and the world and countries
//! the maps drawn without script show). The tests hold every link the pages render to
//! it: the pre-rendered documents and the views drawn with data natively (`prerender`'s tests),
//! and the views only a browser draws (`tests/web.rs`).

use groups_core::{
    markup::{COUNTRY_SVG_DIR, WORLD_SVG},
    regions::country,
    routes::{calendar_href, match_path, Matched, Page, CALENDAR_FILE, MEETING_FOLDER},
};

use crate::pages::lookup as content;

/// What an internal link leads to.
#[derive(Debug, PartialEq)]
pub enum Target<'a> {
    /// A page of the app, with its parameter as written (a group's slug).
    App(Page, Option<&'a str>),
    Content(&'static content::Page),
    /// A file served beside the pages: every group's calendar (`None`) or a group's.
    Calendar(Option<&'a str>),
    /// One meeting's calendar, to add it alone: its group's slug.
    MeetingCalendar(&'a str),
    /// The world's image, which a map drawn without script shows (`<image href>`).
    World,
    /// A country's shape (a group's small map), by its code as the directory writes it.
    Country(&'static str),
}

/// Whether `href` is a link inside the site: a path from the root (`/groups`), not a
/// scheme-relative address (`//elsewhere.example`), another scheme or a fragment alone.
pub fn is_internal(href: &str) -> bool {
    href.starts_with('/') && !href.starts_with("//")
}

/// Where the internal link `href` leads (its query left aside), or why it leads nowhere.
pub fn target(href: &str) -> Result<Target<'_>, String> {
    if !is_internal(href) {
        return Err(format!("{href}: not a link inside the site"));
    }
    let (before_fragment, fragment) = href.split_once('#').map_or((href, None), |(p, f)| (p, Some(f)));
    let path = before_fragment.split_once('?').map_or(before_fragment, |(path, _)| path);
    // A page in another language is the same page (`/ja/groups`); files have one address.
    let (lang, page_path) = groups_i18n::address::split(path);
    if lang != groups_i18n::Lang::En {
        return match match_path(page_path) {
            Matched::Page(page, parameter) => Ok(Target::App(page, parameter)),
            Matched::Other(route) => content::find(route)
                .map(Target::Content)
                .ok_or_else(|| format!("{href}: no page of the app nor content page in {}", lang.tag())),
        };
    }
    if path == WORLD_SVG {
        return Ok(Target::World);
    }
    if let Some(code) = path.strip_prefix(COUNTRY_SVG_DIR).and_then(|p| p.strip_prefix('/')?.strip_suffix(".svg")) {
        let known = (code.len() == 2 && code == code.to_ascii_lowercase()).then(|| country(&code.to_ascii_uppercase()));
        return known.flatten().map(|c| Target::Country(c.code)).ok_or_else(|| format!("{href}: no such country"));
    }
    if let Some((page, file)) = path.rsplit_once('/') {
        let meeting = page.strip_suffix(MEETING_FOLDER).and_then(|p| p.strip_suffix('/'));
        let key = file
            .strip_suffix(".ics")
            .filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        if let (Some(page), Some(_)) = (meeting, key) {
            if let Matched::Page(Page::Group, Some(slug)) = match_path(page) {
                return Ok(Target::MeetingCalendar(slug));
            }
        }
    }
    if path == calendar_href() {
        return Ok(Target::Calendar(None));
    }
    if let Some(page) = path.strip_suffix(CALENDAR_FILE).and_then(|p| p.strip_suffix('/')) {
        if let Matched::Page(Page::Group, slug) = match_path(page) {
            return Ok(Target::Calendar(slug));
        }
    }
    match match_path(path) {
        // A fragment on an app page is the page's business (the organiser's link carries its
        // key there).
        Matched::Page(page, parameter) => Ok(Target::App(page, parameter)),
        Matched::Other(route) => {
            let page = content::find(route).ok_or_else(|| format!("{href}: no page of the app nor content page"))?;
            match fragment.filter(|f| !f.is_empty()) {
                Some(id) if !page.headings.iter().any(|h| h.id == id) => {
                    Err(format!("{href}: /{} has no heading #{id}", page.path))
                }
                _ => Ok(Target::Content(page)),
            }
        }
    }
}

/// Every `href` in `html`, in order, with `&amp;` read as `&` (every one must be quoted with
/// `"`: one that is not is returned as an `Err`, so that no link escapes a check).
pub fn hrefs(html: &str) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    for (at, _) in html.match_indices("href=") {
        let rest = &html[at + "href=".len()..];
        let value =
            rest.strip_prefix('"').and_then(|r| r.split_once('"')).map(|(value, _)| value).ok_or_else(|| {
                format!("an href not in double quotes: {}", rest.chars().take(40).collect::<String>())
            })?;
        found.push(value.replace("&amp;", "&"));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use groups_core::routes::{group_calendar_href, group_href, href};

    use super::*;
    use crate::pages::lookup::named::ORGANIZER_TIPS;

    #[test]
    fn app_pages_content_pages_and_calendars_are_found() {
        assert_eq!(target("/"), Ok(Target::App(Page::Home, None)));
        assert_eq!(target(&href(Page::Groups)), Ok(Target::App(Page::Groups, None)));
        assert_eq!(target("/groups?country=fr"), Ok(Target::App(Page::Groups, None)));
        assert_eq!(target(&group_href("berlin")), Ok(Target::App(Page::Group, Some("berlin"))));
        assert_eq!(target("/my-request#GR-7K3Q-X9M2.key"), Ok(Target::App(Page::MyRequest, None)));
        assert_eq!(target(ORGANIZER_TIPS.href), Ok(Target::Content(ORGANIZER_TIPS)));
        assert_eq!(target("/content/organizer-tips/"), Ok(Target::Content(ORGANIZER_TIPS)));
        assert_eq!(target(&ORGANIZER_TIPS.section_href("sponsors-and-money")), Ok(Target::Content(ORGANIZER_TIPS)));
        assert_eq!(target(&calendar_href()), Ok(Target::Calendar(None)));
        assert_eq!(target("/meetings.ics?region=europe"), Ok(Target::Calendar(None)));
        assert_eq!(target(&group_calendar_href("berlin")), Ok(Target::Calendar(Some("berlin"))));
        assert_eq!(target(WORLD_SVG), Ok(Target::World));
        assert_eq!(target("/countries/hu.svg"), Ok(Target::Country("HU")));
        assert_eq!(
            target(&groups_core::routes::meeting_calendar_href("berlin", "2815ab@groups.openstack.org")),
            Ok(Target::MeetingCalendar("berlin"))
        );
    }

    #[test]
    fn anything_else_leads_nowhere() {
        for href in [
            "/no-such-page",
            "/organizer-tips#no-such-heading",
            "/groups/berlin/extra",
            "/new-group/meetings.ics",
            "/groups.json",
            "/countries/xx.svg",
            "/countries/HU.svg",
            "/groups/berlin/meetings/.ics",
            "/groups/berlin/meetings/a.b.ics",
            "https://example.org/",
            "//example.org/groups",
            "#main",
        ] {
            assert!(target(href).is_err(), "{href}");
        }
    }

    #[test]
    fn every_href_is_read_and_an_unquoted_one_is_refused() {
        let html = "<a href=\"/groups?region=europe&amp;q=x\">E</a> <link href=\"/x\"> <a href=\"#main\">";
        assert_eq!(hrefs(html).unwrap(), ["/groups?region=europe&q=x", "/x", "#main"]);
        assert!(hrefs("<link href=/favicon.svg rel=icon>").is_err());
    }
}
