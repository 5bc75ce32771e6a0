//! `cargo xtask load`: the real server (release build, serving the release site) under load
//! from wrk, a well-known HTTP load generator (Debian's package), for a fixed time: one
//! request in five is a new group request, the rest read pages and `/groups.json`
//! (`tools/load.lua`). It prints throughput and latency, then checks in the database that every
//! request answered 201 is stored, exactly once. Figures are printed, never asserted.

use std::{
    collections::{BTreeSet, HashMap},
    path::Path,
    process::Command,
};

use anyhow::{bail, Context, Result};
use groups_core::{
    consent::Consent,
    links::{Link, LinkKind},
    request::{Agreements, GroupDetails, GroupRequest, Organizer},
};
use serde_json::Value;

use crate::{
    paths, process,
    server::{Server, NO_RATE_LIMIT},
    setup, site,
};

/// How long the load runs, with how many connections on how many threads.
const DURATION: &str = "20s";
const CONNECTIONS: &str = "16";
const THREADS: &str = "2";

pub fn load() -> Result<()> {
    setup::setup()?;
    ensure_wrk()?;
    site::build_release()?;
    process::run(process::command("cargo").args(["build", "--release", "--quiet", "--package", "groups-server"]))?;

    let scratch = tempfile::tempdir()?;
    let ids = scratch.path().join("ids");
    std::fs::create_dir(&ids)?;
    let body = scratch.path().join("body.json");
    std::fs::write(&body, serde_json::to_string(&request()?)?)?;
    let mut server = Server::start(&paths::root().join("target/release/groups-server"), &paths::dist(), NO_RATE_LIMIT)?;
    let base = server.base.clone();

    eprintln!("xtask: wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION} against {base} (release build)");
    let output = Command::new("wrk")
        .args(["-t", THREADS, "-c", CONNECTIONS, "-d", DURATION, "--latency", "-s"])
        .arg(paths::node_tools().join("load.lua"))
        .arg(&base)
        .env("LOAD_BODY", &body)
        .env("LOAD_IDS", &ids)
        .output()
        .context("running wrk")?;
    server.stop();
    let text = String::from_utf8_lossy(&output.stdout);
    print!("{}", text.lines().filter(|l| !l.starts_with("LOAD ")).map(|l| format!("{l}\n")).collect::<String>());
    let line = text.lines().find_map(|l| l.strip_prefix("LOAD ")).context("wrk printed no totals")?;
    let totals: Value = serde_json::from_str(line)?;
    let n = |key: &str| totals[key].as_f64().unwrap_or(0.0);

    let answered = answered_ids(&ids)?;
    let stored = stored_ids(&server.db())?;
    let lost: Vec<_> = answered.iter().filter(|id| !stored.contains_key(*id)).collect();
    let doubled: Vec<_> = stored.iter().filter(|(_, n)| **n > 1).map(|(id, _)| id).collect();
    let distinct_answers = answered.iter().collect::<BTreeSet<_>>().len();

    println!();
    println!("groups-server under load, {DURATION}, {CONNECTIONS} connections, release build on this machine:");
    println!(
        "  throughput            {:>10.0} requests/s ({} in {:.1} s)",
        n("requests") / n("seconds"),
        n("requests"),
        n("seconds")
    );
    println!(
        "  latency               p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        n("p50_ms"),
        n("p90_ms"),
        n("p99_ms"),
        n("max_ms")
    );
    println!("  pages and data        {} answered 200, {} otherwise", n("pages_ok"), n("pages_failed"));
    println!(
        "  new-group requests    {} sent, {} answered 201, {} refused 429, {} failed; {} socket errors",
        n("sent"),
        n("created"),
        n("refused"),
        n("failed"),
        n("errors")
    );
    println!(
        "  in the database       {} rows; answered 201 but not stored: {}; stored twice: {}; one id answered twice: {}",
        stored.values().sum::<usize>(),
        lost.len(),
        doubled.len(),
        answered.len() - distinct_answers
    );
    if !lost.is_empty() || !doubled.is_empty() || answered.len() != distinct_answers || answered.is_empty() {
        bail!("requests were lost or stored twice (or none was stored): {lost:?} {doubled:?}");
    }
    println!("  every 201 is stored exactly once");
    Ok(())
}

/// The request every load client sends (each under its own key), consenting to the privacy
/// page's version (read as the server's build reads it).
fn request() -> Result<GroupRequest> {
    let sources = groups_content::read_sources(&paths::root().join("src/content")).map_err(anyhow::Error::msg)?;
    let policy_version = groups_content::policy_version(&sources).map_err(anyhow::Error::msg)?;
    Ok(GroupRequest {
        group: GroupDetails {
            name: "OpenStack Load Test".into(),
            city: "Leipzig".into(),
            country: "DE".into(),
            lat: Some(51.34),
            lon: Some(12.37),
            description: "A request sent by cargo xtask load, never a real group.".into(),
            links: vec![Link { kind: LinkKind::Website, url: "https://example.org/load".into() }],
        },
        organizers: vec![Organizer { name: "Load Test".into(), email: "load@example.org".into() }],
        agreements: Agreements { code_of_conduct: true, non_commercial: true },
        consent: Some(Consent {
            privacy_policy_version: policy_version,
            text_sha256: groups_core::consent::every_sha256().next().expect("English's").to_owned(),
        }),
        website: String::new(),
    })
}

/// Every reference the load clients were answered with.
fn answered_ids(dir: &Path) -> Result<Vec<String>> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        ids.extend(std::fs::read_to_string(entry?.path())?.lines().map(str::to_owned));
    }
    Ok(ids)
}

/// How many rows each reference has in the database, as staff would export them.
fn stored_ids(db: &Path) -> Result<HashMap<String, usize>> {
    let output = Command::new(paths::root().join("target/release/groups-server"))
        .args(["requests", "export", "--db"])
        .arg(db)
        .output()
        .context("reading the database back")?;
    if !output.status.success() {
        bail!("requests export failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let mut counts = HashMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let row: Value = serde_json::from_str(line)?;
        *counts.entry(row["id"].as_str().unwrap_or_default().to_owned()).or_insert(0) += 1;
    }
    Ok(counts)
}

/// wrk from Debian's packages (as root), or a message saying how to get it.
fn ensure_wrk() -> Result<()> {
    if Command::new("wrk").arg("--version").output().is_ok() {
        return Ok(());
    }
    setup::apt_install(&["wrk"])
}
