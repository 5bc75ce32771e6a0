//! `cargo xtask bench` (or `cargo bench --bench directory` after a release build): the
//! directory with 10,000 generated groups. Prints figures; asserts nothing about time.
//!
//! - native: parsing, filtering by each region, clustering the world view;
//! - in headless Chromium, on the release build: from a region change (and from a search
//!   keystroke) to the next painted frame, median of 20; and the main thread's work for a
//!   region change, by Chromium's profiler (`main_thread.rs`), which the wait for the next
//!   frame does not enter;
//! - `/groups` opened directly, five times without cache: when the app first shows the whole
//!   list, and when the parts it waits for arrived (`first_list.rs`).

mod first_list;
mod main_thread;
#[path = "../tests/support.rs"]
#[allow(dead_code)]
mod support;

use std::time::Instant;

use groups_core::{
    cluster::{cluster, MIN_SPACING_PX},
    filter::{apply, Filter},
    geo::to_map,
};
use groups_portal::{directory::model::Directory, regions::Region};
use serde_json::json;

const GROUPS: usize = 10_000;
const RUNS: usize = 20;
/// Loads of `/groups` for its first list: each one fetches the page whole again.
const LOADS: usize = 5;
/// One frame at 60 Hz: the budget for a region change or a keystroke.
const FRAME_MS: f64 = 16.0;

/// 10,000 groups around the test fixture's cities, so every region has its share.
fn generated() -> String {
    let base = Directory::read(support::FIXTURE_GROUPS).unwrap().0.groups;
    let mut state: u64 = 7;
    let mut jitter = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 4.0
    };
    let groups: Vec<_> = (0..GROUPS)
        .map(|i| {
            let g = &base[i % base.len()];
            json!({
                "slug": format!("g{i}"), "name": format!("{} meetup {i}", g.place()), "city": g.city,
                "country": g.country.code, "lat": (g.lat + jitter()).clamp(-89.0, 89.0),
                "lon": (g.lon + jitter()).clamp(-179.0, 179.0),
                "status": if i % 3 == 0 { "official" } else { "new" },
            })
        })
        .collect();
    json!({ "version": 1, "groups": groups }).to_string()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn time_ms(f: impl FnOnce()) -> f64 {
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64() * 1000.0
}

fn native(json: &str) {
    println!("native, {GROUPS} groups (median of {RUNS}):");
    let parse = median((0..RUNS).map(|_| time_ms(|| drop(Directory::read(json).unwrap()))).collect());
    println!("  parse groups.json                 {parse:8.2} ms");
    let directory = Directory::read(json).unwrap().0;
    for region in [Region::Europe, Region::Asia] {
        let filter = Filter { region: Some(region), ..Default::default() };
        let t = median(
            (0..RUNS)
                .map(|_| time_ms(|| drop(apply(&filter, &directory.groups, &directory.keys, &Default::default()))))
                .collect(),
        );
        println!("  filter by {:<24}{t:8.2} ms", region.name());
    }
    let search = Filter { query: "sao paulo".into(), ..Default::default() };
    let t = median(
        (0..RUNS)
            .map(|_| time_ms(|| drop(apply(&search, &directory.groups, &directory.keys, &Default::default()))))
            .collect(),
    );
    println!("  search \"sao paulo\"                {t:8.2} ms");
    let points: Vec<_> = directory.groups.iter().map(|g| to_map(g.lon, g.lat)).collect();
    let spacing = MIN_SPACING_PX * 1000.0 / 700.0;
    let t = median((0..RUNS).map(|_| time_ms(|| drop(cluster(&points, 1.0, spacing)))).collect());
    println!("  cluster the world view            {t:8.2} ms");
}

/// Runs `action` (JavaScript changing the page) and resolves with the milliseconds until
/// the frame that shows its result has been painted: a message posted from
/// `requestAnimationFrame` is delivered right after that frame's paint.
const MEASURE: &str = "
    const [action, done] = [arguments[0], arguments[arguments.length - 1]];
    const t0 = performance.now();
    new Function(action)();
    requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done(performance.now() - t0);
        channel.port2.postMessage(null);
    });";

/// Runs `action` and resolves with the milliseconds until its script work is done: the task
/// that ran it and the microtasks it queued (where the app's reactive updates run). A message
/// posted right after the action is delivered only after them. Frame alignment, style, layout
/// and paint are left out, so this is the app's own share of a change, with little noise.
const MEASURE_SCRIPT: &str = "
    const [action, done] = [arguments[0], arguments[arguments.length - 1]];
    const t0 = performance.now();
    new Function(action)();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now() - t0);
    channel.port2.postMessage(null);";

async fn browser(json: &str) {
    let site = support::start_site_with_groups(Some(json)).await;
    let browser = support::Browser::open(&site).await;
    // The count as English writes it, with its thousands' separator.
    const _: () = assert!(GROUPS == 10_000, "the count's words below name GROUPS");
    let expected = "Showing all 10,000 groups";
    let loads = first_list::measure(&browser.client, &format!("{}/groups", site.base), expected, LOADS).await;
    browser.goto("/groups").await;
    browser.wait_for_text("main [role=status]", expected).await;
    browser.wait_until("the map's markers", "document.querySelector('main .map button.marker')").await;

    // The harness's own floor: the same measurement of an action that changes nothing (the
    // wait for the next frame alone, which is up to one frame at 60 Hz).
    let mut floor_ms = Vec::new();
    for _ in 0..RUNS {
        let ms = browser.client.execute_async(MEASURE, vec![json!("")]).await.unwrap();
        floor_ms.push(ms.as_f64().unwrap());
    }

    let regions = ["europe", "asia", "north-america", "africa"];
    let choose = |run: usize| {
        format!(
            "const s = document.getElementById('filter-region'); s.value = '{}'; s.dispatchEvent(new Event('change', {{ bubbles: true }}));",
            regions[run % regions.len()]
        )
    };
    // The main thread's work: the same painted measurement of nothing, then of region changes,
    // under the profiler (each to its painted frame, so that the frame's own work counts).
    let (mut idle_busy, mut region_busy) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        let client = &browser.client;
        idle_busy.push(
            main_thread::profiled(client, async {
                client.execute_async(MEASURE, vec![json!("")]).await.unwrap();
            })
            .await,
        );
        region_busy.push(
            main_thread::profiled(client, async {
                client.execute_async(MEASURE, vec![json!(choose(run))]).await.unwrap();
            })
            .await,
        );
        let region = regions[run % regions.len()];
        browser.wait_until("the region in the address", &format!("location.search === '?region={region}'")).await;
    }
    let (idle_busy, region_busy) = (main_thread::Busy::mean(&idle_busy), main_thread::Busy::mean(&region_busy));

    let mut region_ms = Vec::new();
    let mut region_script_ms = Vec::new();
    for run in 0..RUNS * 2 {
        let action = choose(run);
        // Alternately to the painted frame and to the end of the script's work.
        let (measure, into) =
            if run % 2 == 0 { (MEASURE, &mut region_ms) } else { (MEASURE_SCRIPT, &mut region_script_ms) };
        let ms = browser.client.execute_async(measure, vec![json!(action)]).await.unwrap();
        into.push(ms.as_f64().unwrap());
        // The next change starts once this one is in the address (the router's follow-up).
        let region = regions[run % regions.len()];
        browser.wait_until("the region in the address", &format!("location.search === '?region={region}'")).await;
    }
    browser.goto("/groups").await;
    browser.wait_for_text("main [role=status]", expected).await;
    let mut key_ms = Vec::new();
    let text = "meetup 1234";
    for run in 0..RUNS {
        let typed = &text[..(run % text.len()) + 1];
        let action = format!(
            "const q = document.getElementById('filter-q'); q.value = '{typed}'; q.dispatchEvent(new Event('input', {{ bubbles: true }}));"
        );
        let ms = browser.client.execute_async(MEASURE, vec![json!(action)]).await.unwrap();
        key_ms.push(ms.as_f64().unwrap());
        let query = typed.replace(' ', "+");
        browser.wait_until("the search in the address", &format!("location.search === '?q={query}'")).await;
    }
    let (region, key, floor) = (median(region_ms.clone()), median(key_ms.clone()), median(floor_ms));
    println!("headless Chromium, {GROUPS} groups, release build (median of {RUNS}; budget {FRAME_MS} ms):");
    println!("  region change → painted           {region:8.2} ms  ({})", verdict(region));
    println!("  search keystroke → painted        {key:8.2} ms  ({})", verdict(key));
    println!("  nothing → painted (the floor)     {floor:8.2} ms  (region change {:+.2} ms above it)", region - floor);
    println!(
        "  region change → script done       {:8.2} ms  (the app's own work, without frame or paint)",
        median(region_script_ms)
    );
    println!(
        "  region change → main thread busy   {:8.2} ms  (script {:.2}, style/layout/paint {:.2}; profiled, mean of {RUNS})",
        region_busy.total(),
        region_busy.script,
        region_busy.browser
    );
    println!(
        "  nothing → main thread busy         {:8.2} ms  (the harness's own; region change {:+.2} ms above it)",
        idle_busy.total(),
        region_busy.total() - idle_busy.total()
    );
    println!("  region runs: {:?}", region_ms.iter().map(|v| (v * 10.0).round() / 10.0).collect::<Vec<_>>());
    let of = |part: fn(&first_list::FirstList) -> f64| median(loads.iter().map(part).collect());
    println!(
        "/groups opened directly, {GROUPS} groups, no cache (median of {LOADS} loads, ms from the navigation's start):"
    );
    println!("  first list shown by the app        {:8.2} ms", of(|l| l.list));
    println!(
        "    document {:.1}, first paint {:.1}, main wasm {:.1}, groups.json {:.1}; after the last of them {:.1} ms",
        of(|l| l.document),
        of(|l| l.fcp),
        of(|l| l.wasm),
        of(|l| l.groups),
        of(|l| l.after_parts())
    );
    println!("  first list runs: {:?}", loads.iter().map(|l| (l.list * 10.0).round() / 10.0).collect::<Vec<_>>());
    println!("  groups.json fetched per load: {:?}", loads.iter().map(|l| l.groups_fetches).collect::<Vec<_>>());
}

fn verdict(ms: f64) -> &'static str {
    if ms <= FRAME_MS {
        "within a frame"
    } else {
        "OVER a frame"
    }
}

#[tokio::main]
async fn main() {
    let json = generated();
    native(&json);
    browser(&json).await;
}
