//! Schemathesis (from PyPI, pinned) against the real inbox: it reads `/api/openapi.json` and
//! sends property-based requests, checking every answer against that document (no 5xx, every
//! status, header, content type and body as described, schema-invalid data refused). The
//! settings are `tools/schemathesis.toml`.

use std::{
    io::{BufRead, BufReader},
    path::PathBuf,
    process::{Child, Command, Stdio},
};

use anyhow::{bail, Context, Result};

use crate::{paths, process};

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

/// A `groups-server` of this workspace on a free loopback port, with its own files and a rate
/// limit high enough for a fuzzer (`--rate-limit-burst`, documented); stopped when dropped.
struct Server {
    child: Child,
    base: String,
    _files: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server() -> Result<Server> {
    process::run(process::command("cargo").args(["build", "--quiet", "--package", "groups-server"]))?;
    let files = tempfile::tempdir()?;
    let dist = files.path().join("dist");
    std::fs::create_dir(&dist)?;
    std::fs::write(
        dist.join("index.html"),
        "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body></body></html>",
    )?;
    let var = files.path().join("var");
    let mut child = Command::new(paths::root().join("target/debug/groups-server"))
        .args(["serve", "--addr", "127.0.0.1:0", "--rate-limit-burst", "1000000", "--rate-limit-period", "0.001"])
        .arg("--dist")
        .arg(&dist)
        .arg("--db")
        .arg(var.join("requests.db"))
        .arg("--groups")
        .arg(var.join("groups.json"))
        .stdout(Stdio::piped())
        .spawn()
        .context("starting groups-server")?;
    let mut first = String::new();
    BufReader::new(child.stdout.take().context("its output")?).read_line(&mut first)?;
    // "groups-server: serving … at http://127.0.0.1:PORT/, …"
    let base = first
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .map(|url| url.trim_end_matches(',').trim_end_matches('/').to_owned())
        .with_context(|| format!("groups-server did not say where it listens: {first:?}"))?;
    Ok(Server { child, base, _files: files })
}

/// Runs every Schemathesis check against a fresh server.
pub fn run() -> Result<()> {
    ensure()?;
    let server = start_server()?;
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
