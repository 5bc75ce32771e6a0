//! Component tests: views mounted in a real page, in headless Chromium, by wasm-bindgen-test.
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (`cargo xtask test` does).

#![cfg(target_arch = "wasm32")]

use groups_portal::{
    pages::{lookup as content, view::ContentPage},
    shell::{frame::Shell, header::SiteHeader, not_found::NotFoundPage, site::SITE_NAME, title::PageTitle},
    App,
};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the test page for one test's view.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let found = root.query_selector_all(selector).unwrap();
    (0..found.length())
        .filter_map(|i| found.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn the_header_links_home_and_to_each_section() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || view! { <Router><SiteHeader /></Router> });
    leptos::task::tick().await;

    let home = root.query_selector("header a.site-name").unwrap().expect("a home link");
    assert_eq!(home.text_content().unwrap(), SITE_NAME);
    assert_eq!(home.get_attribute("href").as_deref(), Some("/"));
    assert_eq!(texts(&root, "nav[aria-label='Main'] a")[..3], ["Groups", "Meetings", "Start a group"]);
}

#[wasm_bindgen_test]
async fn the_shell_has_a_skip_link_first_and_one_main_landmark() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <Router><Shell><p>"page body"</p></Shell></Router> }
    });
    leptos::task::tick().await;

    let first = root.first_element_child().expect("the shell renders");
    assert_eq!(first.text_content().unwrap(), "Skip to main content");
    assert_eq!(first.get_attribute("href").as_deref(), Some("#main"));
    assert_eq!(root.query_selector_all("main").unwrap().length(), 1);
    assert_eq!(texts(&root, "main p"), ["page body"]);
    assert_eq!(root.query_selector_all("footer").unwrap().length(), 1);
}

#[wasm_bindgen_test]
async fn the_not_found_page_names_the_address_and_links_home() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || view! { <Router><NotFoundPage /></Router> });
    leptos::task::tick().await;

    assert_eq!(texts(&root, "h1"), ["Page not found"]);
    let path = window().location().pathname().unwrap();
    assert_eq!(texts(&root, "code"), [path]);
    let links = root.query_selector_all("a[href='/']").unwrap();
    assert_eq!(links.length(), 1);
}

#[wasm_bindgen_test]
async fn a_page_title_sets_the_document_title_and_follows_changes() {
    let root = container();
    let text = RwSignal::new("Groups".to_string());
    let _mounted = leptos::mount::mount_to(root, move || view! { <PageTitle text=text /> });
    leptos::task::tick().await;
    assert_eq!(document().title(), format!("Groups · {SITE_NAME}"));

    text.set("OpenStack Berlin".into());
    leptos::task::tick().await;
    assert_eq!(document().title(), format!("OpenStack Berlin · {SITE_NAME}"));
}

#[wasm_bindgen_test]
async fn the_app_renders_a_page_inside_the_shell() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), App);
    leptos::task::tick().await;

    // Whatever the test page's own address is, exactly one page heading is inside <main>.
    assert_eq!(root.query_selector_all("main h1").unwrap().length(), 1);
    assert_eq!(texts(&root, "header a.site-name"), [SITE_NAME]);
}

/// Every route through `App`, in this eager build (no `split` feature: the lazy routes' views
/// are plain calls), by the address the page is at.
#[wasm_bindgen_test]
async fn every_route_renders_through_the_app_in_the_eager_build() {
    let history = window().history().unwrap();
    let before = window().location().href().unwrap();
    for (path, h1, status) in [
        // The home page loads the groups and, beside them, the next meetings.
        (
            "/",
            Some("Find an OpenStack user group near you"),
            Some(&["Loading the groups…", "Loading the meetings…"][..]),
        ),
        ("/groups", Some("User groups"), Some(&["Loading the groups…"][..])),
        // A group's heading is its name, known once the groups have loaded.
        ("/groups/berlin", None, Some(&["Loading the groups…"][..])),
        ("/meetings", Some("Meetings"), Some(&["Loading the groups…"][..])),
        ("/new-group", Some("Start a user group"), None),
        ("/privacy", Some("Privacy policy"), None),
        ("/no/such/page", Some("Page not found"), None),
    ] {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path)).unwrap();
        let root = container();
        let mounted = leptos::mount::mount_to(root.clone(), App);
        leptos::task::tick().await;
        assert_eq!(texts(&root, "main h1"), h1.into_iter().collect::<Vec<_>>(), "{path}");
        if let Some(status) = status {
            assert_eq!(texts(&root, "main [role=status]"), status, "{path}");
        }
        drop(mounted);
        root.remove();
    }
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&before)).unwrap();
}

#[wasm_bindgen_test]
async fn a_content_page_shows_its_title_version_and_body() {
    let page = content::find("privacy").expect("the privacy page");
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || view! { <ContentPage page /> });
    leptos::task::tick().await;

    assert_eq!(texts(&root, "h1"), [page.title]);
    assert_eq!(texts(&root, ".version"), [format!("Version {}", page.version.unwrap())]);
    let headings = texts(&root, ".prose h2");
    assert_eq!(headings.len(), page.headings.len());
    assert_eq!(headings[0], page.headings[0].text);
    assert_eq!(document().title(), format!("{} · {SITE_NAME}", page.title));
}

#[wasm_bindgen_test]
async fn the_navigation_lists_the_content_menu_after_the_sections() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || view! { <Router><SiteHeader /></Router> });
    leptos::task::tick().await;

    let labels = texts(&root, ".main-nav a");
    let menu: Vec<String> = content::menu().map(|p| p.menu.unwrap().to_string()).collect();
    assert!(!menu.is_empty());
    // The sections come first: Groups, Meetings, Start a group.
    assert_eq!(labels[3..], menu[..]);
}

fn group(
    slug: &str,
    name: &str,
    status: groups_portal::directory::model::Status,
) -> groups_portal::directory::model::Group {
    groups_portal::directory::model::Group {
        slug: slug.into(),
        name: name.into(),
        city: Some("Berlin".into()),
        country: groups_portal::regions::country("DE").unwrap(),
        lat: 52.52,
        lon: 13.405,
        status,
        links: Vec::new(),
        description: None,
        checked: None,
    }
}

#[wasm_bindgen_test]
async fn the_group_list_shows_names_as_text_and_links_each_group() {
    use groups_portal::directory::{
        list::GroupList,
        model::{Directory, Status},
    };
    let directory = std::sync::Arc::new(Directory::new(vec![
        group("a", "<img src=x onerror=\"window.__pwned = 1\">", Status::Official),
        group("b", "Tom & Jerry's \"group\"", Status::New),
    ]));
    let mut meetings = groups_core::meetings::MeetingsFile::default();
    let next = groups_core::meetings::GroupMeetings { next_date: "2026-12-10".parse().ok(), ..Default::default() };
    meetings.groups.insert("b".into(), next);
    let meetings = std::sync::Arc::new(meetings);
    let shown = RwSignal::new(vec![0, 1]);
    let highlight = RwSignal::new(None);
    let limit = RwSignal::new(groups_portal::directory::list::PAGE);
    let root = container();
    let _mounted = leptos::mount::mount_to(
        root.clone(),
        move || view! { <GroupList directory=directory.clone() meetings=meetings.clone() shown highlight limit /> },
    );
    leptos::task::tick().await;

    assert_eq!(root.query_selector_all("ul.group-list img").unwrap().length(), 0, "markup in a name became an element");
    assert_eq!(texts(&root, "li a"), ["<img src=x onerror=\"window.__pwned = 1\">", "Tom & Jerry's \"group\""]);
    let hrefs: Vec<_> = (0..2)
        .map(|i| {
            root.query_selector_all("li a")
                .unwrap()
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("href")
                .unwrap()
        })
        .collect();
    assert_eq!(hrefs, ["/groups/a", "/groups/b"]);
    assert_eq!(texts(&root, "li .badge"), ["Official", "New"]);
    assert_eq!(texts(&root, "li .next"), ["Next meeting: Thursday, 10 December 2026"], "only the group that has one");

    shown.set(vec![1]);
    leptos::task::tick().await;
    assert_eq!(texts(&root, "li a"), ["Tom & Jerry's \"group\""]);
}

/// In the browser, case mapping is the browser's (`groups_core::case`): it must agree with
/// Rust's, which the native tests check, wherever the app folds, sorts or capitalises text.
#[wasm_bindgen_test]
fn the_browsers_case_mapping_folds_and_capitalises_as_rusts_does() {
    use groups_core::{case, search::fold};
    assert_eq!(case::lowercase("SÃO PAULO"), "são paulo");
    assert_eq!(case::lowercase("ΟΔΟΣ"), "οδος");
    assert_eq!(case::lowercase("İstanbul"), "i\u{307}stanbul");
    assert_eq!(case::capitalised("élan vital"), "Élan vital");
    assert_eq!(case::capitalised("ßtraße"), "SStraße");
    assert_eq!(fold("ZÜRICH"), "zurich");
    assert_eq!(fold("Hồ Chí Minh"), "ho chi minh");
    assert_eq!(fold("ΑΘΗΝΑΣ"), fold("αθηνασ"));
}

/// In the browser, the projection's trigonometry is the browser's (`groups_core::math`): it
/// must put places where Rust's does natively (these figures are the native ones), or the
/// app's markers would not sit on the server's map.
#[wasm_bindgen_test]
fn the_browsers_trigonometry_projects_places_where_rusts_does() {
    use groups_core::geo::{distance_km, from_map, to_map};
    for ((lon, lat), (x, y)) in [
        ((13.405, 52.52), (530.073779175, 62.339300180)),
        ((-46.63, -23.55), (375.657326381, 330.318823189)),
        ((139.69, 35.69), (852.732819956, 114.584379869)),
    ] {
        let p = to_map(lon, lat);
        assert!((p.x - x).abs() < 1e-6 && (p.y - y).abs() < 1e-6, "({lon}, {lat}) → {p:?}");
        let (back_lon, back_lat) = from_map(p).expect("a place on the map");
        assert!((back_lon - lon).abs() < 1e-9 && (back_lat - lat).abs() < 1e-9);
    }
    assert!((distance_km(13.405, 52.52, 2.35, 48.86) - 877.402026).abs() < 1e-5);
}

/// A view built in parts (`InTurn`, the new-group form's sections): the first at once, the
/// rest in the tasks after, in order; busy until the last, and a part once built is kept
/// (what is typed in it stays) when the next comes.
#[wasm_bindgen_test]
async fn a_view_built_in_turn_comes_part_by_part_and_keeps_what_is_built() {
    use groups_portal::components::in_turn::InTurn;
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        let turn = InTurn::new(3);
        view! {
            <form aria-busy=turn.busy()>
                <Show when=turn.part(0)><input id="first" /></Show>
                <Show when=turn.part(1)><p>"second"</p></Show>
                <Show when=turn.part(2)><p>"third"</p></Show>
            </form>
        }
    });
    leptos::task::tick().await;
    let form = root.query_selector("form").unwrap().unwrap();
    assert_eq!(texts(&root, "p"), Vec::<String>::new());
    assert_eq!(form.get_attribute("aria-busy").as_deref(), Some("true"));
    let first = root.query_selector("#first").unwrap().expect("the first part at once");
    first.unchecked_ref::<web_sys::HtmlInputElement>().set_value("typed");

    for _ in 0..100 {
        if form.get_attribute("aria-busy").is_none() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(5).await;
    }
    assert_eq!(form.get_attribute("aria-busy"), None, "built within half a second");
    assert_eq!(texts(&root, "p"), ["second", "third"]);
    let first_now = root.query_selector("#first").unwrap().unwrap();
    assert!(first_now.is_same_node(Some(&first)));
    assert_eq!(first_now.unchecked_ref::<web_sys::HtmlInputElement>().value(), "typed");
}

/// Every `[href]` under `root` that is a link inside the site.
fn internal_hrefs(root: &web_sys::HtmlElement) -> Vec<String> {
    let found = root.query_selector_all("[href]").unwrap();
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|n| n.unchecked_into::<web_sys::Element>().get_attribute("href"))
        .filter(|href| groups_portal::shell::links::is_internal(href))
        .collect()
}

/// The links only a browser draws, the form's and its confirmation's, lead where the route
/// table says, as those of the pre-rendered pages and of the views drawn natively do
/// (`prerender`'s `every_link`).
#[wasm_bindgen_test]
async fn the_forms_links_and_its_confirmations_lead_to_pages_of_the_route_table() {
    use groups_core::{routes::Page, site::STAFF_MAILTO};
    use groups_portal::{
        request::{
            form::RequestForm,
            late::LateChange,
            received::{Received, RequestReceived},
        },
        shell::links::{target, Target},
    };

    let root = container();
    let _form = leptos::mount::mount_to(root.clone(), || {
        // What the app gives the parts it loads lazily (the form keeps the groups there).
        groups_portal::shell::lazy::provide();
        view! { <Router><RequestForm /></Router> }
    });
    for _ in 0..200 {
        leptos::task::tick().await;
        if root.query_selector("form[aria-busy]").unwrap().is_none() && !texts(&root, "legend").is_empty() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(5).await;
    }
    assert!(texts(&root, "legend").contains(&"Agreements".to_owned()), "the form is built");
    let mut hrefs = internal_hrefs(&root);

    for key in ["k".repeat(43), String::new()] {
        let received = Received {
            id: "GR-7K3Q-X9M2".into(),
            key,
            late: vec![LateChange { field: "City".into(), now: "Leipzig".into() }],
        };
        let root = container();
        let _received = leptos::mount::mount_to(root.clone(), move || {
            view! { <Router><RequestReceived received start_over=Callback::new(|()| ()) /></Router> }
        });
        leptos::task::tick().await;
        assert_eq!(texts(&root, "h2"), ["Request received"]);
        assert!(root.query_selector(&format!("a[href='{STAFF_MAILTO}']")).unwrap().is_some());
        hrefs.extend(internal_hrefs(&root));
    }

    let targets: Vec<_> = hrefs.iter().map(String::as_str).map(target).collect();
    assert!(targets.iter().all(Result::is_ok), "{hrefs:?} → {targets:?}");
    let content: Vec<_> = targets
        .iter()
        .filter_map(|t| match t {
            Ok(Target::Content(page)) => Some(page.path),
            _ => None,
        })
        .collect();
    for path in ["code-of-conduct", "organizer-tips", "privacy"] {
        assert!(content.contains(&path), "{content:?}");
    }
    assert!(targets.contains(&Ok(Target::App(Page::MyRequest, None))), "the private link: {hrefs:?}");
}

/// A key pressed in `input`, as the browser sends it.
fn press(input: &web_sys::HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_combobox_names_its_active_option_in_its_groups_and_chooses_it_with_enter() {
    use groups_portal::places::combobox_view::{Choice, Combobox};

    let root = container();
    let chosen = RwSignal::new(None::<usize>);
    let entered = RwSignal::new(0);
    let choices = vec![
        Choice { text: "OpenStack Berlin".into(), detail: "Berlin, Germany".into(), section: "Groups" },
        Choice { text: "Berlin".into(), detail: "Germany".into(), section: "Places" },
        Choice { text: "Berlin".into(), detail: "New Hampshire, United States".into(), section: "Places" },
    ];
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Combobox
                id="test-combo"
                value=Signal::stored("Berlin".to_string())
                on_input=Callback::new(|_: String| {})
                choices=Signal::stored(choices.clone())
                on_choose=Callback::new(move |i| chosen.set(Some(i)))
                on_enter=Callback::new(move |()| entered.update(|n| *n += 1))
                announce=Signal::stored("3 suggestions: 1 group and 2 places.".to_string())
            />
        }
    });
    leptos::task::tick().await;
    let input: web_sys::HtmlElement = root.query_selector("input").unwrap().unwrap().unchecked_into();
    let attr = |name: &str| input.get_attribute(name);
    assert_eq!(attr("role").as_deref(), Some("combobox"));
    assert_eq!(attr("aria-controls").as_deref(), Some("test-combo-list"));
    assert_eq!(attr("aria-expanded").as_deref(), Some("false"), "nothing typed: closed");
    assert_eq!(texts(&root, "[role=status]"), ["3 suggestions: 1 group and 2 places."]);

    press(&input, "ArrowDown");
    leptos::task::tick().await;
    assert_eq!(attr("aria-expanded").as_deref(), Some("true"));
    assert_eq!(attr("aria-activedescendant").as_deref(), Some("test-combo-option-0"));
    let groups: Vec<String> = {
        let found = root.query_selector_all("[role=listbox] [role=group]").unwrap();
        (0..found.length())
            .filter_map(|i| found.item(i))
            .map(|n| n.unchecked_into::<web_sys::Element>().get_attribute("aria-label").unwrap_or_default())
            .collect()
    };
    assert_eq!(groups, ["Groups", "Places"]);
    press(&input, "ArrowDown");
    press(&input, "ArrowDown");
    leptos::task::tick().await;
    assert_eq!(attr("aria-activedescendant").as_deref(), Some("test-combo-option-2"));
    assert_eq!(texts(&root, "[aria-selected=true] .combobox-detail"), ["New Hampshire, United States"]);
    press(&input, "Enter");
    leptos::task::tick().await;
    assert_eq!(chosen.get_untracked(), Some(2));
    assert_eq!(attr("aria-expanded").as_deref(), Some("false"));
    assert_eq!(attr("aria-activedescendant"), None);
    // Enter with no option active is the text as typed; Escape closes.
    press(&input, "Enter");
    leptos::task::tick().await;
    assert_eq!(entered.get_untracked(), 1);
    press(&input, "ArrowUp");
    leptos::task::tick().await;
    assert_eq!(attr("aria-activedescendant").as_deref(), Some("test-combo-option-2"), "Up opens at the last");
    press(&input, "Escape");
    leptos::task::tick().await;
    assert_eq!(attr("aria-expanded").as_deref(), Some("false"));
}

/// The staff's message keeps its paragraphs and line breaks, and its web addresses are links;
/// what it says is text, never markup (#31.11).
#[wasm_bindgen_test]
async fn the_staffs_message_keeps_its_paragraphs_and_links_its_addresses() {
    use groups_core::{answer::RequestStatus, organiser::OrganiserView};
    use groups_portal::organiser::{
        page::{Organiser, Shown},
        request_view::RequestState,
    };

    let message = "Welcome to the directory!\n\nYour group's page: https://groups.example.org/groups/spree.\n\
                   Tell us how it goes <b>soon</b>.\n\n\nThe staff";
    let view = OrganiserView {
        subject: "GR-7K3Q-X9M2".into(),
        status: Some(RequestStatus::Approved),
        received: None,
        decided: None,
        message: Some(message.into()),
        closed: None,
        request: None,
        group: None,
    };
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        let page = Organiser {
            access: StoredValue::new(String::new()),
            shown: RwSignal::new(Shown::Loading),
            said: RwSignal::new(None),
            busy: RwSignal::new(false),
        };
        view! { <RequestState view=view.clone() page /> }
    });
    leptos::task::tick().await;

    assert_eq!(
        texts(&root, ".staff-message p"),
        [
            "Welcome to the directory!",
            "Your group's page: https://groups.example.org/groups/spree.Tell us how it goes <b>soon</b>.",
            "The staff"
        ]
    );
    let second = root.query_selector_all(".staff-message p").unwrap().item(1).unwrap();
    let second: web_sys::Element = second.unchecked_into();
    assert_eq!(second.query_selector_all("br").unwrap().length(), 1, "the single newline is a line break");
    assert!(second.query_selector("b").unwrap().is_none(), "markup in the message became an element");
    let link = second.query_selector("a").unwrap().expect("the address is a link");
    assert_eq!(link.get_attribute("href").as_deref(), Some("https://groups.example.org/groups/spree"));
    assert_eq!(link.text_content().as_deref(), Some("https://groups.example.org/groups/spree"));
    assert_eq!(link.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    let dirs = root.query_selector_all(".staff-message p[dir=auto]").unwrap().length();
    assert_eq!(dirs, 3, "each paragraph finds its own direction");
}

/// "Change what you sent" (#31): offered only while the request waits; the form opens with
/// what was sent (the country chosen, no pin), a broken rule is said by its field before
/// anything is sent, and Cancel shows what was sent again.
#[wasm_bindgen_test]
async fn a_pending_request_opens_its_change_form_filled_in_and_checks_it_before_sending() {
    use groups_core::fixtures::{valid_request_for, TERMS};
    use groups_portal::organiser::{
        page::{Organiser, Shown},
        request_view::WhatWasSent,
    };

    let mut request = valid_request_for(TERMS);
    (request.group.lat, request.group.lon) = (None, None);
    let root = container();
    let page = Organiser {
        access: StoredValue::new("GR-7K3Q-X9M2.AAAAAAAAAAAAAAAAAAAA".into()),
        shown: RwSignal::new(Shown::Loading),
        said: RwSignal::new(None),
        busy: RwSignal::new(false),
    };
    let decided = request.clone();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <div class="pending"><WhatWasSent request=request.clone() page pending=true /></div>
            <div class="decided"><WhatWasSent request=decided.clone() page pending=false /></div>
        }
    });
    leptos::task::tick().await;
    let button = |css: &str, text: &str| {
        let found = root.query_selector_all(&format!("{css} button")).unwrap();
        (0..found.length())
            .filter_map(|i| found.item(i))
            .map(|n| n.unchecked_into::<web_sys::HtmlElement>())
            .find(|b| b.text_content().unwrap_or_default().trim() == text)
    };
    assert!(button(".decided", "Change what you sent").is_none(), "a decided request is what staff decided on");
    button(".pending", "Change what you sent").unwrap().click();
    leptos::task::tick().await;

    let input = |id: &str| root.query_selector(&format!("#{id}")).unwrap().unwrap();
    let name: web_sys::HtmlInputElement = input("group-name").unchecked_into();
    // The form's values are set by its effects, a tick after it is drawn.
    leptos::task::tick().await;
    assert_eq!(name.value(), "OpenStack Leipzig");
    let country: web_sys::HtmlSelectElement = input("country").unchecked_into();
    assert_eq!(country.value(), "DE");
    assert_eq!(
        texts(&root, ".pending .point-field .point"),
        ["No pin: the staff will place the group by its city when they list it."]
    );

    let description: web_sys::HtmlTextAreaElement = input("description").unchecked_into();
    description.set_value("Too short");
    description
        .dispatch_event(
            &web_sys::Event::new_with_event_init_dict("input", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            })
            .unwrap(),
        )
        .unwrap();
    button(".pending", "Save changes").unwrap().click();
    leptos::task::tick().await;
    assert_eq!(texts(&root, "#description-error"), ["The description needs at least 20 characters."]);
    assert_eq!(description.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(description.get_attribute("aria-describedby").unwrap_or_default().contains("description-error"));
    assert_eq!(page.said.get_untracked().as_deref(), Some("Some fields need attention: see the messages by each."));
    assert!(!page.busy.get_untracked(), "nothing was sent");

    button(".pending", "Cancel").unwrap().click();
    leptos::task::tick().await;
    assert!(root.query_selector(".pending form").unwrap().is_none());
    assert!(texts(&root, ".pending .sent dd").contains(&"OpenStack Leipzig".to_owned()));
}

/// The sign-up for news of groups near a place (#28): the place shown, the distance offered,
/// the consent's label the very sentence recorded (following the distance), and the rules'
/// messages tied to their fields, the first invalid one focused.
#[wasm_bindgen_test]
async fn the_sign_up_form_labels_its_consent_with_the_sentence_and_ties_each_error_to_its_field() {
    use groups_core::interest::consent_sentence;
    use groups_portal::interest::{form::SignUpForm, kept};

    let leipzig = groups_core::fixtures::leipzig();
    kept::clear(&leipzig.id);
    let root = container();
    let place = leipzig.clone();
    let _mounted =
        leptos::mount::mount_to(root.clone(), move || view! { <SignUpForm place=place.clone() radius_km=250 /> });
    leptos::task::tick().await;
    let el = |id: &str| -> web_sys::HtmlElement {
        root.query_selector(&format!("#{id}")).unwrap().unwrap().unchecked_into()
    };
    let attr = |id: &str, name: &str| el(id).get_attribute(name);
    let value = |id: &str| js_sys::Reflect::get(&el(id), &"value".into()).unwrap().as_string().unwrap();
    assert!(el("interest-place").text_content().unwrap().contains("Leipzig, Germany"));
    assert_eq!(value("interest-radius"), "250", "the directory's distance, one of the four");
    assert_eq!(attr("interest-email", "type").as_deref(), Some("email"));
    assert_eq!(attr("interest-email", "autocomplete").as_deref(), Some("email"));
    assert_eq!(texts(&root, "label[for=interest-consent]"), [consent_sentence(250, "Leipzig, Germany")]);
    assert_eq!(texts(&root, "label[for=interest-name] .optional"), ["(optional)"]);
    assert!(root.query_selector("input#interest-website[tabindex='-1']").unwrap().is_some(), "the honeypot");

    // Sent empty: the rules' messages, each beside its field and tied to it; focus on the first.
    el("interest-name").focus().unwrap();
    root.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    gloo_timers::future::TimeoutFuture::new(50).await;
    assert_eq!(texts(&root, "#interest-email-error"), ["Enter your email address."]);
    assert_eq!(attr("interest-email", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(attr("interest-email", "aria-describedby").as_deref(), Some("interest-email-hint interest-email-error"));
    assert_eq!(texts(&root, "#interest-consent-error"), ["Tick the box to agree: without it we cannot write to you."]);
    assert_eq!(attr("interest-consent", "aria-describedby").as_deref(), Some("interest-consent-error"));
    assert_eq!(attr("interest-name", "aria-invalid"), None);
    assert_eq!(document().active_element().map(|e| e.id()).as_deref(), Some("interest-email"));

    // Another distance: the sentence follows, and what was agreed to before is not kept.
    let consent: web_sys::HtmlInputElement = el("interest-consent").unchecked_into();
    consent.click();
    assert!(consent.checked());
    let select: web_sys::HtmlSelectElement = el("interest-radius").unchecked_into();
    select.set_value("100");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    leptos::task::tick().await;
    assert_eq!(texts(&root, "label[for=interest-consent]"), [consent_sentence(100, "Leipzig, Germany")]);
    assert!(!consent.checked(), "the box is for the sentence shown");
}
