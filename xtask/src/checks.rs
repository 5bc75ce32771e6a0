//! The code's own checks, run first by `cargo xtask test`: formatting (`cargo fmt --check`)
//! and clippy with warnings as errors, natively over the workspace and for the wasm app.

use anyhow::Result;

use crate::process;

pub fn fmt() -> Result<()> {
    process::run(process::command("cargo").args(["fmt", "--all", "--check"]))
}

pub fn clippy() -> Result<()> {
    process::run(process::command("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--features",
        "groups-portal/prerender",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The app as the browser gets it (benches are native tools and stay out).
    process::run(process::command("cargo").args([
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "--package",
        "groups-portal",
        "--lib",
        "--bins",
        "--tests",
        "--",
        "-D",
        "warnings",
    ]))
}
