//! The app's pages, in the one table every part reads: the app's router, pre-rendering, the
//! server's matching and documents, the content compiler's reserved paths, `cargo xtask size`
//! and the end-to-end tests. Content pages are routed by their own paths (their front
//! matter), below and beside these; anything else is the not-found page.
//!
//! Every address here is English's (`/groups`); each other language has the same under its
//! own first segment (`/ja/groups`, `groups_i18n::address`). The functions that give an
//! address to link to ([`href`], [`group_href`], [`at`]…) give it in the current language
//! (`groups_i18n::catalogue::current`): the app's, the document pre-rendering draws, or the
//! page the server fills.

use groups_i18n::{address, catalogue, t, Msg, Section};

/// A page of the app, as opposed to a content page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Home,
    Groups,
    Group,
    Meetings,
    NewGroup,
    /// The organiser's private page (`organiser::PAGE_PATH`): never in the sitemap.
    MyRequest,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// The path's first segment (`""` for the home page): `/groups`, `/groups/:slug`.
    pub segment: &'static str,
    /// The name of the path's parameter, for a page below the segment (`slug`).
    pub param: Option<&'static str>,
    /// The page's document under `_pages/`, written by pre-rendering; the server answers with
    /// it (filled with the live directory where the page shows groups).
    pub document: &'static str,
    /// The split point of the page's lazy view (`#[lazy]` function), whose chunks a visit
    /// fetches; `None` for a view in the main module.
    pub lazy: Option<&'static str>,
    /// The page's title (the document's is `<title> · <site name>`); none for the home page,
    /// whose title is the site's name. A group's page is titled by the group's name; this is
    /// what it is called while it arrives.
    pub title: Option<Msg>,
    /// What search results and link previews show of the page (a group's is its own).
    pub description: Option<Msg>,
    /// Whether the page shows groups, and so fetches `groups.json`.
    pub shows_groups: bool,
    /// An address of this page for tests and reports (`/groups/berlin`).
    pub example: &'static str,
    /// Whether the page is in the main navigation (by its title, in the table's order).
    pub menu: bool,
    /// The parts of the catalogues (`i18n/messages/`) that hold the page's own words, for a
    /// page whose words are all there; `None` while some are still written in English in the
    /// code. In another language a page is shown in it only if the language says all its
    /// sections; otherwise in English, saying so (`lang="en"`), never a mix.
    pub sections: Option<&'static [Section]>,
}

impl Route {
    /// The page's title in the current language; empty for the home page.
    pub fn title(&self) -> &'static str {
        self.title.map_or("", t)
    }

    /// What search results show of the page, in the current language.
    pub fn description(&self) -> &'static str {
        self.description.map_or("", t)
    }

    /// Whether the page is shown in the current language: English always; another language
    /// once the page's words are in the catalogues and it says all their sections.
    pub fn translated(&self) -> bool {
        self.translated_in(&catalogue::current())
    }

    /// Whether the page is shown in `catalogue`'s language (see [`Route::translated`]).
    pub fn translated_in(&self, catalogue: &groups_i18n::Catalogue) -> bool {
        catalogue.lang() == groups_i18n::Lang::En || self.sections.is_some_and(|s| catalogue.says_all(s))
    }

    /// The English address of a page without a parameter: `/`, `/groups`. (To link to it:
    /// [`href`]; a group's page: [`group_href`].)
    pub fn href(&self) -> String {
        debug_assert!(self.param.is_none(), "a page with a parameter has an address per value");
        format!("/{}", self.segment)
    }

    /// The path as the router writes it: `/`, `/groups`, `/groups/:slug`.
    pub fn pattern(&self) -> String {
        match self.param {
            Some(param) => format!("/{}/:{param}", self.segment),
            None => format!("/{}", self.segment),
        }
    }
}

/// Every page of the app. Adding one is a line here, its view in the app's router, and its
/// document in pre-rendering; tests check that all three agree.
pub const ROUTES: &[Route] = &[
    Route {
        page: Page::Home,
        segment: "",
        param: None,
        document: "home.html",
        lazy: Some("home_part_view"),
        title: None,
        description: Some(Msg::ShellTagline),
        shows_groups: true,
        example: "/",
        menu: false,
        sections: Some(&[Section::Home, Section::Map, Section::Place, Section::Meetings, Section::Date, Section::Load]),
    },
    Route {
        page: Page::Groups,
        segment: "groups",
        param: None,
        document: "groups.html",
        lazy: Some("groups_view"),
        title: Some(Msg::ShellRouteGroupsTitle),
        description: Some(Msg::ShellRouteGroupsDescription),
        shows_groups: true,
        example: "/groups",
        menu: true,
        sections: Some(&[
            Section::Directory,
            Section::Interest,
            Section::Place,
            Section::Group,
            Section::Map,
            Section::Meetings,
            Section::Request,
            Section::Problem,
            Section::Date,
            Section::Load,
        ]),
    },
    Route {
        page: Page::Group,
        segment: "groups",
        param: Some("slug"),
        document: "group.html",
        lazy: Some("group_view"),
        title: Some(Msg::ShellRouteGroupTitle),
        description: None,
        shows_groups: true,
        example: "/groups/berlin",
        menu: false,
        sections: Some(&[Section::Group, Section::Meetings, Section::Place, Section::Date, Section::Load]),
    },
    Route {
        page: Page::Meetings,
        segment: "meetings",
        param: None,
        document: "meetings.html",
        lazy: Some("meetings_view"),
        title: Some(Msg::ShellRouteMeetingsTitle),
        description: Some(Msg::ShellRouteMeetingsDescription),
        shows_groups: true,
        example: "/meetings",
        menu: true,
        sections: Some(&[Section::Meetings, Section::Place, Section::Date, Section::Load]),
    },
    Route {
        page: Page::NewGroup,
        segment: "new-group",
        param: None,
        document: "new-group.html",
        lazy: Some("new_group_view"),
        title: Some(Msg::ShellRouteNewGroupTitle),
        description: Some(Msg::ShellRouteNewGroupDescription),
        shows_groups: true,
        example: "/new-group",
        menu: true,
        sections: Some(&[
            Section::Request,
            Section::Problem,
            Section::Place,
            Section::Group,
            Section::Map,
            Section::Meetings,
        ]),
    },
    Route {
        page: Page::MyRequest,
        segment: "my-request",
        param: None,
        document: "my-request.html",
        lazy: Some("my_request_view"),
        title: Some(Msg::ShellRouteMyRequestTitle),
        description: Some(Msg::ShellRouteMyRequestDescription),
        shows_groups: false,
        example: "/my-request",
        menu: false,
        sections: Some(&[
            Section::Organiser,
            Section::Request,
            Section::Problem,
            Section::Place,
            Section::Group,
            Section::Map,
            Section::Date,
        ]),
    },
];

/// The document of the not-found page, under `_pages/`.
pub const NOT_FOUND_DOCUMENT: &str = "not-found.html";
/// A content page's document: `_pages/content/<path>.html`.
pub fn content_document(path: &str) -> String {
    format!("content/{path}.html")
}

/// The prefix under which every content page is also reached (`/content/<path>`, the old
/// portal's addresses).
pub const CONTENT_PREFIX: &str = "content";
/// The folder of the translated content pages' bodies the app fetches (`/texts/ja/privacy.html`).
pub const TEXTS_PREFIX: &str = "texts";
/// The prefix of the server's JSON API.
pub const API_PREFIX: &str = "api";

/// The row of `page` (a `const fn`, so that the app's router can name its segments).
pub const fn route(page: Page) -> &'static Route {
    let mut i = 0;
    while i < ROUTES.len() {
        if ROUTES[i].page as usize == page as usize {
            return &ROUTES[i];
        }
        i += 1;
    }
    panic!("every page has its row")
}

/// The address in the current language of `path`, an English one: `/groups?region=asia`,
/// `/ja/groups?region=asia` in Japanese.
pub fn at(path: &str) -> String {
    address::localize(catalogue::current().lang(), path)
}

/// The address of `page` (one without a parameter): `/groups`, `/new-group` (in the current
/// language: `/ja/groups`).
pub fn href(page: Page) -> String {
    at(&route(page).href())
}

/// The English address of a group's page, `/groups/<slug>`, which its files are beside.
fn group_path(slug: &str) -> String {
    format!("/{}/{slug}", route(Page::Group).segment)
}

/// The address of a group's page: `/groups/<slug>` (in the current language).
pub fn group_href(slug: &str) -> String {
    at(&group_path(slug))
}

/// The address of a content page by its path (`organizer-tips` → `/organizer-tips`, in the
/// current language).
pub fn content_href(path: &str) -> String {
    at(&format!("/{}", path.trim_matches('/')))
}

/// The name of the calendars to subscribe to, files the server serves beside the pages:
/// every group's meetings at `/meetings.ics`, a group's at `/groups/<slug>/meetings.ics`.
pub const CALENDAR_FILE: &str = "meetings.ics";

/// The address of every group's calendar: `/meetings.ics` (a filter's query narrows it).
pub fn calendar_href() -> String {
    format!("/{CALENDAR_FILE}")
}

/// The address of a group's calendar: `/groups/<slug>/meetings.ics`.
pub fn group_calendar_href(slug: &str) -> String {
    format!("{}/{CALENDAR_FILE}", group_path(slug))
}

/// The folder of a group's meetings' own calendars, under its page: one meeting's is
/// `/groups/<slug>/meetings/<key>.ics`.
pub const MEETING_FOLDER: &str = "meetings";

/// The address of one meeting's calendar, to add it alone: `/groups/<slug>/meetings/<key>.ics`,
/// where `key` is the part of its stable id before `@` (`2815…b3a5@groups.openstack.org`), so
/// the file names the meeting by what a subscribed calendar knows it by.
pub fn meeting_calendar_href(slug: &str, id: &str) -> String {
    let key = id.split('@').next().unwrap_or_default();
    format!("{}/{MEETING_FOLDER}/{key}.ics", group_path(slug))
}

/// The app's own sections in the main navigation, in order: (label in the current
/// language, page).
pub fn menu() -> impl Iterator<Item = (&'static str, Page)> {
    ROUTES.iter().filter(|r| r.menu).map(|r| (r.title(), r.page))
}

/// The parameter's name of a page below its segment (`slug`), for the router.
pub const fn param(page: Page) -> &'static str {
    match route(page).param {
        Some(param) => param,
        None => panic!("the page has no parameter"),
    }
}

/// What an address asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Matched<'a> {
    /// A page of the app, with its parameter's value (a group's slug as written: its
    /// page decides whether a group has it).
    Page(Page, Option<&'a str>),
    /// Anything else: a content page's path (`/code-of-conduct`, `/content/code-of-conduct`,
    /// an alias) or nothing; the path without its leading and trailing `/`.
    Other(&'a str),
}

/// Matches `path` (without query or fragment) against the table.
pub fn match_path(path: &str) -> Matched<'_> {
    let path = path.trim_matches('/');
    let (first, rest) = match path.split_once('/') {
        Some((first, rest)) => (first, Some(rest)),
        None => (path, None),
    };
    for route in ROUTES {
        if route.segment != first {
            continue;
        }
        match (route.param, rest) {
            (None, None) => return Matched::Page(route.page, None),
            (Some(_), Some(value)) if !value.is_empty() && !value.contains('/') => {
                return Matched::Page(route.page, Some(value))
            }
            _ => {}
        }
    }
    Matched::Other(path)
}

/// Whether the content page with `path` and `aliases` is the one at `route`: its path or an
/// alias, each also under `/content/` (the old portal's addresses), with or without slashes
/// around it. The one lookup of a content page, for the app's router and the server's
/// documents alike.
pub fn shows_content<A: AsRef<str>>(route: &str, path: &str, aliases: &[A]) -> bool {
    let route = route.trim_matches('/');
    let route = route.strip_prefix(CONTENT_PREFIX).and_then(|r| r.strip_prefix('/')).unwrap_or(route);
    !route.is_empty() && (route == path || aliases.iter().any(|a| a.as_ref() == route))
}

/// Whether the page at `path` (its language's prefix included) is shown in English although
/// its language is another, as `catalogue` (that language's words) has it: a page of the table
/// whose words are not all in it yet, or a content page it has not translated (`in_english`,
/// given the path without its prefix). English's pages are not, nor the not-found page
/// (the shell's, always in the language). The one rule for the app's frame, pre-rendering and
/// the server, so that the three never draw one page in two languages.
pub fn shown_in_english(path: &str, catalogue: &groups_i18n::Catalogue, in_english: impl FnOnce(&str) -> bool) -> bool {
    let (lang, rest) = address::split(path);
    if lang == groups_i18n::Lang::En || catalogue.lang() == groups_i18n::Lang::En {
        return false;
    }
    match match_path(rest) {
        Matched::Page(page, _) => !route(page).translated_in(catalogue),
        Matched::Other(wanted) => in_english(wanted),
    }
}

/// The language the page `page` is shown in for a visitor of `lang`: `lang` where it says the
/// page whole, else English (the mail's links and the words they name follow it).
#[cfg(not(target_arch = "wasm32"))]
pub fn page_language(page: Page, lang: groups_i18n::Lang) -> groups_i18n::Lang {
    if route(page).translated_in(&groups_i18n::Catalogue::of(lang)) {
        lang
    } else {
        groups_i18n::Lang::En
    }
}

/// The languages the page at `path` (English's address, without a query) is shown in:
/// English, and each other one that says the page whole ([`shown_in_english`]). Only these
/// are named as its versions (`hreflang`, the sitemap); the others show English's page inside
/// their frame, and name English's address as their canonical one. `in_english` says whether
/// a route shows a content page that a language has not translated.
#[cfg(not(target_arch = "wasm32"))]
pub fn languages_of(path: &str, in_english: impl Fn(&str, groups_i18n::Lang) -> bool) -> Vec<groups_i18n::Lang> {
    groups_i18n::Lang::ALL
        .iter()
        .copied()
        .filter(|&lang| {
            !shown_in_english(&address::localize(lang, path), &groups_i18n::Catalogue::of(lang), |wanted| {
                in_english(wanted, lang)
            })
        })
        .collect()
}

/// The canonical address of the page at `path` (English's) in `lang`: its own where `lang`
/// says it whole (`languages`, from [`languages_of`]), else English's, whose page it shows.
pub fn canonical(path: &str, lang: groups_i18n::Lang, languages: &[groups_i18n::Lang]) -> String {
    if languages.contains(&lang) {
        address::localize(lang, path)
    } else {
        path.to_owned()
    }
}

/// Whether a content page may take `path` (without its leading `/`): not the home page, not
/// a page of the app nor anything below one, nor the content and API prefixes, nor a
/// language's (`ja`).
pub fn is_reserved(path: &str) -> bool {
    let first = path.split('/').next().unwrap_or_default();
    path.is_empty()
        || first == CONTENT_PREFIX
        || first == TEXTS_PREFIX
        || first == API_PREFIX
        || groups_i18n::Lang::by_address(first).is_some()
        || ROUTES.iter().any(|r| !r.segment.is_empty() && r.segment == first)
}

/// `html` (a content page's body, written with English's addresses) with each link to a page
/// in the current language: `href="/organizer-tips"` is `href="/ja/organizer-tips"` in
/// Japanese; files (`/meetings.ics`), fragments and other sites are left as they are.
pub fn localize_links(html: &str) -> std::borrow::Cow<'_, str> {
    localize_links_in(html, catalogue::current().lang())
}

/// [`localize_links`] for `lang`.
pub fn localize_links_in(html: &str, lang: groups_i18n::Lang) -> std::borrow::Cow<'_, str> {
    if lang == groups_i18n::Lang::En {
        return html.into();
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find("href=\"/") {
        let value = at + "href=\"".len();
        out.push_str(&rest[..value]);
        rest = &rest[value..];
        let end = rest.find('"').unwrap_or(rest.len());
        let link = &rest[..end];
        let path = link.split(['?', '#']).next().unwrap_or_default();
        if !link.starts_with("//") && is_page_address(path) {
            out.push_str(&address::base(lang));
        }
    }
    out.push_str(rest);
    out.into()
}

/// Whether `path` names a page (the app's or a content page, or one that does not exist)
/// rather than a file or the API: its last segment has no extension, and it is not under
/// `/api`. `/groups/berlin` is a page; `/missing.js` is a file that does not exist.
pub fn is_page_address(path: &str) -> bool {
    let trimmed = path.trim_start_matches('/');
    if trimmed == API_PREFIX || trimmed.starts_with(&format!("{API_PREFIX}/")) {
        return false;
    }
    !path.rsplit('/').next().unwrap_or_default().contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_one_row_and_a_unique_pattern_and_document() {
        for page in [Page::Home, Page::Groups, Page::Group, Page::Meetings, Page::NewGroup] {
            assert_eq!(ROUTES.iter().filter(|r| r.page == page).count(), 1, "{page:?}");
        }
        let mut patterns: Vec<_> = ROUTES.iter().map(Route::pattern).collect();
        patterns.dedup();
        assert_eq!(patterns.len(), ROUTES.len());
        let mut documents: Vec<_> = ROUTES.iter().map(|r| r.document).collect();
        documents.sort();
        documents.dedup();
        assert_eq!(documents.len(), ROUTES.len());
        assert_eq!(route(Page::Group).pattern(), "/groups/:slug");
        assert_eq!(route(Page::Home).pattern(), "/");
    }

    #[test]
    fn addresses_come_from_the_table() {
        assert_eq!(href(Page::Home), "/");
        assert_eq!(href(Page::Groups), "/groups");
        assert_eq!(href(Page::NewGroup), "/new-group");
        assert_eq!(group_href("berlin"), "/groups/berlin");
        assert_eq!(match_path(&group_href("berlin")), Matched::Page(Page::Group, Some("berlin")));
        assert_eq!(content_href("organizer-tips"), "/organizer-tips");
        assert_eq!(calendar_href(), "/meetings.ics");
        assert_eq!(group_calendar_href("berlin"), "/groups/berlin/meetings.ics");
        assert_eq!(
            meeting_calendar_href("berlin", "2815ab@groups.openstack.org"),
            "/groups/berlin/meetings/2815ab.ics"
        );
        let menu: Vec<_> = menu().collect();
        assert_eq!(menu, [("Groups", Page::Groups), ("Meetings", Page::Meetings), ("Start a group", Page::NewGroup)]);
    }

    #[test]
    fn links_are_in_the_current_language_and_files_beside_them_are_not() {
        use groups_i18n::{catalogue::set_current, Catalogue, Lang};
        set_current(Catalogue::of(Lang::Ja));
        assert_eq!(href(Page::Groups), "/ja/groups");
        assert_eq!(href(Page::Home), "/ja/");
        assert_eq!(group_href("berlin"), "/ja/groups/berlin");
        assert_eq!(content_href("privacy"), "/ja/privacy");
        assert_eq!(at("/meetings?region=asia"), "/ja/meetings?region=asia");
        assert_eq!(group_calendar_href("berlin"), "/groups/berlin/meetings.ics");
        assert_eq!(meeting_calendar_href("berlin", "ab@x"), "/groups/berlin/meetings/ab.ics");
        let menu: Vec<_> = menu().map(|(label, _)| label).collect();
        assert_eq!(menu, ["グループ", "ミートアップ", "グループを始める"]);
        assert_eq!(route(Page::Groups).title(), "グループ");
        assert_eq!(
            localize_links(
                r#"<a href="/organizer-tips#money">t</a> <a href="/meetings.ics">c</a> <a href="//x.org/a">x</a> <a href="https://x.org/">y</a> <a href="/">h</a>"#
            ),
            r#"<a href="/ja/organizer-tips#money">t</a> <a href="/meetings.ics">c</a> <a href="//x.org/a">x</a> <a href="https://x.org/">y</a> <a href="/ja/">h</a>"#
        );
        assert!(route(Page::Groups).translated(), "its words are all in the catalogue");
        set_current(Catalogue::untranslated(Lang::Ja));
        assert!(!route(Page::Groups).translated(), "its words are not in the catalogue");
        set_current(Catalogue::english());
        assert!(route(Page::Groups).translated());
        assert_eq!(href(Page::Groups), "/groups");
    }

    #[test]
    fn in_another_language_a_page_not_translated_yet_is_shown_in_english() {
        use groups_i18n::{Catalogue, Lang};
        let content = |wanted: &str| shows_content(wanted, "privacy", &["privacy-policy"]);
        let (english, japanese) = (Catalogue::english(), Catalogue::of(Lang::Ja));
        assert!(!shown_in_english("/groups", &english, content), "English is English");
        assert!(!shown_in_english("/privacy", &english, content));
        assert!(!shown_in_english("/ja/groups", &japanese, content), "its words are all in the catalogue");
        let lacking = Catalogue::untranslated(Lang::Ja);
        assert!(shown_in_english("/ja/groups", &lacking, content), "its words are not in the catalogue");
        assert!(shown_in_english("/ja/privacy", &japanese, content), "a content page not translated");
        assert!(shown_in_english("/ja/content/privacy", &japanese, content));
        assert!(shown_in_english("/ja/privacy-policy", &japanese, content));
        assert!(!shown_in_english("/ja/no/such/page", &japanese, content), "the not-found page is the shell's");
        assert!(!shown_in_english("/ja/privacy", &japanese, |_| false), "a content page translated");
        // Without its words the language says nothing: its pages are drawn in English's words
        // with its addresses, and a notice would have nothing to tell apart.
        assert!(!shown_in_english("/ja/groups", &english, content));
        // A page whose sections the language says whole is shown in it.
        let whole = Route { sections: Some(&[Section::Shell]), ..*route(Page::Groups) };
        assert!(whole.translated_in(&japanese) && !whole.translated_in(&Catalogue::untranslated(Lang::Ja)));
    }

    #[test]
    fn a_page_has_a_version_in_each_language_that_says_it_whole() {
        use groups_i18n::Lang;
        // Every page of the table is said in every language shipped, and so is the not-found
        // page (the shell's); a content page in those that translated it.
        assert_eq!(languages_of("/groups", |_, _| false), Lang::ALL);
        assert_eq!(languages_of("/privacy", |wanted, _| wanted == "privacy"), [Lang::En]);
        assert_eq!(languages_of("/privacy", |_, lang| lang != Lang::De), [Lang::En, Lang::De]);
        assert_eq!(languages_of("/no/such/page", |_, _| false), Lang::ALL);
        // The canonical address is the language's own only where it says the page.
        assert_eq!(canonical("/groups", Lang::Ja, &[Lang::En]), "/groups");
        assert_eq!(canonical("/groups", Lang::Ja, &[Lang::En, Lang::Ja]), "/ja/groups");
        assert_eq!(canonical("/groups", Lang::En, &[Lang::En]), "/groups");
    }

    #[test]
    fn no_language_takes_a_pages_address() {
        for lang in groups_i18n::Lang::ALL.iter().filter(|l| !l.address().is_empty()) {
            assert!(ROUTES.iter().all(|r| r.segment != lang.address()), "{lang:?}");
            assert!(![CONTENT_PREFIX, API_PREFIX].contains(&lang.address()), "{lang:?}");
        }
    }

    #[test]
    fn each_example_matches_its_own_page() {
        for r in ROUTES {
            assert!(matches!(match_path(r.example), Matched::Page(p, _) if p == r.page), "{}", r.example);
        }
    }

    #[test]
    fn addresses_find_their_pages() {
        assert_eq!(match_path("/"), Matched::Page(Page::Home, None));
        assert_eq!(match_path(""), Matched::Page(Page::Home, None));
        assert_eq!(match_path("/groups"), Matched::Page(Page::Groups, None));
        assert_eq!(match_path("/groups/"), Matched::Page(Page::Groups, None));
        assert_eq!(match_path("/groups/berlin"), Matched::Page(Page::Group, Some("berlin")));
        assert_eq!(match_path("/groups/Not A Slug"), Matched::Page(Page::Group, Some("Not A Slug")));
        assert_eq!(match_path("/groups/a/b"), Matched::Other("groups/a/b"));
        assert_eq!(match_path("/new-group"), Matched::Page(Page::NewGroup, None));
        assert_eq!(match_path("/code-of-conduct"), Matched::Other("code-of-conduct"));
        assert_eq!(match_path("/content/privacy/"), Matched::Other("content/privacy"));
    }

    #[test]
    fn a_content_page_is_found_by_its_path_and_aliases_under_content_too() {
        let aliases = ["openstack-community-code-conduct"];
        for route in [
            "code-of-conduct",
            "/code-of-conduct/",
            "/content/code-of-conduct",
            "openstack-community-code-conduct",
            "/content/openstack-community-code-conduct",
            "content/openstack-community-code-conduct/",
        ] {
            assert!(shows_content(route, "code-of-conduct", &aliases), "{route}");
        }
        for route in ["", "/", "content", "/content/", "privacy", "/content/privacy", "contentcode-of-conduct"] {
            assert!(!shows_content(route, "code-of-conduct", &aliases), "{route}");
        }
    }

    #[test]
    fn the_app_and_its_prefixes_are_reserved_for_content() {
        for path in [
            "",
            "groups",
            "groups/x",
            "meetings",
            "new-group",
            "content",
            "content/x",
            "api",
            "api/health",
            "ja",
            "pt-br/x",
        ] {
            assert!(is_reserved(path), "{path}");
        }
        for path in ["privacy", "groupsx", "new-groups", "contents"] {
            assert!(!is_reserved(path), "{path}");
        }
    }

    #[test]
    fn pages_are_not_files_or_the_api() {
        for path in ["/", "/groups", "/groups/berlin", "/new-group", "/content/organizer-tips", "/x/"] {
            assert!(is_page_address(path), "{path}");
        }
        for path in ["/missing.js", "/a/b/style.css", "/favicon.ico", "/api", "/api/nothing"] {
            assert!(!is_page_address(path), "{path}");
        }
    }
}
