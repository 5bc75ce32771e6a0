//! The markup the app and the server both write: an item of the group list, a group's summary
//! on its page, meetings (by month, the home page's next ones) and their calendars, the
//! regions with their counts, and a map drawn without script (an SVG of the world with the
//! groups on it). Every value it interpolates is escaped, slugs included, so the page the
//! server sends and the page the app draws are one text, and neither can carry markup from a
//! record. Text people wrote (names, places, descriptions, meetings' titles) carries
//! `dir="auto"`: a Hebrew description reads right to left, "OpenStack" in it where it belongs.

use std::fmt::Write as _;

use groups_i18n::{catalogue::fill, t, tf, Msg};

use crate::{
    case::lowercase,
    cluster::{cluster, MIN_SPACING_PX},
    directory::{GroupRecord, Status},
    filter::{region_counts, Filter},
    geo::{to_map, Point, HEIGHT, WIDTH},
    html::escape,
    links::link_text,
    meetings::{Meeting, MeetingsFile},
    regions::{Region, COUNTRIES},
    routes::meeting_calendar_href,
    search::fold,
    viewport::View,
};

/// Where the world's shapes are served from (drawn at build time, `cargo xtask geometry`).
pub const WORLD_SVG: &str = "/world.svg";
/// Where each country's shape alone is served from, in the world's frame: `/countries/hu.svg`
/// (`cargo xtask geometry` writes one for every country, empty for those too small to draw).
pub const COUNTRY_SVG_DIR: &str = "/countries";

/// A group in the list: a link to its page, where it meets, its status and, when known, the
/// date of its next meeting. `index` is its place in the directory, by which the app's map
/// and list highlight each other.
pub fn list_item(index: usize, group: &GroupRecord, next: Option<String>) -> String {
    list_item_at(index, group, next, None)
}

/// [`list_item`] with how far the group is from the place chosen ("85 km away").
pub fn list_item_at(index: usize, group: &GroupRecord, next: Option<String>, distance: Option<&str>) -> String {
    let class = match group.status {
        Status::Official => "badge",
        Status::New => "badge new",
    };
    let badge = format!("<span class=\"{class}\">{}</span>", escape(group.status.name()));
    let next = next
        .map(|date| {
            format!("<span class=\"next\">{}</span>", escape(&tf(Msg::DirectoryNextMeeting, &[("date", &date)])))
        })
        .unwrap_or_default();
    let distance = distance.map(|d| format!("<span class=\"distance\">{}</span>", escape(d))).unwrap_or_default();
    format!(
        "<li data-index=\"{index}\"><a href=\"{}\" dir=\"auto\">{}</a><span class=\"where\" dir=\"auto\">{}</span>{distance}{badge}{next}</li>",
        escape(&group.path()),
        escape(&group.name),
        escape(&group.place()),
    )
}

/// How many meetings a group's page lists.
pub const GROUP_PAGE_MEETINGS: usize = 5;

/// A meeting in a list: when (its date as a `<time>`, its time in its own zone), what (a link
/// to its own page when it has one), where (or "Online"), "Cancelled" when it is, else a link
/// to add it alone to a calendar (with the UID a subscribed calendar knows it by).
/// `group` names the group, for lists of every group's meetings.
pub fn meeting_item(meeting: &Meeting, group: Option<&GroupRecord>) -> String {
    meeting_item_at(meeting, group, None)
}

/// [`meeting_item`] with how far its group is from the place chosen ("85 km away").
pub fn meeting_item_at(meeting: &Meeting, group: Option<&GroupRecord>, distance: Option<&str>) -> String {
    let mut html = format!("<li class=\"meeting{}\">", if meeting.cancelled { " cancelled" } else { "" });
    // The language's order of date and hours, with the date in a `<time>`.
    let date = format!("<time datetime=\"{}\">{}</time>", escape(&meeting.start), escape(&meeting.when.date()));
    let when = fill(&escape(t(Msg::DateWhen)), &[("date", &date), ("time", &escape(&meeting.when.time()))]);
    let _ = write!(html, "<p class=\"meeting-when\">{when}</p>");
    html.push_str("<p class=\"meeting-what\">");
    if meeting.cancelled {
        let cancelled = format!("<strong class=\"meeting-cancelled\">{}</strong>", escape(t(Msg::MeetingsCancelled)));
        html.push_str(&then(&cancelled, ""));
    }
    let title = escape(&meeting.title);
    match &meeting.url {
        Some(url) => {
            let _ = write!(html, "<a href=\"{}\" rel=\"noopener noreferrer\" dir=\"auto\">{title}</a>", escape(url));
        }
        None => {
            let _ = write!(html, "<span dir=\"auto\">{title}</span>");
        }
    }
    html.push_str("</p>");
    let place = match (&meeting.place, meeting.online) {
        (_, true) => Some(escape(t(Msg::MeetingsOnline))),
        (Some(place), false) => Some(format!("<span dir=\"auto\">{}</span>", escape(place))),
        (None, false) => None,
    };
    let group = group.map(|g| format!("<a href=\"{}\" dir=\"auto\">{}</a>", escape(&g.path()), escape(&g.name)));
    let distance = distance.map(|d| format!("<span class=\"distance\">{}</span>", escape(d)));
    let line: Vec<String> = group.into_iter().chain(distance).chain(place).collect();
    if !line.is_empty() {
        let _ = write!(html, "<p class=\"meeting-where\">{}</p>", line.join(" · "));
    }
    if !meeting.cancelled {
        // Its name says which meeting to a screen reader going from link to link.
        let _ = write!(
            html,
            "<p class=\"meeting-add\"><a href=\"{}\">{}<span class=\"visually-hidden\">: <span dir=\"auto\">{title}</span></span></a></p>",
            escape(&meeting_calendar_href(&meeting.group, &meeting.id)),
            escape(t(Msg::MeetingsAdd)),
        );
    }
    html.push_str("</li>");
    html
}

/// A meeting as a list shows it: the meeting, its group (in lists of every group's meetings) and
/// how far that group is from the place chosen ("85 km away"), if one is.
pub type Listed<'a> = (&'a Meeting, Option<&'a GroupRecord>, Option<String>);

/// Meetings under a heading for each month ("December 2026", in the meetings' own zones), each
/// month's in a list: `/meetings` as the app and the server show it.
pub fn meetings_by_month<'a>(meetings: impl IntoIterator<Item = Listed<'a>>) -> String {
    let mut html = String::new();
    let mut month = None;
    for (meeting, group, distance) in meetings {
        if month != Some(meeting.month()) {
            if month.is_some() {
                html.push_str("</ol>");
            }
            let heading = meeting.when.day.month_year();
            let _ = write!(html, "<h2 class=\"month\">{}</h2><ol class=\"meeting-list\">", escape(&heading));
            month = Some(meeting.month());
        }
        html.push_str(&meeting_item_at(meeting, group, distance.as_deref()));
    }
    if month.is_some() {
        html.push_str("</ol>");
    }
    html
}

/// How many meetings a list of them shows, in words: "3 meetings to come.", or that none is
/// planned in the places chosen.
pub fn meetings_to_come(n: usize) -> String {
    if n == 0 {
        t(Msg::MeetingsNoneHere).to_owned()
    } else {
        groups_i18n::tn(Msg::MeetingsToCome, n as u64, &[])
    }
}

/// How many meetings the home page shows.
pub const HOME_MEETINGS: usize = 4;

/// The home page's next meetings, as the app and (without JavaScript) the server show them: the
/// few still to come at `now` soonest anywhere, cancelled ones left out; or that none is.
pub fn next_meetings(file: &MeetingsFile, groups: &[GroupRecord], now: &str) -> String {
    let next: String = file
        .in_places(groups, &Filter::default(), now)
        .into_iter()
        .filter(|&(m, _)| !file.upcoming[m].cancelled)
        .take(HOME_MEETINGS)
        .map(|(m, g)| meeting_item(&file.upcoming[m], Some(&groups[g])))
        .collect();
    if next.is_empty() {
        "<p>No meeting is planned yet.</p>".to_owned()
    } else {
        format!("<ol class=\"meeting-list\">{next}</ol>")
    }
}

/// The way to a calendar of meetings at `path` (`/meetings.ics?region=asia`): `sentence` with
/// `{link}` as the words of a `webcal://` link (`link`, which a calendar app subscribes to),
/// then its `https://` address to copy into a calendar app, in an element `id`, with a "Copy
/// address" button where scripts run (see `components::copy`). `origin` is the site's
/// canonical one (`MeetingsFile::origin`); without it, a plain link by path.
pub fn calendar_links(path: &str, origin: &str, link: &str, sentence: &str, id: &str) -> String {
    let linked = |href: &str| {
        let a = format!("<a href=\"{}\">{}</a>", escape(href), escape(link));
        format!("<p class=\"subscribe\">{}</p>", fill(&escape(sentence), &[("link", &a)]))
    };
    let Some((_, host)) = origin.split_once("://") else {
        return linked(path);
    };
    let address = format!("{origin}{path}");
    format!(
        "{}<p class=\"calendar-address\">{} <code class=\"link-text\" id=\"{id}\">{}</code> \
         <button type=\"button\" class=\"button secondary copy js-only\" data-copy=\"{id}\">{}</button> \
         <span class=\"copy-status\" role=\"status\"></span></p>",
        linked(&format!("webcal://{host}{path}")),
        escape(t(Msg::MeetingsByAddress)),
        escape(&address),
        escape(t(Msg::MeetingsCopy)),
    )
}

/// The calendar of the meetings in the places `filter` names (its region and country), to
/// subscribe to or copy: `/meetings` as the app and the server show it.
pub fn meetings_calendar(filter: &Filter, origin: &str) -> String {
    let places = Filter { region: filter.region, country: filter.country, ..Filter::default() };
    calendar_links(
        &places.href_at(&crate::routes::calendar_href()),
        origin,
        t(Msg::MeetingsSubscribeLink),
        t(Msg::MeetingsSubscribe),
        "meetings-calendar",
    )
}

/// A group's meetings on its page: its next ones, when it last met, where its meetings come
/// from and when they were last read, and, when it has not met for a year and plans nothing,
/// that it may have stopped. Empty for a group without a calendar.
pub fn group_meetings(group: &GroupRecord, file: &MeetingsFile) -> String {
    let Some(story) = file.groups.get(&group.slug) else { return String::new() };
    let mut html = format!(
        "<section class=\"meetings\" aria-labelledby=\"meetings-title\"><h2 id=\"meetings-title\">{}</h2>",
        escape(t(Msg::GroupNextMeetings))
    );
    let next: Vec<&Meeting> = file.of(&group.slug).take(GROUP_PAGE_MEETINGS).collect();
    if next.is_empty() {
        let _ = write!(html, "<p>{}</p>", escape(t(Msg::GroupNoMeeting)));
    } else {
        html.push_str("<ol class=\"meeting-list\">");
        for meeting in next {
            html.push_str(&meeting_item(meeting, None));
        }
        html.push_str("</ol>");
    }
    if story.quiet {
        let _ = write!(html, "<p class=\"meetings-quiet\">{}</p>", escape(t(Msg::GroupQuiet)));
    }
    let mut source = Vec::new();
    if let Some(last) = &story.last {
        source.push(tf(Msg::GroupLastMet, &[("date", &last.full())]));
    }
    source.push(match &story.updated {
        Some(updated) => tf(Msg::GroupSource, &[("site", &story.source), ("date", &updated.long())]),
        None => tf(Msg::GroupSourceUnread, &[("site", &story.source)]),
    });
    let source = source.iter().map(|s| escape(s)).reduce(|first, second| then(&first, &second)).unwrap_or_default();
    let _ = write!(html, "<p class=\"meetings-source\">{source}</p>");
    html.push_str(&calendar_links(
        &crate::routes::group_calendar_href(&group.slug),
        &file.origin,
        t(Msg::GroupSubscribeLink),
        t(Msg::GroupSubscribe),
        "group-calendar",
    ));
    html.push_str("</section>");
    html
}

/// A group's summary at the top of its page: its name, description, facts (with links to its
/// country's and region's groups), links and when its details were checked.
pub fn group_summary(group: &GroupRecord) -> String {
    let mut html = format!("<h1 dir=\"auto\">{}</h1>", escape(&group.name));
    if let Some(description) = &group.description {
        let _ = write!(html, "<p class=\"lead\" dir=\"auto\">{}</p>", escape(description));
    }
    html.push_str("<dl class=\"facts\">");
    if let Some(city) = &group.city {
        let _ = write!(html, "<dt>{}</dt><dd dir=\"auto\">{}</dd>", escape(t(Msg::GroupCity)), escape(city));
    }
    let country = Filter { country: Some(group.country.code), ..Default::default() }.href();
    let region = Filter { region: Some(group.region()), ..Default::default() }.href();
    let _ = write!(
        html,
        "<dt>{}</dt><dd><a href=\"{}\">{}</a></dd><dt>{}</dt><dd><a href=\"{}\">{}</a></dd><dt>{}</dt><dd>{}</dd></dl>",
        escape(t(Msg::PlaceCountry)),
        escape(&country),
        escape(group.country.local_name()),
        escape(t(Msg::PlaceRegion)),
        escape(&region),
        escape(group.region().name()),
        escape(t(Msg::GroupStatus)),
        match group.status {
            Status::Official => official(),
            Status::New => escape(t(Msg::GroupNew)),
        }
    );
    if !group.links.is_empty() {
        let _ = write!(html, "<h2>{}</h2><ul class=\"link-list\">", escape(t(Msg::GroupLinks)));
        for link in &group.links {
            let _ = write!(
                html,
                "<li><a href=\"{}\" rel=\"noopener noreferrer\">{}</a></li>",
                escape(&link.url),
                escape(&link_text(link.kind, &link.url))
            );
        }
        html.push_str("</ul>");
    }
    if let Some(month) = group.checked.and_then(|m| crate::when::Day::new(i32::from(m.year), m.month, 1)) {
        let checked = tf(Msg::GroupChecked, &[("month", &month.month_year())]);
        let _ = write!(html, "<p class=\"checked\">{}</p>", escape(&checked));
    }
    html
}

/// A link per region to its groups, with how many there are.
pub fn region_list(groups: &[GroupRecord]) -> String {
    let mut html = String::from("<ul class=\"region-list\">");
    for (region, count) in region_counts(groups) {
        let _ = write!(
            html,
            "<li><a href=\"{}\">{}</a><span class=\"count\">{}</span></li>",
            escape(&Filter { region: Some(region), ..Default::default() }.href()),
            escape(region.name()),
            count_label(count)
        );
    }
    html.push_str("</ul>");
    html
}

/// "1 group", "12 groups", in the current language ("5 групп").
pub fn count_label(count: usize) -> String {
    groups_i18n::tn(groups_i18n::Msg::PlaceGroups, count as u64, &[])
}

/// The regions' list while the groups load: the same links, counts to come.
pub fn region_list_loading() -> String {
    let mut html = String::from("<ul class=\"region-list\">");
    for region in Region::ALL {
        let href = Filter { region: Some(region), ..Default::default() }.href();
        let _ = write!(
            html,
            "<li><a href=\"{}\">{}</a><span class=\"count\">…</span></li>",
            escape(&href),
            escape(region.name())
        );
    }
    html.push_str("</ul>");
    html
}

/// The new-group form's country choices: a first "choose" option with no value, then every
/// country the rules know by its name in the page's language, sorted as people read it ("Åland
/// Islands" among the A's).
/// One text, set at once: 249 options built one by one cost the form a long task.
pub fn country_options() -> String {
    let mut countries: Vec<_> = COUNTRIES.iter().collect();
    countries.sort_by_cached_key(|c| fold(c.local_name()));
    let mut html = format!("<option value=\"\">{}</option>", escape(t(Msg::RequestChooseCountry)));
    for country in countries {
        let _ = write!(html, "<option value=\"{}\">{}</option>", escape(country.code), escape(country.local_name()));
    }
    html
}

/// How far a group's small map zooms in: its country around it.
const GROUP_MAP_ZOOM: f64 = 6.0;

/// A group's small map's name: "Map: OpenStack Berlin in Berlin, Germany", or "Map: Hungary"
/// for a group named after its place.
pub fn map_label(group: &GroupRecord) -> String {
    let (name, place) = (&group.name, group.place());
    if lowercase(name).contains(&lowercase(&place)) {
        tf(Msg::GroupMap, &[("name", name)])
    } else {
        tf(Msg::GroupMapIn, &[("name", name), ("place", &place)])
    }
}

/// An official group's status, with the content page that says what it means (the test of
/// every link the pages render checks that it exists).
/// "Official", with a link to what it means (in the current language's addresses).
fn official() -> String {
    let link = format!(
        "<a href=\"{}\">{}</a>",
        crate::routes::content_href("official-group-process"),
        escape(t(Msg::GroupWhatThisMeans))
    );
    then(&escape(t(Msg::GroupOfficial)), &link)
}

/// Two pieces of markup one after the other as the page's language puts them: with a space
/// between, none in Japanese and Chinese ("中止：タイトル", "公式（詳しくはこちら）").
pub fn then(first: &str, second: &str) -> String {
    fill(&escape(t(Msg::MeetingsThen)), &[("first", first), ("second", second)])
}

/// The rest of a group's page as the server sends it: where it meets, on its map, and the way
/// back to every group.
pub fn group_page_rest(group: &GroupRecord) -> String {
    format!(
        "<h2>{}</h2><div class=\"small-map\">{}</div><p><a href=\"{}\">{}</a></p>",
        escape(t(Msg::GroupWhere)),
        group_map(group),
        crate::routes::href(crate::routes::Page::Groups),
        escape(t(Msg::GroupAll))
    )
}

/// A group's small map: its country around it, drawn in the accent over the world, and the
/// group's place marked large enough to find at a glance, drawn without script, by the server
/// and the app alike. A picture, not the interactive map: the page paints it at once, and a
/// group's page need not load the map's code (about 33 KB brotli); the directory's map is one
/// link away. It has no toolbar: there is nothing to do with a picture.
pub fn group_map(group: &GroupRecord) -> String {
    let view = View::fit_points([to_map(group.lon, group.lat)], GROUP_MAP_ZOOM).unwrap_or(View::WORLD);
    let country = format!("{COUNTRY_SVG_DIR}/{}.svg", group.country.code.to_ascii_lowercase());
    draw_map(&map_label(group), &[group], view, &SMALL_MAP, Some(&country))
}

/// How a map drawn without script is sized: how wide it is assumed to be (its markers' and
/// clusters' sizes are in pixels of that width), and its single markers' radius in them.
struct MapScale {
    px: f64,
    marker: f64,
}

/// About a desktop page's map.
const WIDE_MAP: MapScale = MapScale { px: 800.0, marker: 6.0 };
/// A group's small map (`.small-map`, 36rem at most): one marker, large enough to find at once
/// on a phone too (where the map is about 360 px wide: 15 px across, its ring beside), with a
/// halo.
const SMALL_MAP: MapScale = MapScale { px: 576.0, marker: 12.0 };

/// The map of `groups` shown in `view`, drawn without script: the world image in an SVG whose
/// view box is the view, a circle per group or cluster, and the clusters' counts. It is an
/// image with `label` as its name; the list beside it names the groups.
pub fn static_map(label: &str, groups: &[&GroupRecord], view: View) -> String {
    draw_map(label, groups, view, &WIDE_MAP, None)
}

/// [`static_map`] at `scale`, with `country` (the address of a country's shape) drawn over the
/// world.
fn draw_map(label: &str, groups: &[&GroupRecord], view: View, scale: &MapScale, country: Option<&str>) -> String {
    let points: Vec<Point> = groups.iter().map(|g| to_map(g.lon, g.lat)).collect();
    let spacing = MIN_SPACING_PX * WIDTH / scale.px;
    // Markers keep their size on screen: their radius in map units shrinks as the view zooms.
    let unit = WIDTH / scale.px / view.k;
    let mut marks = String::new();
    for c in cluster(&points, view.k, spacing) {
        let (x, y) = (c.center.x, c.center.y);
        // The ring around a marker: two pixels, whatever the zoom.
        let ring = 2.0 * unit;
        if c.members.len() == 1 {
            if country.is_some() {
                // A halo: the eye finds the place before it reads the map.
                let _ = write!(
                    marks,
                    "<circle class=\"static-halo\" cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{:.3}\"></circle>",
                    2.2 * scale.marker * unit
                );
            }
            let _ = write!(
                marks,
                "<circle class=\"static-marker\" cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{:.3}\" stroke-width=\"{ring:.3}\"></circle>",
                scale.marker * unit
            );
        } else {
            let _ = write!(
                marks,
                "<circle class=\"static-cluster\" cx=\"{x:.2}\" cy=\"{y:.2}\" r=\"{:.3}\" stroke-width=\"{ring:.3}\"></circle>\
                 <text class=\"static-count\" x=\"{x:.2}\" y=\"{y:.2}\" font-size=\"{:.3}\">{}</text>",
                15.0 * unit,
                13.0 * unit,
                c.members.len()
            );
        }
    }
    let country = country
        .map(|href| {
            format!(
                "<image class=\"static-country\" href=\"{}\" x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{HEIGHT}\"></image>",
                escape(href)
            )
        })
        .unwrap_or_default();
    format!(
        "<div class=\"map static-map\" role=\"img\" aria-label=\"{}\">\
         <div class=\"map-canvas\"><svg class=\"map-static\" viewBox=\"{:.3} {:.3} {:.3} {:.3}\" aria-hidden=\"true\" focusable=\"false\">\
         <image href=\"{WORLD_SVG}\" x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{HEIGHT}\"></image>{country}{marks}</svg></div></div>",
        escape(label),
        view.x,
        view.y,
        WIDTH / view.k,
        HEIGHT / view.k,
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::{
        directory::{read, Month, RawRecord},
        when::When,
    };

    #[test]
    fn country_options_are_every_country_by_name_after_a_choice_of_none() {
        let html = country_options();
        assert!(html.starts_with("<option value=\"\">Choose a country</option>"));
        assert_eq!(html.matches("<option").count(), COUNTRIES.len() + 1);
        let names: Vec<&str> = html.split("\">").skip(2).map(|rest| rest.split('<').next().unwrap()).collect();
        let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
        assert!(at("Afghanistan") < at("Åland Islands") && at("Åland Islands") < at("Albania"));
        assert!(names.windows(2).all(|w| fold(w[0]) <= fold(w[1])));
        assert!(html.contains("<option value=\"DE\">Germany</option>"));
    }

    fn group(slug: &str, name: &str, status: Status) -> GroupRecord {
        crate::fixtures::checked(RawRecord {
            name: name.into(),
            city: Some("Lyon & <Co>".into()),
            country: "FR".into(),
            lat: 45.7,
            lon: 4.8,
            status,
            links: vec![crate::links::Link {
                kind: crate::links::LinkKind::Meetup,
                url: "https://example.org/?a=1&b=\"2\"".into(),
            }],
            description: Some("Talks \"and\" <b>demos</b>.".into()),
            checked: Some(Month { year: 2015, month: 3 }),
            ..crate::fixtures::raw_group(slug)
        })
    }

    #[test]
    fn everything_interpolated_is_escaped() {
        let g = group("x-group", "<script>alert(1)</script> \"OpenStack\" Lyon", Status::New);
        let item = list_item(3, &g, None);
        assert_eq!(
            item,
            "<li data-index=\"3\"><a href=\"/groups/x-group\" dir=\"auto\">&lt;script&gt;alert(1)&lt;/script&gt; &quot;OpenStack&quot; Lyon</a>\
             <span class=\"where\" dir=\"auto\">Lyon &amp; &lt;Co&gt;, France</span><span class=\"badge new\">New</span></li>"
        );
        let summary = group_summary(&g);
        assert!(!summary.contains("<script") && !summary.contains("<b>"), "{summary}");
        assert!(summary.contains("<dd dir=\"auto\">Lyon &amp; &lt;Co&gt;</dd>"), "{summary}");
        assert!(summary.contains("href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\""), "{summary}");
        assert!(summary.contains("<dd><a href=\"/groups?country=fr\">France</a></dd>"), "{summary}");
        assert!(summary.contains("Details last checked March 2015."));
        assert!(
            list_item(0, &group("o", "O", Status::Official), None).contains("<span class=\"badge\">Official</span>")
        );
        assert!(list_item(0, &g, Some("Thursday, 10 December 2026".into()))
            .contains("<span class=\"next\">Next meeting: Thursday, 10 December 2026</span>"));
        assert!(list_item_at(0, &g, None, Some("85 km <away>"))
            .contains("</span><span class=\"distance\">85 km &lt;away&gt;</span><span class=\"badge new\">"));
    }

    #[test]
    fn the_small_map_is_named_without_saying_a_place_twice() {
        let mut g = group("berlin", "OpenStack Berlin", Status::New);
        g.city = Some("Berlin".into());
        g.country = crate::regions::country("DE").unwrap();
        assert_eq!(map_label(&g), "Map: OpenStack Berlin in Berlin, Germany");
        g.city = None;
        g.country = crate::regions::country("HU").unwrap();
        g.name = "Hungary".into();
        assert_eq!(map_label(&g), "Map: Hungary");
        assert!(group_page_rest(&g).contains("aria-label=\"Map: Hungary\""));
    }

    fn meeting(title: &str, cancelled: bool, url: Option<&str>) -> Meeting {
        Meeting {
            group: "x-group".into(),
            id: "1@x".into(),
            title: title.into(),
            start: "2026-12-10T17:30:00Z".into(),
            end: None,
            when: When {
                day: "2026-12-10".parse().unwrap(),
                from: Some("18:30".parse().unwrap()),
                to: None,
                to_day: None,
                zone: "CET".into(),
                to_zone: None,
            },
            place: Some("c-base & <friends>".into()),
            online: false,
            url: url.map(str::to_owned),
            cancelled,
        }
    }

    #[test]
    fn meetings_are_listed_as_text_with_their_own_zone_and_cancellations_said() {
        let g = group("x-group", "OpenStack Lyon", Status::New);
        let item =
            meeting_item(&meeting("<script>alert(1)</script>", true, Some("https://example.org/e?a=1&b=2")), None);
        assert!(item.contains("<li class=\"meeting cancelled\">"), "{item}");
        assert!(item.contains("<time datetime=\"2026-12-10T17:30:00Z\">Thursday, 10 December 2026</time>, 18:30 CET"));
        assert!(item.contains("<strong class=\"meeting-cancelled\">Cancelled:</strong>"));
        assert!(item.contains("href=\"https://example.org/e?a=1&amp;b=2\""));
        assert!(item.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !item.contains("<script"), "{item}");
        assert!(item.contains("c-base &amp; &lt;friends&gt;"));
        let online = Meeting { online: true, ..meeting("Talks", false, None) };
        assert!(meeting_item(&online, Some(&g)).contains(
            "<p class=\"meeting-where\"><a href=\"/groups/x-group\" dir=\"auto\">OpenStack Lyon</a> · Online</p>"
        ));

        let mut file = MeetingsFile::default();
        assert_eq!(group_meetings(&g, &file), "", "no calendar, no section");
        file.groups.insert(
            "x-group".into(),
            crate::meetings::GroupMeetings {
                source: "meetup.com".into(),
                updated: Some("2026-12-02".parse().unwrap()),
                last: Some("2026-11-12".parse().unwrap()),
                quiet: true,
                ..Default::default()
            },
        );
        let section = group_meetings(&g, &file);
        assert!(
            section.contains("No meeting is planned yet.") && section.contains("may have stopped meeting"),
            "{section}"
        );
        assert!(section.contains("Last met on Thursday, 12 November 2026. Meetings come from its calendar on meetup.com, last read 2 December 2026."));
        assert!(
            section.contains("<a href=\"/groups/x-group/meetings.ics\">Subscribe to its calendar</a>"),
            "{section}"
        );
        assert!(!section.contains("webcal:") && !section.contains("Copy address"), "no origin, no address to copy");
        file.upcoming = (0..7).map(|_| meeting("Talks", false, None)).collect();
        assert_eq!(group_meetings(&g, &file).matches("<li").count(), GROUP_PAGE_MEETINGS);
    }

    #[test]
    fn regions_have_their_counts_and_links() {
        let groups = read(
            r#"{"version":1,"groups":[{"slug":"a","name":"A","country":"DE","lat":1,"lon":1,"status":"new"},
            {"slug":"b","name":"B","country":"FR","lat":1,"lon":1,"status":"new"}]}"#,
        )
        .unwrap()
        .groups;
        let list = region_list(&groups);
        assert!(
            list.contains("<a href=\"/groups?region=europe\">Europe</a><span class=\"count\">2 groups</span>"),
            "{list}"
        );
        assert!(list.contains("Oceania</a><span class=\"count\">0 groups</span>"));
        assert_eq!(region_list_loading().matches("…").count(), Region::ALL.len());
        assert_eq!(count_label(1), "1 group");
    }

    #[test]
    fn a_static_map_frames_its_view_and_merges_close_groups() {
        let a = group("a", "A", Status::New);
        let mut b = group("b", "B", Status::New);
        b.lon += 0.01;
        let world = static_map("Map: \"all\"", &[&a, &b], View::WORLD);
        assert!(world.contains("aria-label=\"Map: &quot;all&quot;\""));
        assert!(world.contains("viewBox=\"0.000 0.000 1000.000 487.000\""), "{world}");
        assert!(world.contains(">2</text>"), "two groups a kilometre apart are one cluster: {world}");
        let close = View::fit(to_map(a.lon, a.lat), to_map(a.lon, a.lat), 40.0, 6.0);
        let zoomed = static_map("Map", &[&a], close);
        assert_eq!(zoomed.matches("<circle").count(), 1);
        assert!(!zoomed.contains("viewBox=\"0.000 0.000 1000.000"), "{zoomed}");
    }

    #[test]
    fn text_people_wrote_finds_its_own_direction() {
        let mut g = group("x-group", "OpenStack תל אביב", Status::New);
        g.description = Some("קבוצת OpenStack בתל אביב".into());
        let summary = group_summary(&g);
        assert!(
            summary.starts_with("<h1 dir=\"auto\">OpenStack תל אביב</h1><p class=\"lead\" dir=\"auto\">"),
            "{summary}"
        );
        let mut m = meeting("מפגש", false, None);
        m.place = Some("בית קפה".into());
        let item = meeting_item(&m, Some(&g));
        assert!(item.contains("<span dir=\"auto\">מפגש</span>"), "{item}");
        assert!(item.contains("<span dir=\"auto\">בית קפה</span>"), "{item}");
        assert!(item.contains("<a href=\"/groups/x-group\" dir=\"auto\">OpenStack תל אביב</a>"), "{item}");
        let linked = meeting_item(&meeting("מפגש", false, Some("https://example.org/e")), None);
        assert!(linked.contains("rel=\"noopener noreferrer\" dir=\"auto\">מפגש</a>"), "{linked}");
    }

    #[test]
    fn a_meeting_to_come_can_be_added_alone_and_a_cancelled_one_cannot() {
        let item = meeting_item(&meeting("Talks & demos", false, None), None);
        assert!(
            item.contains(
                "<p class=\"meeting-add\"><a href=\"/groups/x-group/meetings/1.ics\">Add to calendar\
                 <span class=\"visually-hidden\">: <span dir=\"auto\">Talks &amp; demos</span></span></a></p>"
            ),
            "{item}"
        );
        assert!(!meeting_item(&meeting("Talks", true, None), None).contains("Add to calendar"));
    }

    #[test]
    fn a_meetings_day_and_hours_are_written_in_the_pages_language() {
        use groups_i18n::{catalogue::Speaking, Lang};
        let item = |lang| {
            let _speaking = Speaking::page(lang, false);
            meeting_item(&meeting("Talks", false, None), None)
        };
        let when = |date: &str, rest: &str| {
            format!("<p class=\"meeting-when\"><time datetime=\"2026-12-10T17:30:00Z\">{date}</time>{rest}</p>")
        };
        assert!(item(Lang::Ja).contains(&when("2026年12月10日木曜日", " 18:30 CET")));
        assert!(item(Lang::Ko).contains(&when("2026년 12월 10일 목요일", " 오후 6:30 CET")));
        assert!(item(Lang::De).contains(&when("Donnerstag, 10. Dezember 2026", ", 18:30 CET")));
        // Japanese puts no space between a label and its text; English one.
        let cancelled = |lang| {
            let _speaking = Speaking::page(lang, false);
            meeting_item(&meeting("Talks", true, None), None)
        };
        assert!(cancelled(Lang::Ja).contains("中止：</strong><span dir=\"auto\">Talks"), "{}", cancelled(Lang::Ja));
        assert!(cancelled(Lang::En).contains("Cancelled:</strong> <span dir=\"auto\">Talks"));
        let _japanese_frame = Speaking::page(Lang::Ja, true);
        assert!(meeting_item(&meeting("Talks", false, None), None)
            .contains(&when("Thursday, 10 December 2026", ", 18:30 CET")));
    }

    #[test]
    fn a_groups_page_puts_one_full_stop_after_a_date_in_every_language() {
        // Russian's dates end in "г.": a sentence that ends with one needs no other stop.
        let mut g = group("x-group", "OpenStack Lyon", Status::Official);
        g.checked = Some(Month { year: 2015, month: 3 });
        let mut file = MeetingsFile::default();
        let story = crate::meetings::GroupMeetings {
            source: "meetup.com".into(),
            updated: Some("2026-12-02".parse().unwrap()),
            last: Some("2026-11-12".parse().unwrap()),
            ..Default::default()
        };
        file.groups.insert("x-group".into(), story);
        for &lang in groups_i18n::Lang::ALL {
            let _speaking = groups_i18n::catalogue::Speaking::page(lang, false);
            let page = format!("{}{}", group_summary(&g), group_meetings(&g, &file));
            assert!(!page.contains("..") && !page.contains("。。"), "{lang:?}: {page}");
        }
    }

    #[test]
    fn meetings_are_headed_by_their_month() {
        let on = |day: &str| {
            let m = meeting("Talks", false, None);
            Meeting { when: When { day: day.parse().unwrap(), ..m.when.clone() }, ..m }
        };
        let (a, b, c) = (on("2026-12-28"), on("2026-12-31"), on("2027-01-01"));
        let html = meetings_by_month([(&a, None, None), (&b, None, None), (&c, None, None)]);
        assert!(html.starts_with("<h2 class=\"month\">December 2026</h2><ol class=\"meeting-list\"><li"), "{html}");
        assert_eq!(html.matches("<h2").count(), 2);
        assert!(html.contains("</ol><h2 class=\"month\">January 2027</h2><ol class=\"meeting-list\">"), "{html}");
        assert!(html.ends_with("</li></ol>"));
        assert_eq!(meetings_by_month([]), "");
    }

    #[test]
    fn the_home_page_lists_the_next_meetings_to_come_without_cancelled_ones() {
        let g = group("x-group", "OpenStack Lyon", Status::New);
        let groups = [g];
        let mut file = MeetingsFile::default();
        assert_eq!(next_meetings(&file, &groups, "2026-12-01T00:00:00Z"), "<p>No meeting is planned yet.</p>");
        file.upcoming = vec![
            meeting("Past", false, None),
            Meeting { start: "2026-12-11T17:30:00Z".into(), ..meeting("Off", true, None) },
            Meeting { start: "2026-12-12T17:30:00Z".into(), ..meeting("Next", false, None) },
        ];
        let html = next_meetings(&file, &groups, "2026-12-10T18:00:00Z");
        assert!(
            html.starts_with("<ol class=\"meeting-list\">") && html.contains("Next") && !html.contains("Off"),
            "{html}"
        );
        assert!(!html.contains("Past"));
        file.upcoming = (0..9).map(|_| meeting("Talks", false, None)).collect();
        assert_eq!(next_meetings(&file, &groups, "2026-12-01T00:00:00Z").matches("<li").count(), HOME_MEETINGS);
    }

    #[test]
    fn a_calendar_is_subscribed_to_by_webcal_and_its_address_can_be_copied() {
        let html = calendar_links(
            "/meetings.ics?region=asia&x=1",
            "https://groups.example.org",
            "Subscribe",
            "{link} now.",
            "cal",
        );
        assert!(
            html.starts_with("<p class=\"subscribe\"><a href=\"webcal://groups.example.org/meetings.ics?region=asia&amp;x=1\">Subscribe</a> now.</p>"),
            "{html}"
        );
        assert!(html.contains(
            "<code class=\"link-text\" id=\"cal\">https://groups.example.org/meetings.ics?region=asia&amp;x=1</code>"
        ));
        assert!(html.contains(
            "<button type=\"button\" class=\"button secondary copy js-only\" data-copy=\"cal\">Copy address</button>"
        ));
        assert!(html.contains("<span class=\"copy-status\" role=\"status\"></span>"));
        assert_eq!(
            calendar_links("/meetings.ics", "", "Subscribe", "{link}.", "cal"),
            "<p class=\"subscribe\"><a href=\"/meetings.ics\">Subscribe</a>.</p>"
        );
    }

    #[test]
    fn a_groups_small_map_shows_its_country_and_a_large_marker_and_no_toolbar() {
        let mut g = group("budapest", "OpenStack Budapest", Status::New);
        g.country = crate::regions::country("HU").unwrap();
        let map = group_map(&g);
        assert!(!map.contains("map-tools"), "{map}");
        assert!(map.contains("<image class=\"static-country\" href=\"/countries/hu.svg\""), "{map}");
        assert!(map.contains("<circle class=\"static-halo\""), "{map}");
        // 12 pixels of a 576-pixel map at zoom 6: 12 × 1000 / 576 / 6 ≈ 3.472 map units.
        assert!(map.contains("r=\"3.472\""), "{map}");
        let world = static_map("Map", &[&g], View::WORLD);
        assert!(!world.contains("static-country") && !world.contains("static-halo") && !world.contains("map-tools"));
    }
}
