//! The end-to-end harness: the site server, a browser session, and the checks every test
//! shares (accessibility, Content-Security-Policy, requests that leave the origin).

use std::{
    path::PathBuf,
    process::Stdio,
    time::{Duration, Instant},
};

use fantoccini::{elements::Element, wd::WebDriverCompatibleCommand, Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// How long a test waits for the app to show something before it fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

const CHROMIUM: &str = "/usr/bin/chromium";

/// The repository's root: the release build and the tools are there.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("e2e/ is in the repository").to_path_buf()
}

/// The release build these tests serve.
pub fn dist() -> PathBuf {
    let dist = project_root().join("dist");
    assert!(
        dist.join("index.html").is_file(),
        "no release build in {}: run `cargo xtask test`, which builds it before testing",
        dist.display()
    );
    dist
}

/// The groups every end-to-end test sees: the tests' own fixture, never the shipped
/// directory, so that editing `public/groups.json` never breaks a test.
pub const FIXTURE_GROUPS: &str = include_str!("../fixtures/groups.json");

/// A running site: `groups-server` on a free loopback port in this test's runtime, serving a
/// copy of the release build, with its own empty request database. Keep it alive while it is
/// in use; its files go when it is dropped.
pub struct Site {
    pub base: String,
    /// The inbox's request database.
    pub db: PathBuf,
    /// The directory the server publishes as `/groups.json` (seeded from the fixture).
    pub groups: PathBuf,
    dist: tempfile::TempDir,
    _data: tempfile::TempDir,
}

impl Site {
    /// The served directory.
    pub fn dist(&self) -> &std::path::Path {
        self.dist.path()
    }

    /// Runs `groups-server <args>` against the running server's files, as staff `e2e`, in this
    /// process; it must succeed.
    pub async fn staff(&self, args: &[&str]) {
        use clap::Parser;
        let (db, groups, dist) =
            (self.db.display().to_string(), self.groups.display().to_string(), self.dist().display().to_string());
        let mut line = vec!["groups-server"];
        line.extend_from_slice(args);
        line.extend_from_slice(&["--by", "e2e", "--db", &db, "--groups", &groups, "--dist", &dist]);
        let cli = groups_server::cli::Cli::try_parse_from(&line).unwrap_or_else(|e| panic!("{line:?}: {e}"));
        groups_server::cli::run(cli).await.unwrap_or_else(|e| panic!("{line:?}: {e}"));
    }
}

impl std::ops::Deref for Site {
    type Target = str;
    fn deref(&self) -> &str {
        &self.base
    }
}

/// Starts the site with the fixture groups.
pub async fn start_site() -> Site {
    start_site_with_groups(Some(FIXTURE_GROUPS)).await
}

/// Starts the site with `groups` as its `groups.json` (absent when `None`).
pub async fn start_site_with_groups(groups: Option<&str>) -> Site {
    start_site_configured(groups, |config| config).await
}

/// Starts the site with the fixture groups and its settings changed by `configure`.
pub async fn start_site_configured(
    groups: Option<&str>,
    configure: impl FnOnce(groups_server::Config) -> groups_server::Config,
) -> Site {
    let copy = tempfile::tempdir().unwrap();
    copy_dir(&dist(), copy.path());
    if let Some(json) = groups {
        std::fs::write(copy.path().join("groups.json"), json).unwrap();
    }
    // The database stays outside the served directory (the server refuses it inside).
    let data = tempfile::tempdir().unwrap();
    let db = data.path().join("requests.db");
    let config = configure(groups_server::Config::new(copy.path(), db.clone()));
    let groups = config.groups.clone();
    let app = groups_server::app(&config).expect("the server accepts the release build");
    let listener = groups_server::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(groups_server::serve(listener, app, std::future::pending()));
    Site { base: format!("http://{addr}"), db, groups, dist: copy, _data: data }
}

/// Copies the built site (its pre-rendered pages too), but not its `groups.json`.
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            std::fs::create_dir_all(to.join(&name)).unwrap();
            copy_dir(&path, &to.join(&name));
        } else if !name.starts_with("groups.json") {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// Every request the inbox of `db` stored, as staff export them. The database must open: a
/// check that nothing was stored must not pass because it could not be read.
pub fn stored(db: &std::path::Path) -> Vec<Value> {
    let store = groups_server::store::Store::open_existing(db)
        .unwrap_or_else(|e| panic!("the inbox's database {} cannot be read: {e}", db.display()));
    store.all().unwrap().iter().map(|r| groups_server::staff::output::record(r, None)).collect()
}

/// A headless Chromium session through its own ChromeDriver. Dropping it kills both.
/// The app has taken the page over: the server's copy is gone and the app's page shows.
pub const TAKEN_OVER: &str =
    "!document.getElementById('prerendered') && document.getElementById('app') && !document.getElementById('app').hidden";

pub struct Browser {
    pub client: Client,
    pub base: String,
    /// Whether the browser runs scripts: only then does the app take a page over.
    javascript: bool,
    driver_pid: u32,
    _driver: tokio::process::Child,
    _scratch: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        // ChromeDriver started Chromium in its own process group: end the whole group, so no
        // browser outlives a failed test.
        kill_group(self.driver_pid);
    }
}

impl Browser {
    /// Opens a browser on the site at `base` with a desktop-sized window.
    pub async fn open(base: &str) -> Browser {
        Self::open_sized(base, 1280, 900).await
    }

    /// Opens a browser whose window is `width` × `height` CSS pixels.
    ///
    /// ChromeDriver picks its own free port and says which (`--port=0`): choosing one here and
    /// handing it over left a moment in which another test's server or driver could take it,
    /// and a session then went to a driver that was gone ("Connection refused"). A session is
    /// requested only once the driver reports itself ready, and a failed start is retried
    /// with a new driver a bounded number of times.
    pub async fn open_sized(base: &str, width: u32, height: u32) -> Browser {
        Self::open_with(base, width, height, true).await
    }

    /// Opens a desktop-sized browser with JavaScript turned off, as some readers and most link
    /// previews see the site.
    pub async fn open_without_javascript(base: &str) -> Browser {
        Self::open_with(base, 1280, 900, false).await
    }

    /// Opens a browser whose window is `width` × `height` CSS pixels, with JavaScript off.
    pub async fn open_sized_without_javascript(base: &str, width: u32, height: u32) -> Browser {
        Self::open_with(base, width, height, false).await
    }

    async fn open_with(base: &str, width: u32, height: u32, javascript: bool) -> Browser {
        const ATTEMPTS: usize = 3;
        let mut failures = Vec::new();
        for _ in 0..ATTEMPTS {
            match Self::try_open(base, width, height, javascript).await {
                Ok(browser) => return browser,
                Err(failure) => failures.push(failure),
            }
        }
        panic!("no Chromium session after {ATTEMPTS} attempts: {failures:#?}");
    }

    async fn try_open(base: &str, width: u32, height: u32, javascript: bool) -> Result<Browser, String> {
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        // Chromium's profile, and every folder ChromeDriver or Chromium make in TMPDIR: the
        // browser is killed, never asked to tidy up, so its folders must be inside one that
        // is removed with this session.
        let scratch = tempfile::tempdir().unwrap();
        let mut command = tokio::process::Command::new(&chromedriver);
        // Without `--allowed-ips` ChromeDriver listens on loopback only.
        command
            .env("TMPDIR", scratch.path())
            .arg("--port=0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .process_group(0);
        let mut driver =
            command.spawn().unwrap_or_else(|e| panic!("cannot start {chromedriver} ({e}): run `cargo xtask setup`"));
        let driver_pid = driver.id().expect("chromedriver has a pid");
        let stdout = driver.stdout.take().expect("chromedriver's stdout is piped");
        // From here on, dropping `guard` ends the driver and any browser it started.
        let guard = DriverGuard(driver_pid);
        let port = driver_port(stdout).await?;
        wait_until_ready(port).await?;

        let args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-extensions".into(),
            "--disable-default-apps".into(),
            "--no-first-run".into(),
            // Nothing but loopback resolves: a request to any other host fails at once.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1".into(),
            format!("--window-size={width},{height}"),
            format!("--blink-settings=scriptEnabled={javascript}"),
            format!("--user-data-dir={}", scratch.path().join("profile").display()),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), json!({ "binary": CHROMIUM, "args": args }));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| format!("a Chromium session on port {port}: {e}"))?;
        client
            .issue_cmd(Cdp::new("Page.addScriptToEvaluateOnNewDocument", json!({ "source": MONITOR })))
            .await
            .map_err(|e| format!("installing the page monitor: {e}"))?;
        std::mem::forget(guard);
        Ok(Browser { client, base: base.to_string(), javascript, driver_pid, _driver: driver, _scratch: scratch })
    }

    /// Loads `path` of the site as if typed into the address bar, and (with JavaScript) waits
    /// until the app has taken the page over. Before that the page shows the server's copy
    /// while the app draws its own out of sight: a test acting on the copy would act on
    /// something that is about to go.
    pub async fn goto(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.base)).await.unwrap();
        self.wait_for_app(path).await;
    }

    /// Reloads the page, as the browser's reload button does, and waits as [`Browser::goto`].
    pub async fn reload(&self) {
        self.client.refresh().await.unwrap();
        let path = self.path().await;
        self.wait_for_app(&path).await;
    }

    /// After a click that loads a whole document (a link the router does not handle), waits
    /// as [`Browser::goto`] does for the page now shown.
    pub async fn wait_for_new_document(&self) {
        let path = self.path().await;
        self.wait_for_app(&path).await;
    }

    async fn wait_for_app(&self, path: &str) {
        if self.javascript {
            self.wait_until(&format!("{path}: the app has taken the page over"), TAKEN_OVER).await;
        }
    }

    /// The path (and query) currently shown in the address bar.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Waits for an element matching `css` whose visible text is exactly `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(found) = self.client.find_all(Locator::Css(css)).await {
                for el in found {
                    if el.text().await.map(|t| t.trim() == text).unwrap_or(false) {
                        return el;
                    }
                }
            }
            if Instant::now() > deadline {
                let h1 = self.h1_text().await;
                panic!("no `{css}` reading {text:?} within {PATIENCE:?} (h1 is {h1:?}, path {})", self.path().await);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks `element` as a person would: WebDriver scrolls it into view if needed and presses
    /// the pointer at its centre. First it is brought to the middle of the window and given
    /// time to keep still: list items take their real height only once they come into view
    /// (`content-visibility`), so an element just scrolled to can still move, and a press at
    /// its old centre then lands on whatever took its place.
    pub async fn click(&self, element: Element) {
        self.bring_to_rest(&element).await;
        element.click().await.unwrap();
    }

    /// Scrolls `element` to the middle of the window and waits until it has kept its place
    /// over a few frames (read from here: with scripts off the page runs no frame callbacks).
    pub async fn bring_to_rest(&self, element: &Element) {
        let element = vec![serde_json::to_value(element).unwrap()];
        self.client.execute("arguments[0].scrollIntoView({ block: 'center' });", element.clone()).await.unwrap();
        let place = "const r = arguments[0].getBoundingClientRect(); return [r.x, r.y];";
        let deadline = Instant::now() + PATIENCE;
        let mut last = self.client.execute(place, element.clone()).await.unwrap();
        loop {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let now = self.client.execute(place, element.clone()).await.unwrap();
            if now == last {
                return;
            }
            assert!(Instant::now() < deadline, "the element never kept still (last at {now})");
            last = now;
        }
    }

    /// Waits for the page heading to read `text`.
    pub async fn wait_for_h1(&self, text: &str) -> Element {
        self.wait_for_text("main h1", text).await
    }

    async fn h1_text(&self) -> Option<String> {
        let h1 = self.client.find(Locator::Css("main h1")).await.ok()?;
        h1.text().await.ok()
    }

    /// The link inside `scope` (a CSS selector) whose text is `name`.
    pub async fn link(&self, scope: &str, name: &str) -> Element {
        self.wait_for_text(&format!("{scope} a"), name).await
    }

    /// The visible texts of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let script = format!("return [...document.querySelectorAll({css:?})].map(e => e.textContent.trim());");
        strings(self.eval(&script).await)
    }

    /// Waits until the elements matching `css` read exactly `expected`.
    pub async fn wait_for_texts(&self, css: &str, expected: &[String]) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let now = self.texts(css).await;
            if now == expected {
                return;
            }
            assert!(Instant::now() < deadline, "`{css}` reads {now:?}, expected {expected:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the document title is `title`.
    pub async fn wait_for_title(&self, title: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let now = self.client.title().await.unwrap_or_default();
            if now == title {
                return;
            }
            assert!(Instant::now() < deadline, "title is {now:?}, expected {title:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until `condition` (a JavaScript expression, or a promise of one) is true in the
    /// page; `what` says what was awaited when it never is.
    pub async fn wait_until(&self, what: &str, condition: &str) {
        let script = format!("return Promise.resolve({condition}).then(v => !!v);");
        let deadline = Instant::now() + PATIENCE;
        while self.eval(&script).await != json!(true) {
            assert!(Instant::now() < deadline, "{what}: not within {PATIENCE:?} (path {})", self.path().await);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for the address bar to show `path` (and query): a filter's choice shows at once
    /// and reaches the address a frame later.
    pub async fn wait_for_path(&self, path: &str) {
        self.wait_until(&format!("the address {path}"), &format!("location.pathname + location.search === {path:?}"))
            .await;
    }

    /// Fetches `/api/health` from the page and waits for the answer: anything the page sent
    /// before has reached the server (or the proxy in front of it) by then. A check that
    /// something was *not* sent waits for this instead of for a fixed time.
    pub async fn round_trip(&self) {
        let done = self
            .client
            .execute_async("const done = arguments[0]; fetch('/api/health', { cache: 'no-store' }).then(() => done(true), () => done(false));", vec![])
            .await
            .unwrap();
        assert_eq!(done, json!(true), "the page could not reach the server");
    }

    /// Runs `script` (a function body) in the page and returns its value.
    pub async fn eval(&self, script: &str) -> Value {
        self.eval_with(script, vec![]).await
    }

    /// [`Browser::eval`] with `args` as the script's `arguments`.
    pub async fn eval_with(&self, script: &str, args: Vec<Value>) -> Value {
        self.client.execute(script, args).await.unwrap()
    }

    /// A short description of the element that has focus.
    pub async fn focused(&self) -> String {
        self.eval(
            "const el = document.activeElement;
             return el ? el.tagName.toLowerCase() + ':' + (el.textContent || '').trim() : '';",
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// Waits until the focused element is `expected` (as [`Self::focused`] describes it):
    /// after an in-app navigation focus moves on the frame after the new page is drawn, and
    /// a lazy page is drawn only once its chunk has arrived. `after` says what led there.
    pub async fn wait_for_focus(&self, expected: &str, after: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let focused = self.focused().await;
            if focused == expected {
                return;
            }
            assert!(Instant::now() < deadline, "focus after {after} is on {focused:?}, not {expected:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Presses a key (a WebDriver key code such as `\u{E004}` for Tab) on the focused element.
    pub async fn press(&self, key: &str) {
        let focused = self.client.active_element().await.unwrap();
        focused.send_keys(key).await.unwrap();
    }

    /// Marks the current document; [`Self::same_document`] tells whether it is still loaded
    /// (an in-app navigation) or was replaced (a full page load).
    pub async fn mark_document(&self) {
        self.eval("window.__e2eMark = 'still here'; return null;").await;
    }

    pub async fn same_document(&self) -> bool {
        self.eval("return window.__e2eMark === 'still here';").await == json!(true)
    }

    /// Sends a DevTools protocol command to the browser (through ChromeDriver's
    /// `goog/cdp/execute`): to grant or deny a permission, to say where the browser is, or to
    /// slow its network.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.client.issue_cmd(Cdp::new(cmd, params)).await.unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// Every Content-Security-Policy violation the pages of this session reported.
    pub async fn csp_violations(&self) -> Vec<String> {
        strings(self.eval("return JSON.parse(sessionStorage.getItem('__e2e_monitor') || '{}').csp || [];").await)
    }

    /// Every URL this session's pages requested (documents, scripts, wasm, data), in order.
    pub async fn requests(&self) -> Vec<String> {
        strings(self.eval("return JSON.parse(sessionStorage.getItem('__e2e_monitor') || '{}').requests || [];").await)
    }

    /// Every URL this session's pages requested that is not on the site's own origin.
    pub async fn foreign_requests(&self) -> Vec<String> {
        let own = format!("{}/", self.base);
        self.requests().await.into_iter().filter(|url| !url.starts_with(&own)).collect()
    }

    /// Asserts that the session so far broke no CSP rule, requested nothing off-site and threw
    /// no uncaught error.
    pub async fn assert_clean(&self) {
        let requested = self.requests().await;
        assert!(!requested.is_empty(), "the page monitor recorded nothing: it is not running");
        let csp = self.csp_violations().await;
        assert!(csp.is_empty(), "Content-Security-Policy violations: {csp:#?}");
        let foreign = self.foreign_requests().await;
        assert!(foreign.is_empty(), "requests that left the origin: {foreign:#?}");
        let errors = self.script_errors().await;
        assert!(errors.is_empty(), "uncaught script errors: {errors:#?}");
    }

    /// What this session's pages threw and nobody caught (an `error` or `unhandledrejection`).
    pub async fn script_errors(&self) -> Vec<String> {
        strings(self.eval("return JSON.parse(sessionStorage.getItem('__e2e_monitor') || '{}').errors || [];").await)
    }

    /// axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the current page, one line each.
    pub async fn axe_violations(&self) -> Vec<String> {
        let source = std::fs::read_to_string(project_root().join("tools/node_modules/axe-core/axe.min.js"))
            .expect("axe-core is installed in tools/ (run `cargo xtask setup`)");
        self.client.execute(&format!("{source}\n;return null;"), vec![]).await.unwrap();
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag',
                     values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                   .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at ' +
                       v.nodes.map(n => n.target.join(' ')).join(' | '))))
                   .catch(e => done(['axe-core failed: ' + e]));",
                vec![],
            )
            .await
            .unwrap();
        strings(result)
    }

    /// Asserts zero axe-core violations on the current page.
    pub async fn assert_accessible(&self) {
        let violations = self.axe_violations().await;
        assert!(violations.is_empty(), "axe-core violations on {}: {violations:#?}", self.path().await);
    }

    /// The current document's cumulative layout shift so far.
    pub async fn layout_shift(&self) -> f64 {
        self.eval("return window.__e2eShift;").await.as_f64().expect("the page monitor measures layout shifts")
    }

    /// Each layout shift of the current document: its score, when, and what moved from where to where.
    pub async fn layout_shifts(&self) -> Vec<String> {
        strings(self.eval("return window.__e2eShifted;").await)
    }

    /// What the page's clipboard holds (the session must have been granted clipboard access).
    pub async fn clipboard_text(&self) -> Value {
        self.client
            .execute_async(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('refused: ' + e));",
                vec![],
            )
            .await
            .unwrap()
    }

    /// Whether the page scrolls sideways (content wider than the viewport).
    pub async fn overflows_horizontally(&self) -> bool {
        self.eval("return document.documentElement.scrollWidth > document.documentElement.clientWidth;").await
            == json!(true)
    }
}

fn strings(value: Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| items.iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect())
        .unwrap_or_default()
}

/// Installed before any page script runs, in every document: records CSP violations and the
/// URL of every resource requested, in sessionStorage so that full page loads keep them, and
/// the document's layout shifts.
const MONITOR: &str = r#"(() => {
  const KEY = '__e2e_monitor';
  const load = () => {
    try { return JSON.parse(sessionStorage.getItem(KEY)) || { csp: [], requests: [], errors: [] }; }
    catch (_) { return { csp: [], requests: [], errors: [] }; }
  };
  const save = (m) => { try { sessionStorage.setItem(KEY, JSON.stringify(m)); } catch (_) {} };
  if (location.protocol !== 'http:') return;
  // What the page's scripts threw and nobody caught (a panic of the wasm among them).
  const error = (text) => { const m = load(); (m.errors = m.errors || []).push(text); save(m); };
  window.addEventListener('error', (e) => error(`${e.message} at ${e.filename}:${e.lineno}`));
  window.addEventListener('unhandledrejection', (e) => error(`unhandled rejection: ${e.reason}`));
  document.addEventListener('securitypolicyviolation', (e) => {
    const m = load();
    m.csp.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' in ' + e.sourceFile + ':' + e.lineNumber);
    save(m);
  });
  new PerformanceObserver((list) => {
    const m = load();
    for (const entry of list.getEntries()) m.requests.push(entry.name);
    save(m);
  }).observe({ type: 'resource', buffered: true });
  // This document's cumulative layout shift, as Lighthouse counts it (not after input).
  // What moved, so that a failure names it: each shift's elements and their boxes before and after.
  window.__e2eShift = 0;
  window.__e2eShifted = [];
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return String(node && node.nodeName);
    const classes = node.className && typeof node.className === 'string' ? '.' + node.className.trim().split(/\s+/).join('.') : '';
    return node.localName + (node.id ? '#' + node.id : '') + classes;
  };
  const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      window.__e2eShift += entry.value;
      window.__e2eShifted.push(`${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ` + (entry.sources || [])
        .map((s) => `${describe(s.node)} ${box(s.previousRect)} -> ${box(s.currentRect)}`).join('; '));
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const m = load();
  m.requests.push(location.href);
  save(m);
})();"#;

/// A Chrome DevTools Protocol command sent through ChromeDriver's `goog/cdp/execute`.
#[derive(Debug)]
struct Cdp {
    body: String,
}

impl Cdp {
    fn new(cmd: &str, params: Value) -> Self {
        Cdp { body: json!({ "cmd": cmd, "params": params }).to_string() }
    }
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.clone()))
    }
}

/// Ends a ChromeDriver's process group (the driver and the browsers it started) unless
/// forgotten: a half-started session never leaves a driver behind.
struct DriverGuard(u32);

impl Drop for DriverGuard {
    fn drop(&mut self) {
        kill_group(self.0);
    }
}

fn kill_group(pid: u32) {
    let _ = std::process::Command::new("kill").args(["-KILL", "--", &format!("-{pid}")]).stderr(Stdio::null()).status();
}

/// The port ChromeDriver announces on its standard output ("… started successfully on port N.").
async fn driver_port(stdout: tokio::process::ChildStdout) -> Result<u16, String> {
    use tokio::io::AsyncBufReadExt;
    let mut lines = tokio::io::BufReader::new(stdout).lines();
    let announced = async {
        while let Some(line) = lines.next_line().await.map_err(|e| e.to_string())? {
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                return rest.trim_end_matches('.').trim().parse::<u16>().map_err(|e| format!("{line:?}: {e}"));
            }
        }
        Err("chromedriver exited before it announced its port".to_string())
    };
    let port = tokio::time::timeout(Duration::from_secs(15), announced)
        .await
        .map_err(|_| "chromedriver did not announce its port within 15 s".to_string())??;
    // Keep reading (and dropping) its output so the driver never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(port)
}

/// `GET base + path` without a browser, as a search engine or a link preview reads a page:
/// the status and the body.
pub async fn fetch(base: &str, path: &str) -> (u16, String) {
    use http_body_util::BodyExt;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Empty<bytes::Bytes>>();
    let url: http::Uri = format!("{base}{path}").parse().unwrap();
    let response = tokio::time::timeout(PATIENCE, client.get(url)).await.expect("an answer in time").unwrap();
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8(body.to_vec()).unwrap())
}

/// `GET base + path` without a browser: the status, the `Content-Type` and the body's bytes
/// (an image, a calendar).
pub async fn fetch_bytes(base: &str, path: &str) -> (u16, String, Vec<u8>) {
    use http_body_util::BodyExt;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Empty<bytes::Bytes>>();
    let url: http::Uri = format!("{base}{path}").parse().unwrap();
    let response = tokio::time::timeout(PATIENCE, client.get(url)).await.expect("an answer in time").unwrap();
    let status = response.status().as_u16();
    let kind =
        response.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, body.to_vec())
}

/// Polls ChromeDriver's `GET /status` until it says `"ready": true`.
async fn wait_until_ready(port: u16) -> Result<(), String> {
    use http_body_util::BodyExt;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Empty<bytes::Bytes>>();
    let url: http::Uri = format!("http://127.0.0.1:{port}/status").parse().unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let answer = async {
            let response = tokio::time::timeout(Duration::from_secs(2), client.get(url.clone())).await.ok()?.ok()?;
            let body = response.into_body().collect().await.ok()?.to_bytes();
            serde_json::from_slice::<Value>(&body).ok()
        }
        .await;
        if answer.as_ref().is_some_and(|status| status["value"]["ready"] == json!(true)) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("chromedriver on port {port} was not ready within 15 s (last status {answer:?})"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs `script` with the tools' Python (`tools/venv`, which setup installs) on `input` and
/// reads the JSON it prints: an independent reader of what the site serves.
pub fn python_json(script: &str, input: &str) -> Value {
    use std::io::Write as _;
    let python = project_root().join("tools/venv/bin/python");
    let mut child = std::process::Command::new(&python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} ({e}): run `cargo xtask setup`", python.display()));
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the reader refused it: {}\n{input}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}
