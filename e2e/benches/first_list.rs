//! How long `/groups` takes to show its first list when opened directly: from the start of the
//! navigation to the moment the app's own page (not the server's copy) holds the whole
//! directory's count and its first groups, shown (painted in the next frame), and where that
//! time goes (the document, the main
//! module's wasm, `groups.json`, and what the app does after the last of them has arrived).
//!
//! A script added to every new document through the DevTools protocol (so no script of the
//! site's is changed, and the site's Content-Security-Policy does not apply to it) watches the
//! page with a `MutationObserver` and keeps the moment in `window.__firstList`.

use fantoccini::Client;
use serde_json::{json, Value};

use crate::main_thread::cdp;

/// Installed before any of the page's own scripts: records, with `performance.now()` (from the
/// navigation's start), the first moment the app's page is shown with `expected` in its count
/// and at least one group in its list.
fn watcher(expected: &str) -> String {
    format!(
        "(() => {{
            const expected = {expected};
            const seen = () => {{
                const app = document.getElementById('app');
                if (!app || app.hidden) return false;
                const counted = [...app.querySelectorAll('main [role=status]')].some((s) => s.textContent.includes(expected));
                return counted && !!app.querySelector('.directory-list li');
            }};
            window.__watching = true;
            const observer = new MutationObserver(() => {{
                if (seen()) {{ window.__firstList = performance.now(); observer.disconnect(); }}
            }});
            observer.observe(document, {{ childList: true, subtree: true, attributes: true, characterData: true }});
        }})();",
        expected = json!(expected)
    )
}

/// Resolves, once the list is shown, with the moments (ms from the navigation's start) the
/// page's parts arrived and the list was shown.
const READ: &str = "
    const done = arguments[arguments.length - 1];
    const fetched = (part) => performance.getEntriesByType('resource').filter((e) => e.name.includes(part));
    const ended = (entries) => (entries.length ? entries[0].responseEnd : null);
    const start = Date.now();
    const wait = () => {
        if (window.__firstList === undefined && Date.now() - start > 20000) {
            const app = document.getElementById('app');
            done({ error: `no list: the watcher ${window.__watching ? 'ran' : 'did not run'}, the app ${app ? (app.hidden ? 'hidden' : 'shown') : 'absent'}` });
            return;
        }
        if (window.__firstList === undefined) { setTimeout(wait, 10); return; }
        const groups = fetched('/groups.json');
        const navigation = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        done({
            document: navigation.responseEnd,
            fcp: paint ? paint.startTime : null,
            wasm: ended(fetched('_bg.wasm')),
            groups: ended(groups),
            list: window.__firstList,
            // More than one: the document's preload was not the app's fetch, and both ran.
            groups_fetches: groups.length,
        });
    };
    wait();";

/// One load's moments, in ms from the navigation's start.
#[derive(Clone, Copy, Debug)]
pub struct FirstList {
    pub document: f64,
    pub fcp: f64,
    pub wasm: f64,
    pub groups: f64,
    pub list: f64,
    /// How many times the load fetched `groups.json` (one when the preload served the app).
    pub groups_fetches: u64,
}

impl FirstList {
    /// What the app does once the last of its parts (main module, `groups.json`) has come.
    pub fn after_parts(self) -> f64 {
        self.list - self.wasm.max(self.groups)
    }
}

/// Opens `url` (`/groups` of a site with many groups) `runs` times in new documents, each
/// watched from its start, with `expected` the count's words for the whole directory.
pub async fn measure(client: &Client, url: &str, expected: &str, runs: usize) -> Vec<FirstList> {
    cdp(client, "Page.enable", json!({})).await;
    let added = cdp(client, "Page.addScriptToEvaluateOnNewDocument", json!({ "source": watcher(expected) })).await;
    // Each load fetches everything again, as a first visit does.
    cdp(client, "Network.enable", json!({})).await;
    cdp(client, "Network.setCacheDisabled", json!({ "cacheDisabled": true })).await;
    let mut loads = Vec::new();
    for _ in 0..runs {
        client.goto(url).await.expect("opening the directory");
        let read: Value = client.execute_async(READ, Vec::new()).await.expect("the first list's moments");
        assert!(read["error"].is_null(), "{}", read["error"]);
        let at = |key: &str| read[key].as_f64().unwrap_or(f64::NAN);
        loads.push(FirstList {
            document: at("document"),
            fcp: at("fcp"),
            wasm: at("wasm"),
            groups: at("groups"),
            list: at("list"),
            groups_fetches: read["groups_fetches"].as_u64().unwrap_or_default(),
        });
    }
    cdp(client, "Network.setCacheDisabled", json!({ "cacheDisabled": false })).await;
    cdp(client, "Page.removeScriptToEvaluateOnNewDocument", json!({ "identifier": added["identifier"] })).await;
    loads
}
