//! `cargo xtask test`: every check and test at every level, after setting up and building the
//! site. Each step runs even when an earlier one failed, and the command fails if any did.
//!
//! 1. `cargo fmt --check` and clippy (native and wasm), warnings as errors;
//! 2. native `cargo test` over the workspace (what a plain `cargo test` runs): pure logic and
//!    the server over real HTTP; then the end-to-end tests (package `groups-e2e`), which serve
//!    the release `dist/` and drive headless Chromium;
//! 3. the components, compiled to wasm and run in headless Chromium by wasm-bindgen-test;
//! 4. Schemathesis against the real inbox and its `/api/openapi.json`.

use anyhow::{bail, Result};

use crate::{checks, process, schemathesis, setup, site};

pub fn test() -> Result<()> {
    setup::setup()?;
    let mut failed = Vec::new();
    for (name, check) in [("formatting", checks::fmt as fn() -> Result<()>), ("clippy", checks::clippy)] {
        if let Err(err) = check() {
            eprintln!("xtask: {err:#}");
            failed.push(name);
        }
    }
    site::build_release()?;
    let tree_before = source_tree_status();

    // Everything that needs no browser: what a plain `cargo test` runs, with the
    // pre-renderer (native only), whose own tests render pages to HTML.
    // The tools setup made (the mail relay's Python) must be used, not skipped.
    let native = process::run(
        process::command("cargo")
            .args([
                "test",
                "--workspace",
                "--exclude",
                "groups-e2e",
                "--no-fail-fast",
                "--features",
                "groups-portal/prerender",
                "--",
                "--test-threads=2",
            ])
            .env("GROUPS_REQUIRE_TOOLS", "1"),
    );
    if let Err(err) = native {
        eprintln!("xtask: {err:#}");
        failed.push("native tests");
    }
    // End to end: the release build just made, served and driven in Chromium.
    let e2e = process::run(
        process::command("cargo")
            .args(["test", "--package", "groups-e2e", "--no-fail-fast", "--", "--test-threads=2"])
            .env("CHROMEDRIVER", setup::chromedriver())
            .env("GROUPS_REQUIRE_TOOLS", "1"),
    );
    if let Err(err) = e2e {
        eprintln!("xtask: {err:#}");
        failed.push("end-to-end tests");
    }
    // ChromeDriver gives Chromium a profile folder in TMPDIR (about 80 MB) and leaves it there
    // when the runner ends it: keep those in a folder removed afterwards.
    let scratch = tempfile::tempdir()?;
    let components = process::run(
        process::command("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "--test", "web"])
            .env("CHROMEDRIVER", setup::chromedriver())
            .env("TMPDIR", scratch.path()),
    );
    if let Err(err) = components {
        eprintln!("xtask: {err:#}");
        failed.push("component tests in Chromium");
    }

    if let Err(err) = schemathesis::run() {
        eprintln!("xtask: {err:#}");
        failed.push("Schemathesis against the inbox API");
    }

    // No test may write into the source tree (a server started in `server/` once left its
    // directory file there): whatever appeared that git does not ignore fails the run.
    let written: Vec<String> = source_tree_status().into_iter().filter(|line| !tree_before.contains(line)).collect();
    if !written.is_empty() {
        eprintln!("xtask: the tests wrote into the source tree:\n  {}", written.join("\n  "));
        failed.push("tests that keep out of the source tree");
    }

    if failed.is_empty() {
        eprintln!("xtask: all tests passed");
        Ok(())
    } else {
        bail!("failed: {}", failed.join(", "))
    }
}

/// `git status` of the source tree, one line per changed or new file that git does not
/// ignore; empty outside a git checkout.
fn source_tree_status() -> Vec<String> {
    let output = std::process::Command::new("git")
        .args(["status", "--porcelain", "--untracked-files=all"])
        .current_dir(crate::paths::root())
        .output();
    match output {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}
