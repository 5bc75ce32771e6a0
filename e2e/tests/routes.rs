//! Every kind of page, opened directly and reached in the app from every other kind, back and
//! forward, and what the network log says each one fetches. In the release build the
//! directory, a group's page, the form and the home page's map are lazy views, each in wasm
//! chunks of its own (`tools/split-wasm.sh`): these tests are what shows the chunks load, run
//! (closures, listeners, timers) and are fetched only where they are needed.

use std::{
    sync::atomic::{AtomicUsize, Ordering},
    time::{Duration, Instant},
};

use groups_core::routes::{self, ROUTES};
use groups_portal::shell::site::SITE_NAME;

use crate::support::{start_site, Browser, PATIENCE};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_in_the_table_is_pre_rendered_served_and_drawn() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    for route in ROUTES {
        let document = site.dist().join("_pages").join(route.document);
        assert!(document.is_file(), "{}: no pre-rendered {}", route.pattern(), route.document);
        let (status, html) = crate::support::fetch(&site.base, route.example).await;
        assert_eq!(status, 200, "{}", route.example);
        assert!(html.contains("<h1"), "{}: the server sent no heading", route.example);
        browser.goto(route.example).await;
        browser
            .wait_until(&format!("{}: the app's heading", route.example), "document.querySelector('#app main h1')")
            .await;
        if let Some(lazy) = route.lazy {
            wait_fetched(&browser, &format!("split_{lazy}_")).await;
        }
    }
    browser.assert_clean().await;
}

/// One page of each kind: its address, its heading and its document title's own part.
struct Page {
    path: &'static str,
    h1: &'static str,
    title: &'static str,
}

const PAGES: [Page; 6] = [
    Page { path: "/", h1: "Find an OpenStack user group near you", title: "" },
    Page { path: "/groups", h1: "User groups", title: "Groups" },
    Page { path: "/groups/berlin", h1: "OpenStack Berlin", title: "OpenStack Berlin" },
    Page { path: "/new-group", h1: "Start a user group", title: "Start a group" },
    Page { path: "/privacy", h1: "Privacy policy", title: "Privacy policy" },
    Page { path: "/no/such/page", h1: "Page not found", title: "Page not found" },
];

/// The prefix of a lazy view's own chunk (`split_<fn>_<call-site hash>-<build hash>.wasm`),
/// from the route table.
fn chunk_of(page: routes::Page) -> String {
    format!("split_{}_", routes::route(page).lazy.expect("a lazy view"))
}

impl Page {
    async fn shown(&self, browser: &Browser) {
        browser.wait_for_h1(self.h1).await;
        let title =
            if self.title.is_empty() { SITE_NAME.to_string() } else { format!("{} · {SITE_NAME}", self.title) };
        browser.wait_for_title(&title).await;
        assert_eq!(browser.path().await, self.path);
    }
}

/// Follows a link to `path` as a visitor's click would: the router handles every same-origin
/// link click. (A link made for the purpose: not every page links to every other, and the
/// app's own links are the other tests' business.)
async fn follow(browser: &Browser, path: &str) {
    let script = format!(
        "const a = document.createElement('a'); a.href = {path:?}; a.textContent = 'go';
         document.body.appendChild(a); a.click(); a.remove(); return null;"
    );
    browser.eval(&script).await;
}

/// The file name of each URL requested so far.
async fn fetched(browser: &Browser) -> Vec<String> {
    browser
        .requests()
        .await
        .iter()
        .map(|url| url.split(['?', '#']).next().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_string())
        .collect()
}

/// How many requests so far were for a file whose name starts with `prefix`.
async fn count(browser: &Browser, prefix: &str) -> usize {
    fetched(browser).await.iter().filter(|name| name.starts_with(prefix)).count()
}

/// Waits until a file starting with `prefix` has been requested, and says how many times.
async fn wait_fetched(browser: &Browser, prefix: &str) -> usize {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let n = count(browser, prefix).await;
        if n > 0 {
            return n;
        }
        assert!(Instant::now() < deadline, "no request for {prefix}…: {:#?}", fetched(browser).await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the record holds every request the page has completed so far, rather than
/// for a fixed time: the PerformanceObserver behind it reports in batches, in the order
/// requests complete, so once a marker fetched now is recorded, so is everything before it.
/// A check that something was *not* fetched comes after this.
async fn settle(browser: &Browser) {
    static MARKERS: AtomicUsize = AtomicUsize::new(0);
    let marker = format!("favicon.svg?settle={}", MARKERS.fetch_add(1, Ordering::Relaxed));
    let done = browser
        .client
        .execute_async(
            "const [url, done] = [arguments[0], arguments[arguments.length - 1]];
             fetch(url, { cache: 'no-store' }).then(() => done(true), () => done(false));",
            vec![serde_json::json!(format!("/{marker}"))],
        )
        .await
        .unwrap();
    assert_eq!(done, serde_json::json!(true), "the page could not reach the server");
    let deadline = Instant::now() + PATIENCE;
    while !browser.requests().await.iter().any(|url| url.ends_with(&marker)) {
        assert!(Instant::now() < deadline, "the request record never showed {marker}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Fails unless the site being tested is the split release build.
async fn assert_split(browser: &Browser) {
    assert!(
        count(browser, "__wasm_split-").await > 0,
        "the page loaded no split loader: dist/ is not the split release build (`cargo xtask test` builds it)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_page_opens_directly_and_fetches_only_its_own_lazy_view() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    // The lazy view each page shows at once (the same table as `cargo xtask size`'s), and
    // whether it shows groups and their meetings (the form shows groups only); the 404 and
    // content pages show neither. Each file the page shows is fetched once, its document's
    // preload (`prerender::AFTER_PAINT`) and the app's fetch being one request.
    let expected: [(Option<String>, bool, bool); 6] = [
        (Some(chunk_of(routes::Page::Home)), true, true),
        (Some(chunk_of(routes::Page::Groups)), true, true),
        (Some(chunk_of(routes::Page::Group)), true, true),
        (Some(chunk_of(routes::Page::NewGroup)), true, false),
        (None, false, false),
        (None, false, false),
    ];
    for (page, (view, groups, meetings)) in PAGES.iter().zip(expected) {
        browser.goto(page.path).await;
        page.shown(&browser).await;
        if let Some(view) = &view {
            wait_fetched(&browser, view).await;
        }
        // Each lazy view works once arrived: the map and list, the group, the form.
        match page.path {
            "/" => drop(browser.wait_for_text("main .region-list a", "Europe").await),
            "/groups" => drop(browser.wait_for_text("main .result-count", "Showing all 116 groups").await),
            "/groups/berlin" => drop(browser.wait_for_text("main .facts dd", "Berlin").await),
            "/new-group" => drop(browser.wait_for_text("main label", "Group name").await),
            _ => {}
        }
        settle(&browser).await;
        assert_split(&browser).await;
        let views: Vec<String> = fetched(&browser).await.into_iter().filter(|f| f.starts_with("split_")).collect();
        match view {
            Some(view) => assert!(views.len() == 1 && views[0].starts_with(view.as_str()), "{}: {views:?}", page.path),
            None => assert!(views.is_empty(), "{}: {views:?}", page.path),
        }
        assert_eq!(count(&browser, "groups.json").await, usize::from(groups), "groups.json for {}", page.path);
        assert_eq!(count(&browser, "meetings.json").await, usize::from(meetings), "meetings.json for {}", page.path);
        browser.assert_clean().await;
        // The next page's record starts empty.
        browser.eval("sessionStorage.removeItem('__e2e_monitor'); return null;").await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_page_is_reached_in_the_app_from_every_other_back_and_forward() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto(PAGES[0].path).await;
    PAGES[0].shown(&browser).await;
    browser.mark_document().await;

    let mut here = 0;
    for (from, start) in PAGES.iter().enumerate() {
        if here != from {
            follow(&browser, start.path).await;
            start.shown(&browser).await;
            here = from;
        }
        for (to, page) in PAGES.iter().enumerate() {
            if to == from {
                continue;
            }
            follow(&browser, page.path).await;
            page.shown(&browser).await;
            // Focus moves to the new page's heading once it is there (on the frame after it
            // is drawn), even when its code had to arrive first.
            browser.wait_for_focus(&format!("h1:{}", page.h1), &format!("{} → {}", start.path, page.path)).await;

            browser.client.back().await.unwrap();
            start.shown(&browser).await;
            browser.client.forward().await.unwrap();
            page.shown(&browser).await;
            browser.client.back().await.unwrap();
            start.shown(&browser).await;
        }
    }
    assert!(browser.same_document().await, "an in-app navigation reloaded the page");
    assert_split(&browser).await;
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_content_page_fetches_no_chunk_and_no_groups() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/privacy").await;
    PAGES[4].shown(&browser).await;
    // Other pages that need no lazy view: another content page and the 404, in the app.
    browser.click(browser.link("footer", "Code of conduct").await).await;
    browser.wait_for_h1("Code of conduct").await;
    follow(&browser, "/no/such/page").await;
    PAGES[5].shown(&browser).await;
    settle(&browser).await;

    assert_split(&browser).await;
    let files = fetched(&browser).await;
    let wasm: Vec<&String> = files.iter().filter(|f| f.ends_with(".wasm")).collect();
    assert!(wasm.len() == 1 && wasm[0].ends_with("_bg.wasm"), "more than the main module: {wasm:#?}");
    assert!(!files.iter().any(|f| f == "groups.json"), "a content page fetched groups.json: {files:#?}");
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_forms_chunk_is_fetched_only_once_the_form_opens() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/").await;
    browser.wait_for_text("main .region-list a", "Europe").await;
    assert_split(&browser).await;
    assert_eq!(wait_fetched(&browser, &chunk_of(routes::Page::Home)).await, 1);

    browser.click(browser.link("nav", "Groups").await).await;
    browser.wait_for_text("main .result-count", "Showing all 116 groups").await;
    browser.click(browser.link("main ul.group-list", "OpenStack Berlin").await).await;
    PAGES[2].shown(&browser).await;
    settle(&browser).await;
    assert_eq!(count(&browser, &chunk_of(routes::Page::NewGroup)).await, 0, "the form's chunk came before the form");

    browser.click(browser.link("nav", "Start a group").await).await;
    PAGES[3].shown(&browser).await;
    browser.wait_for_text("main label", "Group name").await;
    assert_eq!(wait_fetched(&browser, &chunk_of(routes::Page::NewGroup)).await, 1);

    // Back to the directory and to the form again: nothing is fetched twice, and the pages
    // that show groups shared one load of groups.json.
    browser.click(browser.link("nav", "Groups").await).await;
    browser.wait_for_text("main .result-count", "Showing all 116 groups").await;
    browser.click(browser.link("nav", "Start a group").await).await;
    browser.wait_for_text("main label", "Group name").await;
    settle(&browser).await;
    assert_eq!(count(&browser, &chunk_of(routes::Page::NewGroup)).await, 1, "the form's chunk was fetched again");
    assert_eq!(count(&browser, &chunk_of(routes::Page::Home)).await, 1);
    assert_eq!(count(&browser, "groups.json").await, 1, "groups.json was fetched more than once");
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_loader_and_chunks_are_served_as_immutable_wasm_and_js_and_a_missing_one_is_404() {
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/privacy").await;
    PAGES[4].shown(&browser).await;
    let mut split: Vec<String> = std::fs::read_dir(site.dist())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            (n.starts_with("chunk_") || n.starts_with("split_") || n.starts_with("__wasm_split-"))
                && (n.ends_with(".wasm") || n.ends_with(".js"))
        })
        .collect();
    split.sort();
    assert!(split.iter().any(|n| n.starts_with("__wasm_split-")), "no split loader in dist/: {split:?}");
    // `instantiateStreaming` needs `application/wasm`; the names carry the build's hash, so
    // the server keeps them for a year (`cache::is_hashed_asset`).
    let check = "const [path, done] = [arguments[0], arguments[arguments.length - 1]];
                 fetch(path).then(r => done([r.status, r.headers.get('content-type') || '',
                     r.headers.get('cache-control') || '']), e => done([0, String(e), '']));";
    for name in &split {
        let answer = browser.client.execute_async(check, vec![serde_json::json!(format!("/{name}"))]).await.unwrap();
        let expected_type = if name.ends_with(".wasm") { "application/wasm" } else { "text/javascript" };
        assert_eq!(answer[0], 200, "{name}: {answer}");
        assert!(answer[1].as_str().unwrap().starts_with(expected_type), "{name}: {answer}");
        assert!(answer[2].as_str().unwrap().contains("immutable"), "{name}: {answer}");
    }
    // A chunk of another build is a 404, never the app's index.html.
    let answer =
        browser.client.execute_async(check, vec![serde_json::json!("/chunk_1-0123456789abcdef.wasm")]).await.unwrap();
    assert_eq!(answer[0], 404, "{answer}");
    browser.assert_clean().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lazy_maps_window_listener_runs_after_a_resize() {
    // leptos-rs/leptos#4347: a closure made in split code failed when called ("indirect call
    // to null"). The map's keys, wheel, pointers and the form's timers are exercised by the
    // directory and form tests; this calls the window `resize` listener the map registers.
    let site = start_site().await;
    let browser = Browser::open(&site).await;
    browser.goto("/groups").await;
    browser.wait_for_text("main .result-count", "Showing all 116 groups").await;
    assert_split(&browser).await;
    let transform = "document.querySelector('main .map-world').style.transform";
    browser.client.set_window_size(760, 900).await.unwrap();
    browser.wait_until("the window narrowed", "window.innerWidth < 800").await;
    // The listener has run by the next frame; the app still answers: the zoom button moves
    // the map.
    browser.wait_until("a frame passed", "new Promise(r => requestAnimationFrame(() => r(true)))").await;
    let before = browser.eval(&format!("return {transform};")).await;
    browser.click(browser.wait_for_text("main .map-tools button", "+").await).await;
    browser.wait_until("the map zoomed in", &format!("{transform} !== {before}")).await;
    browser.assert_clean().await;
}
