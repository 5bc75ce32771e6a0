//! Every link the pages render leads somewhere the route table knows (`shell::links`): a page
//! of the app, a content page (and a heading of it), a calendar (a meeting's too) or the maps'
//! world and countries; a group's
//! link, to a group of the directory shown. The pages are the documents pre-rendering writes, what the server
//! fills into them for a directory (the same `groups_core::markup` it uses), and the app's
//! views drawn with a directory and its meetings. The views only a browser can draw (the form,
//! its confirmation, the directory with its map and filters) are checked by `tests/web.rs`.

use std::{collections::BTreeSet, path::Path, sync::Arc};

use groups_core::{
    filter::Filter,
    html::{PATH_SLOT, SLUG_SLOT},
    markup::{group_meetings, group_page_rest, group_summary, list_item, meeting_item, region_list},
    meetings::{GroupMeetings, Meeting, MeetingsFile, VERSION},
    routes::{group_href, href, menu, Page, ROUTES},
    when::{Day, When},
};
use leptos::prelude::*;

use super::{markup, write_all, PAGES_DIR};
use crate::{
    directory::{group_page::GroupDetails, list::GroupList, model::Directory, page::start_href},
    meetings::{home::NextMeetings, page::MeetingsView, state::Known},
    pages::lookup::PAGES,
    shell::links::{hrefs, is_internal, target, Target},
};

/// Where the links found led.
#[derive(Default)]
struct Seen {
    links: usize,
    pages: BTreeSet<String>,
    content: BTreeSet<&'static str>,
    calendars: usize,
    meeting_calendars: usize,
    world: usize,
    countries: usize,
}

/// What is wrong with the internal links in `html` (none: an empty list); counted in `seen`.
fn problems(html: &str, directory: &Directory, seen: &mut Seen) -> Vec<String> {
    let found = match hrefs(html) {
        Ok(found) => found,
        Err(problem) => return vec![problem],
    };
    let known = |slug: &str| directory.index_of(slug).is_some();
    let mut problems = Vec::new();
    for href in found.iter().filter(|h| is_internal(h)) {
        seen.links += 1;
        match target(href) {
            Ok(Target::App(Page::Group, Some(slug)))
            | Ok(Target::Calendar(Some(slug)))
            | Ok(Target::MeetingCalendar(slug))
                if !known(slug) =>
            {
                problems.push(format!("{href}: no group {slug} in the directory"))
            }
            Ok(Target::App(page, _)) => {
                seen.pages.insert(format!("{page:?}"));
            }
            Ok(Target::Content(page)) => {
                seen.content.insert(page.path);
            }
            Ok(Target::Calendar(_)) => seen.calendars += 1,
            Ok(Target::MeetingCalendar(_)) => seen.meeting_calendars += 1,
            Ok(Target::World) => seen.world += 1,
            Ok(Target::Country(_)) => seen.countries += 1,
            Err(problem) => problems.push(problem),
        }
    }
    problems
}

/// The shipped directory, and meetings to come for its first three groups.
fn fixture() -> (Arc<Directory>, Known) {
    let (directory, _) = Directory::read(include_str!("../../public/groups.json")).expect("the shipped directory");
    let mut file = MeetingsFile { version: VERSION, ..MeetingsFile::default() };
    for (n, group) in directory.groups.iter().take(3).enumerate() {
        let start = format!("2099-0{}-01T18:00:00Z", n + 1);
        let day: Day = format!("2099-0{}-01", n + 1).parse().expect("a day");
        file.upcoming.push(Meeting {
            group: group.slug.clone(),
            id: format!("meeting-{n}"),
            title: "Talks and beer".into(),
            start: start.clone(),
            end: None,
            when: When { day, from: "18:00".parse().ok(), to: None, to_day: None, zone: "CET".into(), to_zone: None },
            place: Some("Somewhere".into()),
            online: n == 1,
            url: Some("https://example.org/meeting".into()),
            cancelled: n == 2,
        });
        file.groups.insert(
            group.slug.clone(),
            GroupMeetings {
                source: "example.org".into(),
                updated: "2098-12-01".parse().ok(),
                last: "2098-11-12".parse().ok(),
                next: Some(start),
                next_date: Some(day),
                quiet: false,
            },
        );
    }
    (Arc::new(directory), Known { file: Arc::new(file), error: None })
}

/// Trunk's `index.html`, as small as pre-rendering accepts it.
const INDEX: &str = "<!doctype html><html lang=en><head><title>t</title><script type=module>import init, * as bindings from '/app-9f.js';\n\
                     const wasm = await init({ module_or_path: '/app-9f_bg.wasm' });</script>\
                     <link data-integrity=none href=/main-1a2b.css rel=stylesheet></head><body></body></html>";

/// Every document pre-rendering writes, by its file under `_pages/`: (file, body).
fn documents() -> Vec<(String, String)> {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), INDEX).unwrap();
    std::fs::write(dist.path().join("main-1a2b.css"), "body{margin:0}").unwrap();
    // What the link previews' picture is drawn from.
    let public = Path::new(env!("CARGO_MANIFEST_DIR")).join("public");
    for file in ["world.svg", "groups.json"] {
        std::fs::copy(public.join(file), dist.path().join(file)).unwrap();
    }
    let written = write_all(dist.path()).unwrap();
    let mut documents = Vec::new();
    let mut folders = vec![dist.path().join(PAGES_DIR)];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let html = std::fs::read_to_string(&path).unwrap();
                let body = html.split_once("<body>").map(|(_, body)| body.to_owned()).unwrap();
                documents.push((name(&path, dist.path()), body));
            }
        }
    }
    assert_eq!(documents.len(), written);
    documents
}

fn name(path: &Path, dist: &Path) -> String {
    path.strip_prefix(dist.join(PAGES_DIR)).unwrap().display().to_string()
}

/// What the server puts into the documents for `directory` (see the server's `pages.rs`): each
/// group's page, the directory's list, the regions and the meetings.
fn server_filled(directory: &Directory, known: &Known) -> Vec<(String, String)> {
    let file = &known.file;
    let mut filled = vec![("the regions".to_owned(), region_list(&directory.groups))];
    for (i, group) in directory.groups.iter().enumerate() {
        let page = format!("{}{}{}", group_summary(group), group_meetings(group, file), group_page_rest(group));
        filled.push((format!("the page of {}", group.slug), page));
        filled.push((format!("the list's {}", group.slug), list_item(i, group, file.next_date(&group.slug))));
    }
    for meeting in &file.upcoming {
        let group = directory.index_of(&meeting.group).map(|i| &directory.groups[i]);
        filled.push((format!("the meeting {}", meeting.id), meeting_item(meeting, group)));
        filled.push((format!("the meeting {} on its group's page", meeting.id), meeting_item(meeting, None)));
    }
    filled
}

/// The app's views that show groups, drawn with `directory` and `known` at their addresses.
fn app_views(directory: &Arc<Directory>, known: &Known) -> Vec<(String, String)> {
    let mut views = Vec::new();
    let with_meetings = directory.groups.iter().take(4).map(|g| g.slug.clone());
    for slug in with_meetings.chain(["no-such-group".to_owned()]) {
        let (directory, known) = (directory.clone(), known.clone());
        let at = group_href(&slug);
        let html = markup(&at, move || {
            let slug = Memo::new(move |_| slug.clone());
            view! { <GroupDetails directory known slug /> }
        });
        views.push((at, html));
    }
    for at in [href(Page::Meetings), format!("{}?region=europe", href(Page::Meetings))] {
        let (directory, known) = (directory.clone(), known.clone());
        views.push((at.clone(), markup(&at, move || view! { <MeetingsView directory known /> })));
    }
    let (next, next_known) = (directory.clone(), known.clone());
    views.push((
        "the home page's next meetings".into(),
        markup(&href(Page::Home), move || view! { <NextMeetings directory=next known=next_known /> }),
    ));
    let (list, meetings) = (directory.clone(), known.file.clone());
    let all = directory.groups.len();
    views.push((
        "the directory's list".into(),
        markup(&href(Page::Groups), move || {
            let shown = Signal::stored((0..all).collect::<Vec<_>>());
            view! { <GroupList directory=list meetings shown highlight=RwSignal::new(None) limit=RwSignal::new(all) /> }
        }),
    ));
    // The directory itself needs a browser (its map, its filters' address), but not where
    // "ask to start a group" leads when no group matches.
    for filter in [Filter::default(), Filter { country: Some("FR"), ..Filter::default() }] {
        views.push((format!("no group matches {filter:?}"), format!("<a href=\"{}\">", start_href(&filter))));
    }
    views
}

fn without_language_switch(html: &str) -> String {
    let Some(start) = html.find("<details class=\"language-switch\"") else { return html.to_owned() };
    let end = html[start..].find("</details>").map_or(html.len(), |i| start + i + "</details>".len());
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn every_link_of_every_page_leads_to_a_page_of_the_route_table_a_content_page_or_a_calendar() {
    let (directory, known) = fixture();
    let documents = documents();
    assert_eq!(
        documents.len(),
        (ROUTES.len() + PAGES.len() + 1) * groups_i18n::Lang::ALL.len(),
        "every page of the route table, every content page, 404, in every language"
    );
    // As the server fills them: a group's template for one of the groups, the not-found
    // page for an address asked for.
    let slug = &directory.groups[0].slug;
    let documents: Vec<_> = documents
        .into_iter()
        .map(|(name, html)| (name, html.replace(SLUG_SLOT, slug).replace(PATH_SLOT, "/privacy")))
        .collect();
    let mut seen = Seen::default();
    let mut wrong = Vec::new();
    for (name, html) in documents.iter().chain(&server_filled(&directory, &known)).chain(&app_views(&directory, &known))
    {
        // The language switcher leads to the page shown, whatever it is (a group that does
        // not exist, on its 404 page), in each language: `groups_i18n::address`'s tests.
        let html = without_language_switch(html);
        wrong.extend(problems(&html, &directory, &mut seen).into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(wrong.is_empty(), "links that lead nowhere:\n{}", wrong.join("\n"));

    // The check saw what it is for: every kind of target, each section of the menu, a
    // content page from the app and from the markdown, both kinds of calendar.
    for page in menu().map(|(_, page)| page).chain([Page::Home, Page::Group]) {
        assert!(seen.pages.contains(&format!("{page:?}")), "no link to {page:?}");
    }
    assert!(seen.content.contains("organizer-tips") && seen.content.contains("privacy"), "{:?}", seen.content);
    assert!(seen.calendars >= 2, "{} calendar links", seen.calendars);
    assert!(seen.world > 0, "no map drawn without script");
    assert!(seen.countries > 0, "no group's small map with its country");
    assert!(seen.meeting_calendars > 0, "no meeting to add to a calendar");
    assert!(seen.links > 500, "{} links", seen.links);
}

#[test]
fn another_languages_documents_link_to_pages_in_it_but_for_the_language_switcher() {
    let documents = documents();
    let japanese: Vec<_> = documents.iter().filter(|(name, _)| name.starts_with("ja/")).collect();
    assert_eq!(japanese.len(), ROUTES.len() + PAGES.len() + 1);
    let mut checked = 0;
    for (name, html) in japanese {
        let html = html.replace(SLUG_SLOT, "berlin").replace(PATH_SLOT, "/privacy");
        for tag in html.split("<a ").skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let Some(href) = tag.split_once("href=\"").and_then(|(_, rest)| rest.split_once('"')).map(|(h, _)| h)
            else {
                continue;
            };
            if !is_internal(href) || tag.contains("hreflang=") {
                continue;
            }
            if let Ok(Target::App(..) | Target::Content(_)) = target(href) {
                assert!(href.starts_with("/ja/"), "{name}: {href} leaves Japanese");
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked} links");
}

#[test]
fn a_link_that_leads_nowhere_is_caught() {
    let (directory, _) = fixture();
    let mut seen = Seen::default();
    let page = "<a href=\"/groups\">ok</a><a href=\"/group\">typo</a><a href=\"/groups/atlantis\">gone</a>\
                <a href=\"/privacy#nothing\">no heading</a><a href=\"/groups/atlantis/meetings.ics\">no calendar</a>\
                <a href=\"https://example.org/\">elsewhere</a><a href=#main>unquoted</a>";
    assert_eq!(problems(page, &directory, &mut seen), ["an href not in double quotes: #main>unquoted</a>"]);
    let page = page.replace("href=#main", "href=\"#main\"");
    let found = problems(&page, &directory, &mut seen);
    assert_eq!(found.len(), 4, "{found:?}");
    for (problem, href) in found.iter().zip(["/group", "/groups/atlantis", "/privacy#nothing", "/groups/atlantis/"]) {
        assert!(problem.starts_with(href), "{problem}");
    }
}
