//! `cargo xtask lighthouse`: Lighthouse 12 (npm, installed into `tools/lighthouse` on first
//! use) on every kind of page of the release site served by the
//! release server, with its mobile settings (simulated slow 4G, a 4× slower CPU) and its
//! desktop preset, offline (Chromium's own background traffic is turned off). Prints the four
//! scores, the paint, shift and blocking figures of each run and the element of the largest
//! paint; asserts nothing.

use std::{
    path::PathBuf,
    process::{Command, Stdio},
};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use groups_core::routes::{route, Page, ROUTES};

use crate::{paths, process, server::Server, setup, site};

/// A content page, measured beside every page of the route table.
const CONTENT_PAGE: &str = "/what-are-user-groups";

/// The first shipped group's slug: its page is measured, and its organisers' page.
fn first_group() -> Result<String> {
    let path = paths::root().join("public/groups.json");
    let shipped: Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    Ok(shipped["groups"][0]["slug"].as_str().with_context(|| format!("no group in {}", path.display()))?.to_owned())
}

/// Every kind of page: each of the route table's (`groups_core::routes`), so that a page added
/// there is measured here too, and a content page. A group's page is the first shipped group's
/// (the table's example names a test fixture's). `/my-request` is `noindex` by design, which
/// Lighthouse's SEO score counts against it; it is measured as opened without a link (the
/// table's example) and, in [`lighthouse`], as its organisers open it, with their link.
fn pages() -> Result<Vec<String>> {
    let group = format!("/{}/{}", route(Page::Group).segment, first_group()?);
    Ok(ROUTES
        .iter()
        .map(|r| if r.page == Page::Group { group.clone() } else { r.example.to_owned() })
        .chain(std::iter::once(CONTENT_PAGE.to_owned()))
        .collect())
}
const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --disable-background-networking --disable-component-update --disable-sync --no-first-run";

fn dir() -> PathBuf {
    paths::node_tools().join("lighthouse")
}

pub fn lighthouse() -> Result<()> {
    setup::setup()?;
    let binary = dir().join("node_modules/.bin/lighthouse");
    if !binary.exists() {
        // `npm install` with the committed lockfile: `npm ci` refuses it (npm 11 leaves out a
        // dependency Lighthouse declares twice).
        process::run(process::command("npm").args(["install", "--no-audit", "--no-fund", "--prefix"]).arg(dir()))?;
    }
    site::build_release()?;
    process::run(process::command("cargo").args(["build", "--release", "--quiet", "--package", "groups-server"]))?;
    let server = Server::start(&paths::root().join("target/release/groups-server"), &paths::dist(), &[])?;
    let base = server.base.clone();
    let organisers = organisers_link(&server)?;
    // Lighthouse's own scratch files (Chromium's profile).
    let scratch = tempfile::tempdir()?;

    println!(
        "{:<8} {:<24} {:>5} {:>5} {:>5} {:>5}  {:>7} {:>7} {:>6} {:>7}  largest paint",
        "", "page", "perf", "a11y", "bp", "seo", "LCP", "FCP", "CLS", "TBT"
    );
    let mut result = Ok(());
    let mut pages = pages()?;
    pages.push(organisers);
    'pages: for page in pages {
        // The organisers' key stays out of the printed figures.
        let shown = page.split_once('.').map_or(page.clone(), |(link, _)| format!("{link}.KEY"));
        for preset in ["mobile", "desktop"] {
            // A trace is now and then lost ("NO_NAVSTART"): one more try before giving up.
            let url = format!("{base}{page}");
            let report = run(&binary, &url, &shown, preset, scratch.path())
                .or_else(|_| run(&binary, &url, &shown, preset, scratch.path()));
            match report {
                Ok(report) => println!("{}", line(preset, &shown, &report)),
                Err(error) => {
                    result = Err(error);
                    break 'pages;
                }
            }
        }
    }
    drop(server);
    result
}

/// The first shipped group's organisers' page with their private link (`/my-request#slug.KEY`),
/// issued as staff issue it (`groups link`) in the database of the server measured.
fn organisers_link(server: &Server) -> Result<String> {
    let out = Command::new(paths::root().join("target/release/groups-server"))
        .arg("groups")
        .arg("--db")
        .arg(server.db())
        .arg("--groups")
        .arg(server.groups())
        .arg("--dist")
        .arg(paths::dist())
        .args(["--by", "lighthouse", "link"])
        .arg(first_group()?)
        .output()
        .context("issuing an organisers' link")?;
    let printed = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!("`groups link` failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let link = printed.split_whitespace().find_map(|word| word.find("/my-request#").map(|at| word[at..].to_owned()));
    link.with_context(|| format!("`groups link` printed no link: {printed} {}", String::from_utf8_lossy(&out.stderr)))
}

/// One Lighthouse run's JSON report; `shown` names the page in errors.
fn run(binary: &PathBuf, url: &str, shown: &str, preset: &str, scratch: &std::path::Path) -> Result<Value> {
    let out = scratch.join("report.json");
    let mut command = Command::new(binary);
    command
        .arg(url)
        .args(["--quiet", "--output=json", "--only-categories=performance,accessibility,best-practices,seo"])
        .arg(format!("--output-path={}", out.display()))
        .arg(format!("--chrome-flags={CHROME_FLAGS}"))
        .env("CHROME_PATH", "/usr/bin/chromium");
    if preset == "desktop" {
        command.arg("--preset=desktop");
    }
    let status = command.stdout(Stdio::null()).stderr(Stdio::null()).status().context("running lighthouse")?;
    if !status.success() {
        bail!("lighthouse failed on {shown} ({preset})");
    }
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&out)?)?;
    if report["categories"]["performance"]["score"].is_null() {
        bail!("lighthouse could not measure {shown} ({preset}): {}", report["runtimeError"]["message"]);
    }
    Ok(report)
}

fn line(preset: &str, page: &str, report: &Value) -> String {
    let score = |category: &str| {
        report["categories"][category]["score"].as_f64().map_or("-".to_owned(), |s| format!("{:.0}", s * 100.0))
    };
    let value = |audit: &str| report["audits"][audit]["numericValue"].as_f64().unwrap_or(f64::NAN);
    // The largest paint's element, as Lighthouse quotes it (the first `snippet` in its audit).
    let element = first_snippet(&report["audits"]["largest-contentful-paint-element"]).unwrap_or_default();
    let element: String = element.chars().take(60).collect();
    format!(
        "{preset:<8} {page:<24} {:>5} {:>5} {:>5} {:>5}  {:>6.2}s {:>6.2}s {:>6.3} {:>5.0}ms  {element}",
        score("performance"),
        score("accessibility"),
        score("best-practices"),
        score("seo"),
        value("largest-contentful-paint") / 1000.0,
        value("first-contentful-paint") / 1000.0,
        value("cumulative-layout-shift"),
        value("total-blocking-time"),
    )
}

fn first_snippet(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => map
            .get("snippet")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| map.values().find_map(first_snippet)),
        Value::Array(list) => list.iter().find_map(first_snippet),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use groups_core::routes::{match_path, Matched};

    use super::*;

    #[test]
    fn every_page_of_the_route_table_is_measured_with_a_shipped_group_and_a_content_page() {
        let pages = pages().unwrap();
        for route in ROUTES {
            assert!(
                pages.iter().any(|p| matches!(match_path(p), Matched::Page(page, _) if page == route.page)),
                "{:?} is not measured: {pages:?}",
                route.page
            );
        }
        // The group's page shows a group the release site has.
        let shipped = std::fs::read_to_string(paths::root().join("public/groups.json")).unwrap();
        let group = pages.iter().find_map(|p| match match_path(p) {
            Matched::Page(Page::Group, Some(slug)) => Some(slug),
            _ => None,
        });
        assert!(shipped.contains(&format!("\"slug\": \"{}\"", group.unwrap())), "{pages:?}");
        assert!(pages.iter().any(|p| matches!(match_path(p), Matched::Other(_))), "a content page: {pages:?}");
    }
}
