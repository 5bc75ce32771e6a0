//! `cargo xtask test`: every test at every level, after setting up and building the site.
//!
//! 1. native `cargo test` over the workspace: pure logic, the server over real HTTP, and the
//!    end-to-end tests, which serve the release `dist/` and drive headless Chromium;
//! 2. the components, compiled to wasm and run in headless Chromium by wasm-bindgen-test.

use anyhow::{bail, Result};

use crate::{process, setup, site};

pub fn test() -> Result<()> {
    setup::setup()?;
    site::build_release()?;

    let mut failed = Vec::new();
    let native = process::run(
        process::command("cargo")
            .args(["test", "--workspace", "--", "--test-threads=2"])
            .env("CHROMEDRIVER", setup::chromedriver()),
    );
    if let Err(err) = native {
        eprintln!("xtask: {err:#}");
        failed.push("native and end-to-end tests");
    }
    let components = process::run(
        process::command("cargo")
            .args(["test", "--target", "wasm32-unknown-unknown", "--test", "web"])
            .env("CHROMEDRIVER", setup::chromedriver()),
    );
    if let Err(err) = components {
        eprintln!("xtask: {err:#}");
        failed.push("component tests in Chromium");
    }

    if failed.is_empty() {
        eprintln!("xtask: all tests passed");
        Ok(())
    } else {
        bail!("failed: {}", failed.join(", "))
    }
}
