//! Schemathesis (from PyPI, pinned) against the real inbox: it reads `/api/openapi.json` and
//! sends property-based requests, checking every answer against that document (no 5xx, every
//! status, header, content type and body as described, schema-invalid data refused). The
//! settings are `tools/schemathesis.toml`.

use std::{
    path::PathBuf,
    process::{Command, Stdio},
};

use anyhow::{bail, Context, Result};

use crate::{
    paths, process,
    server::{Server, NO_RATE_LIMIT},
};

const VERSION: &str = "4.32.5";

/// The project's own Python environment for it, git-ignored under `tools/`.
fn venv() -> PathBuf {
    paths::node_tools().join("venv")
}

fn binary() -> PathBuf {
    venv().join("bin").join("schemathesis")
}

/// Installs Schemathesis into `tools/venv` unless that version is there already.
pub fn ensure() -> Result<()> {
    let wanted = format!("schemathesis, version {VERSION}");
    let installed = Command::new(binary()).arg("--version").stderr(Stdio::null()).output().ok();
    if installed.is_some_and(|out| String::from_utf8_lossy(&out.stdout).trim() == wanted) {
        return Ok(());
    }
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
        .context("Python 3 is missing: install python3 (with venv and pip) to run the API checks")?;
    process::run(Command::new(python).args(["-m", "venv"]).arg(venv()))?;
    process::run(
        Command::new(venv().join("bin").join("pip"))
            .args(["install", "--quiet", "--disable-pip-version-check"])
            .arg(format!("schemathesis=={VERSION}")),
    )
}

/// A minimal site for the server to serve: the API is what is tested.
fn minimal_site() -> Result<tempfile::TempDir> {
    let site = tempfile::tempdir()?;
    std::fs::write(
        site.path().join("index.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body></body></html>",
    )?;
    Ok(site)
}

/// Runs every Schemathesis check against a fresh server.
pub fn run() -> Result<()> {
    ensure()?;
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
