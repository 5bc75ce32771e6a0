//! `cargo xtask test`: every check and test at every level, after setting up and building the
//! site. Each step runs even when an earlier one failed, and the command fails if any did.
//!
//! 1. `cargo fmt --check` and clippy (native and wasm), warnings as errors;
//! 2. native `cargo test` over the workspace: pure logic, the server over real HTTP, and the
//!    end-to-end tests, which serve the release `dist/` and drive headless Chromium;
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

    let native = process::run(
        process::command("cargo")
            // With the pre-renderer (native only), whose own tests render pages to HTML.
            .args([
                "test",
                "--workspace",
                "--no-fail-fast",
                "--features",
                "groups-portal/prerender",
                "--",
                "--test-threads=2",
            ])
            .env("CHROMEDRIVER", setup::chromedriver()),
    );
    if let Err(err) = native {
        eprintln!("xtask: {err:#}");
        failed.push("native and end-to-end tests");
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

    if failed.is_empty() {
        eprintln!("xtask: all tests passed");
        Ok(())
    } else {
        bail!("failed: {}", failed.join(", "))
    }
}
