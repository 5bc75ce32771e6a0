//! Schemathesis (from PyPI, pinned) against the real inbox: it reads `/api/openapi.json` and
//! sends property-based requests, checking every answer against that document (no 5xx, every
//! status, header, content type and body as described, schema-invalid data refused). The
//! settings are `tools/schemathesis.toml`.

use std::{path::PathBuf, process::Command};

use anyhow::{bail, Context, Result};

use crate::{
    paths, process, python,
    server::{Server, NO_RATE_LIMIT},
};

fn binary() -> PathBuf {
    python::venv().join("bin").join("schemathesis")
}

/// A minimal site for the server to serve, with the places index: the API is what is tested.
fn minimal_site() -> Result<tempfile::TempDir> {
    let site = tempfile::tempdir()?;
    std::fs::write(
        site.path().join("index.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body></body></html>",
    )?;
    crate::places::build_into(site.path())?;
    Ok(site)
}

/// Runs every Schemathesis check against a fresh server.
pub fn run() -> Result<()> {
    python::ensure()?;
    process::run(process::command("cargo").args(["build", "--quiet", "--package", "groups-server"]))?;
    let site = minimal_site()?;
    // A rate limit high enough for a fuzzer.
    let server = Server::start(&paths::root().join("target/debug/groups-server"), site.path(), NO_RATE_LIMIT)?;
    // Hypothesis keeps its example database in the working directory: not in the project.
    let scratch = tempfile::tempdir()?;
    let status = Command::new(binary())
        .arg("--config-file")
        .arg(paths::node_tools().join("schemathesis.toml"))
        .args(["run", &format!("{}/api/openapi.json", server.base), "--checks", "all"])
        .args(["--max-examples", "200", "--generation-deterministic", "--no-color"])
        .current_dir(scratch.path())
        .status()
        .context("running schemathesis")?;
    if !status.success() {
        bail!("schemathesis found answers that do not match /api/openapi.json ({status})");
    }
    Ok(())
}
