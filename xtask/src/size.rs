//! `cargo xtask size`: what each kind of page downloads when opened directly, raw and brotli,
//! against the budgets, what splitting the wasm costs, and the world geometry.
//!
//! Which chunks a page fetches is read from the split loader itself (`__wasm_split-<hash>.js`,
//! written by wasm-split-cli): it is the code that fetches them, and it names, for each lazy
//! view, its own chunk and the shared chunks it needs. The end-to-end tests check the same
//! thing from the other side, in the browser's network log (`tests/e2e/routes.rs`).

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

use anyhow::{bail, Context, Result};

use crate::{compress, meetings_sample, paths, site::with_suffix};

/// A content page opened directly: wasm, JS, CSS and HTML (brotli), from the issue's budgets.
const CONTENT_BUDGET: u64 = 100 * 1024;
/// Any other page opened directly (`/`, `/groups`, a group's page, `/new-group`), everything
/// it loads (brotli).
const APP_BUDGET: u64 = 160 * 1024;
/// The world geometry's budget: loaded after the page without delaying it (README, "Sizes and speed").
const GEOMETRY_BUDGET: u64 = 60 * 1024;
const GEOMETRY: &str = "world.svg";
/// The file wasm-split-cli writes (before the build's hash is added to its name).
pub const LOADER_PREFIX: &str = "__wasm_split";

/// A kind of page: its name, its pre-rendered document (under `dist/_pages/`), the lazy view
/// (`#[lazy]` function, by name) it shows at once, and its budget.
struct Route {
    name: String,
    /// Its address in English (`/groups/berlin`), after the language's segment in another.
    path: String,
    document: String,
    lazy: Option<&'static str>,
    budget: u64,
}

/// The other language each page is also measured in (its documents under `_pages/ja/`).
const OTHER_LANGUAGE: &str = "ja";

/// Lazy views no page loads when opened directly, only once the visitor goes on inside the
/// app: each with what it is for (reported beside the pages, not in them).
const LATER_VIEWS: &[(&str, &str)] =
    &[("fetched_body_view", "a translated content page reached inside the app (its fetch)")];

/// Every kind of page: a content page, then the app's pages from the route table
/// (`groups_core::routes`), so that a page added there is measured here too. Every lazy view
/// of the app must be one of theirs (or of [`LATER_VIEWS`]): `report` fails on one that is not.
fn routes() -> Vec<Route> {
    let content = Route {
        name: "a content page (/privacy)".into(),
        path: "/privacy".into(),
        document: groups_core::routes::content_document("privacy"),
        lazy: None,
        budget: CONTENT_BUDGET,
    };
    std::iter::once(content)
        .chain(groups_core::routes::ROUTES.iter().map(|r| Route {
            name: r.example.to_owned(),
            path: r.example.to_owned(),
            document: r.document.to_owned(),
            lazy: r.lazy,
            budget: APP_BUDGET,
        }))
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The main module.
    Wasm,
    /// A split-off chunk (a lazy view's own, or one several views share).
    Chunk,
    /// The main JS.
    Js,
    /// The split loader.
    Loader,
    Css,
    Html,
}

struct Row {
    name: String,
    kind: Kind,
    raw: u64,
    brotli: u64,
}

#[derive(Clone, Copy, Default)]
struct Size {
    raw: u64,
    brotli: u64,
}

impl std::ops::Add for Size {
    type Output = Size;
    fn add(self, other: Size) -> Size {
        Size { raw: self.raw + other.raw, brotli: self.brotli + other.brotli }
    }
}

impl std::iter::Sum for Size {
    fn sum<I: Iterator<Item = Size>>(iter: I) -> Size {
        iter.fold(Size::default(), |a, b| a + b)
    }
}

/// Prints the report for the split site in `dist/`, compared with the same app built as one
/// module in `eager` (the output directory of an eager release build).
pub fn report(eager: &Path) -> Result<()> {
    let dist = paths::dist();
    if !dist.join("index.html").is_file() {
        bail!("no release build in {}: run `cargo xtask size`, which builds one", dist.display());
    }
    let rows = rows(&dist)?;
    println!("{:<64} {:>10} {:>10}", "file", "raw", "brotli");
    for row in &rows {
        println!("{:<64} {:>10} {:>10}", row.name, kb(row.raw), kb(row.brotli));
    }

    let size_of = |pick: &dyn Fn(&Row) -> bool| -> Size {
        rows.iter().filter(|r| pick(r)).map(|r| Size { raw: r.raw, brotli: r.brotli }).sum()
    };
    let file = |name: &str| size_of(&|r: &Row| r.name == name);
    // What every page loads besides its own document (which holds the style sheet inline): the
    // main JS and wasm, and the loader (the main JS imports it statically).
    let base = size_of(&|r| matches!(r.kind, Kind::Wasm | Kind::Js | Kind::Loader));

    let loader = rows.iter().find(|r| r.kind == Kind::Loader);
    let views = match loader {
        Some(row) => {
            let text = fs::read_to_string(dist.join(&row.name)).with_context(|| format!("reading {}", row.name))?;
            parse_loader(&text).with_context(|| format!("reading {}", row.name))?
        }
        None => BTreeMap::new(),
    };
    let routes = routes();
    let claimed: BTreeSet<&str> =
        routes.iter().filter_map(|r| r.lazy).chain(LATER_VIEWS.iter().map(|(view, _)| *view)).collect();
    for view in views.keys() {
        if !claimed.contains(view.as_str()) {
            bail!("the lazy view `{view}` is in no route of the route table (groups_core::routes): add it where it is shown");
        }
    }

    println!();
    println!("{:<64} {:>10} {:>10}", "opened directly, everything it loads", "raw", "brotli");
    for route in &routes {
        let mut files = BTreeSet::new();
        if let (Some(view), Some(_)) = (route.lazy, loader) {
            let needed = views.get(view).with_context(|| format!("the loader has no lazy view `{view}`"))?;
            files.extend(needed.iter().cloned());
        }
        let document = document_size(&dist, &route.document)?;
        let total = base + document + files.iter().map(|f| file(f)).sum();
        let verdict = format!("   budget {} brotli: {}", kb(route.budget), verdict(total.brotli, route.budget));
        println!("{:<64} {:>10} {:>10}{verdict}", route.name, kb(total.raw), kb(total.brotli));
        if !files.is_empty() {
            let chunks: Vec<&str> = files.iter().map(|f| short(f)).collect();
            println!("    chunks: {}", chunks.join(", "));
        }
        // The same page in another language: the same code, its document carrying the
        // language's words (and its countries' names).
        let other = document_size(&dist, &format!("{OTHER_LANGUAGE}/{}", route.document))?;
        let total = base + other + files.iter().map(|f| file(f)).sum();
        let name = format!("    in Japanese (/{OTHER_LANGUAGE}{}), document {} brotli", route.path, kb(other.brotli));
        println!("{:<64} {:>10} {:>10}", name, kb(total.raw), kb(total.brotli));
    }

    for (view, what) in LATER_VIEWS {
        if let Some(needed) = views.get(*view) {
            let more: Size = needed.iter().map(|f| file(f)).sum();
            println!("{:<64} {:>10} {:>10}", format!("then {what}, more"), kb(more.raw), kb(more.brotli));
        }
    }

    println!();
    let chunks = size_of(&|r| r.kind == Kind::Chunk);
    let count = rows.iter().filter(|r| r.kind == Kind::Chunk).count();
    let split = size_of(&|r| matches!(r.kind, Kind::Wasm | Kind::Chunk | Kind::Js | Kind::Loader));
    let main = size_of(&|r| matches!(r.kind, Kind::Wasm | Kind::Js));
    println!("{:<64} {:>10} {:>10}", "main module (wasm + JS)", kb(main.raw), kb(main.brotli));
    let with_loader = chunks + size_of(&|r| r.kind == Kind::Loader);
    println!(
        "{:<64} {:>10} {:>10}",
        format!("all {count} chunks together, with the loader"),
        kb(with_loader.raw),
        kb(with_loader.brotli)
    );
    println!("{:<64} {:>10} {:>10}", "the whole app split (main + loader + chunks)", kb(split.raw), kb(split.brotli));
    let one = app_size(eager)?;
    println!(
        "{:<64} {:>10} {:>10}",
        "the same app as one module (eager build: wasm + JS)",
        kb(one.raw),
        kb(one.brotli)
    );
    println!("{:<64} {:>10} {:>10}", "splitting adds", change(split.raw, one.raw), change(split.brotli, one.brotli));

    println!();
    let geometry = dist.join(GEOMETRY);
    let raw = fs::read(&geometry).with_context(|| format!("reading {}", geometry.display()))?;
    let br = compress::brotli(&raw)?.len() as u64;
    println!(
        "{:<64} {:>10} {:>10}   budget {} brotli: {}",
        "world geometry (world.svg, loaded after the page)",
        kb(raw.len() as u64),
        kb(br),
        kb(GEOMETRY_BUDGET),
        verdict(br, GEOMETRY_BUDGET)
    );
    data_files(&dist)
}

/// The data the pages fetch: the directory as shipped, and a stand-in for the meetings (the
/// real file depends on the groups' calendars; see `meetings_sample`).
fn data_files(dist: &Path) -> Result<()> {
    let groups = dist.join("groups.json");
    let raw = fs::read(&groups).with_context(|| format!("reading {}", groups.display()))?;
    let br = compress::brotli(&raw)?.len() as u64;
    println!("{:<64} {:>10} {:>10}", "groups.json (the directory as shipped)", kb(raw.len() as u64), kb(br));
    let (meetings, covered) = meetings_sample::sample(&groups)?;
    let br = compress::brotli(meetings.as_bytes())?.len() as u64;
    println!(
        "{:<64} {:>10} {:>10}",
        format!("meetings.json, {covered} groups with a feed × {} meetings", meetings_sample::PER_GROUP),
        kb(meetings.len() as u64),
        kb(br)
    );
    Ok(())
}

/// The wasm and JS of an eager build in `dir`.
fn app_size(dir: &Path) -> Result<Size> {
    Ok(rows(dir)?
        .iter()
        .filter(|r| matches!(r.kind, Kind::Wasm | Kind::Js))
        .map(|r| Size { raw: r.raw, brotli: r.brotli })
        .sum())
}

/// For each lazy view named in the loader (its function's name, without the call-site hash
/// leptos adds), every file its loading fetches: its own chunk and, transitively, the shared
/// chunks it depends on.
///
/// The loader declares each shared chunk as `const __chunk_3 = makeLoad(() => { … fetch(new
/// URL("./chunk_3-<hash>.wasm", …)) … }, [deps]);` and each view as `export const
/// __wasm_split_load_<fn>_<n> = wrapAsyncCb(makeLoad(() => { … "./split_<fn>_<n>-<hash>.wasm"
/// … }, [__chunk_3, …]));`.
pub fn parse_loader(text: &str) -> Result<BTreeMap<String, BTreeSet<String>>> {
    struct Entry {
        file: String,
        deps: Vec<String>,
    }
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    let starts: Vec<usize> = text
        .match_indices("const ")
        .map(|(i, _)| i)
        .filter(|&i| text[i + 6..].starts_with("__chunk_") || text[i + 6..].starts_with("__wasm_split_load_"))
        .collect();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(text.len());
        let statement = &text[start + 6..end];
        let name = statement.split([' ', '=']).next().unwrap_or_default().to_string();
        let file = statement
            .split("new URL(\"./")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .with_context(|| format!("no fetched file for {name}"))?
            .to_string();
        let deps_list = statement
            .rsplit_once('[')
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(list, _)| list)
            .with_context(|| format!("no dependency list for {name}"))?;
        let deps = deps_list.split(',').map(str::trim).filter(|d| !d.is_empty()).map(str::to_string).collect();
        entries.insert(name, Entry { file, deps });
    }
    if entries.is_empty() {
        bail!("no chunk or view declarations: has wasm-split-cli's loader changed?");
    }

    let mut views = BTreeMap::new();
    for (name, entry) in &entries {
        let Some(export) = name.strip_prefix("__wasm_split_load_") else { continue };
        // `groups_view_11561230561142038018` → `groups_view`.
        let view =
            export
                .rsplit_once('_')
                .map_or(export, |(view, n)| if n.bytes().all(|b| b.is_ascii_digit()) { view } else { export });
        let mut files = BTreeSet::from([entry.file.clone()]);
        let mut todo = entry.deps.clone();
        while let Some(dep) = todo.pop() {
            let dep = entries.get(&dep).with_context(|| format!("{name} depends on an undeclared {dep}"))?;
            if files.insert(dep.file.clone()) {
                todo.extend(dep.deps.iter().cloned());
            }
        }
        views.insert(view.to_string(), files);
    }
    Ok(views)
}

fn rows(dist: &Path) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for entry in fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") if name.ends_with("_bg.wasm") => Kind::Wasm,
            Some("wasm") => Kind::Chunk,
            Some("js") if name.starts_with(LOADER_PREFIX) => Kind::Loader,
            Some("js") => Kind::Js,
            Some("css") => Kind::Css,
            Some("html") => Kind::Html,
            _ => continue,
        };
        let data = fs::read(&path)?;
        let brotli = match fs::metadata(with_suffix(&path, "br")) {
            Ok(meta) => meta.len(),
            Err(_) => compress::brotli(&data)?.len() as u64,
        };
        rows.push(Row { name, kind, raw: data.len() as u64, brotli });
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.raw));
    Ok(rows)
}

/// A chunk's file name without the build's hash: `chunk_6-abce9f0d469e03f2.wasm` → `chunk_6`.
pub fn short(file: &str) -> &str {
    let stem = file.strip_suffix(".wasm").unwrap_or(file);
    stem.rsplit_once('-').map_or(stem, |(name, _)| name)
}

/// A pre-rendered document, raw and brotli (the group page's as a template: the server adds
/// the group's few lines).
fn document_size(dist: &Path, name: &str) -> Result<Size> {
    let path = dist.join("_pages").join(name);
    let data = fs::read(&path).with_context(|| format!("reading {}: is the site pre-rendered?", path.display()))?;
    Ok(Size { raw: data.len() as u64, brotli: compress::brotli(&data)?.len() as u64 })
}

pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// `+12.3 KB (+4%)`: how much larger `split` is than `one`.
fn change(split: u64, one: u64) -> String {
    let diff = split as f64 - one as f64;
    let percent = if one == 0 { 0.0 } else { diff / one as f64 * 100.0 };
    format!("{:+.1} KB ({percent:+.0}%)", diff / 1024.0)
}

fn verdict(value: u64, budget: u64) -> &'static str {
    if value <= budget {
        "within"
    } else {
        "OVER"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str = r#"import { initSync } from "./app-73e2.js";
function makeLoad(fetcher, deps) { const loader = async () => { const instantiate = fetcher(); }; }
const __chunk_3 = makeLoad(() => {
    const src = fetch(new URL("./chunk_3-73e2.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
const __chunk_4 = makeLoad(() => {
    const src = fetch(new URL("./chunk_4-73e2.wasm", import.meta.url));
}
, [__chunk_3]);
export const __wasm_split_load_timer_view_1343 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_timer_view_1343-73e2.wasm", import.meta.url));
}
, [__chunk_3]));
export const __wasm_split_load_counter_view_6968 = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_counter_view_6968-73e2.wasm", import.meta.url));
}
, [__chunk_4]));
"#;

    #[test]
    fn the_loader_says_which_files_each_view_fetches() {
        let views = parse_loader(LOADER).unwrap();
        let files = |v: &str| views[v].iter().map(String::as_str).collect::<Vec<_>>();
        assert_eq!(views.len(), 2);
        assert_eq!(files("timer_view"), ["chunk_3-73e2.wasm", "split_timer_view_1343-73e2.wasm"]);
        // Dependencies of dependencies count too.
        assert_eq!(
            files("counter_view"),
            ["chunk_3-73e2.wasm", "chunk_4-73e2.wasm", "split_counter_view_6968-73e2.wasm"]
        );
    }

    #[test]
    fn a_loader_without_declarations_is_an_error() {
        assert!(parse_loader("export const something = 1;").is_err());
    }

    #[test]
    fn short_names_drop_the_build_hash() {
        assert_eq!(short("chunk_6-abce9f0d469e03f2.wasm"), "chunk_6");
        assert_eq!(short("split_group_view_678-abce9f0d469e03f2.wasm"), "split_group_view_678");
    }

    #[test]
    fn changes_are_signed_with_a_percentage() {
        assert_eq!(change(1536, 1024), "+0.5 KB (+50%)");
        assert_eq!(change(1024, 2048), "-1.0 KB (-50%)");
    }
}
