//! How long the page's main thread is busy for an action, free of frame alignment: Chromium's
//! own sampling profiler (the DevTools protocol's `Profiler`, reached through ChromeDriver's
//! `goog/cdp/execute`) runs while the actions are taken, and every sample that is not idle
//! counts, split into script (the app's wasm and JavaScript) and the browser's own work
//! (style, layout, paint: the profile's "(program)", and garbage collection).

use fantoccini::{wd::WebDriverCompatibleCommand, Client};
use serde_json::{json, Value};

/// A DevTools protocol command, through ChromeDriver.
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.0, "params": self.1 }).to_string()))
    }
}

pub async fn cdp(client: &Client, cmd: &'static str, params: Value) -> Value {
    client.issue_cmd(Cdp(cmd, params)).await.unwrap_or_else(|e| panic!("{cmd}: {e}"))
}

/// Milliseconds of main-thread work per action, by kind.
#[derive(Clone, Copy, Debug)]
pub struct Busy {
    pub script: f64,
    pub browser: f64,
}

impl Busy {
    pub fn total(self) -> f64 {
        self.script + self.browser
    }

    /// The mean of `runs`.
    pub fn mean(runs: &[Busy]) -> Busy {
        let n = runs.len().max(1) as f64;
        Busy {
            script: runs.iter().map(|b| b.script).sum::<f64>() / n,
            browser: runs.iter().map(|b| b.browser).sum::<f64>() / n,
        }
    }
}

/// Waits three frames: long enough for the work an action leaves for the frames after its own.
const SETTLE: &str = "const done = arguments[arguments.length - 1];
    requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(() => done(null))));";

/// The main thread's work for the action `run` takes, and for what it leaves to the frames
/// after: the profiler runs around it alone, not around what the harness does between
/// actions.
pub async fn profiled<F: std::future::Future<Output = ()>>(client: &Client, run: F) -> Busy {
    start(client).await;
    run.await;
    client.execute_async(SETTLE, Vec::new()).await.expect("waiting three frames");
    stop(client, 1).await
}

/// Starts the profiler (sampling every 50 µs).
async fn start(client: &Client) {
    cdp(client, "Profiler.enable", json!({})).await;
    cdp(client, "Profiler.setSamplingInterval", json!({ "interval": 50 })).await;
    cdp(client, "Profiler.start", json!({})).await;
}

/// Stops the profiler and divides what it saw among `actions`.
async fn stop(client: &Client, actions: usize) -> Busy {
    let profile = cdp(client, "Profiler.stop", json!({})).await;
    busy(&profile["profile"], actions)
}

/// The profile's non-idle time per action. A sample's time is the gap to the next sample.
fn busy(profile: &Value, actions: usize) -> Busy {
    let kinds: std::collections::HashMap<u64, &str> = profile["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| Some((n["id"].as_u64()?, n["callFrame"]["functionName"].as_str()?)))
        .collect();
    let samples = profile["samples"].as_array().cloned().unwrap_or_default();
    let deltas = profile["timeDeltas"].as_array().cloned().unwrap_or_default();
    let (mut script, mut browser) = (0.0, 0.0);
    for (i, sample) in samples.iter().enumerate() {
        let us = deltas.get(i + 1).and_then(Value::as_f64).unwrap_or(0.0);
        match sample.as_u64().and_then(|id| kinds.get(&id)).copied() {
            Some("(idle)") | Some("(root)") => {}
            Some("(program)") | Some("(garbage collector)") => browser += us,
            _ => script += us,
        }
    }
    let per = |us: f64| us / 1000.0 / actions.max(1) as f64;
    Busy { script: per(script), browser: per(browser) }
}
