//! `cargo xtask size`: what a first visit downloads, raw and brotli, against the budgets.

use std::{fs, path::Path};

use anyhow::{bail, Context, Result};

use crate::{compress, paths, site::with_suffix};

/// Everything a first visit downloads (wasm, JS, CSS, HTML, brotli), from DESIGN.md.
const FIRST_VISIT_BUDGET: u64 = 160 * 1024;
/// The world geometry, loaded after the page without delaying it, from DESIGN.md.
const GEOMETRY_BUDGET: u64 = 60 * 1024;
const GEOMETRY: &str = "world.svg";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Wasm,
    Js,
    Css,
    Html,
}

struct Row {
    name: String,
    kind: Kind,
    raw: u64,
    brotli: u64,
}

pub fn report() -> Result<()> {
    let dist = paths::dist();
    if !dist.join("index.html").is_file() {
        bail!("no release build in {}: run `cargo xtask size` after a build", dist.display());
    }
    let rows = rows(&dist)?;
    println!("{:<52} {:>10} {:>10}", "file", "raw", "brotli");
    for row in &rows {
        println!("{:<52} {:>10} {:>10}", row.name, kb(row.raw), kb(row.brotli));
    }
    let sum = |pick: &dyn Fn(&Row) -> bool| -> (u64, u64) {
        rows.iter().filter(|r| pick(r)).fold((0, 0), |(a, b), r| (a + r.raw, b + r.brotli))
    };
    let (app_raw, app_br) = sum(&|r| matches!(r.kind, Kind::Wasm | Kind::Js));
    let (all_raw, all_br) = sum(&|_| true);
    println!("{:<52} {:>10} {:>10}", "app (wasm + js)", kb(app_raw), kb(app_br));
    println!(
        "{:<52} {:>10} {:>10}   budget {} brotli: {}",
        "first visit (wasm + js + css + html)",
        kb(all_raw),
        kb(all_br),
        kb(FIRST_VISIT_BUDGET),
        verdict(all_br, FIRST_VISIT_BUDGET)
    );
    let geometry = dist.join(GEOMETRY);
    let raw = fs::read(&geometry).with_context(|| format!("reading {}", geometry.display()))?;
    let br = compress::brotli(&raw)?.len() as u64;
    println!(
        "{:<52} {:>10} {:>10}   budget {} brotli: {}",
        "world geometry (world.svg, loaded after the page)",
        kb(raw.len() as u64),
        kb(br),
        kb(GEOMETRY_BUDGET),
        verdict(br, GEOMETRY_BUDGET)
    );
    Ok(())
}

fn rows(dist: &Path) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    for entry in fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => Kind::Wasm,
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
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        rows.push(Row { name, kind, raw: data.len() as u64, brotli });
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.raw));
    Ok(rows)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn verdict(value: u64, budget: u64) -> &'static str {
    if value <= budget {
        "within"
    } else {
        "OVER"
    }
}
