//! Building the release site into `dist/` and precompressing it for the server.
//!
//! The release site is split: the lazy views (`#[cfg_attr(feature = "split", leptos::lazy)]`)
//! go into wasm chunks of their own, loaded when first shown. That takes the `split` feature,
//! linking with `--emit-relocs` (the splitter reads the relocations) and Trunk's post_build
//! hook, `tools/split-wasm.sh`, which splits, runs wasm-bindgen and wasm-opt, and names the
//! chunks with the build's hash.

use std::{
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};

use crate::{compress, paths, process};

/// Extensions worth compressing; images and fonts are compressed already.
const COMPRESSIBLE: &[&str] = &["html", "js", "wasm", "css", "json", "svg", "txt", "map"];

/// The wasm's rustflags for the split build. An environment `RUSTFLAGS` replaces (is not
/// merged with) the `[target.wasm32-unknown-unknown] rustflags` of `.cargo/config.toml`, so
/// `--cfg erase_components` is repeated here. `--emit-relocs` only when splitting: without a
/// splitter to strip them, the relocations would make the wasm several times larger.
const SPLIT_RUSTFLAGS: &str = "--cfg erase_components -Clink-args=--emit-relocs";

/// [`SPLIT_RUSTFLAGS`], and the registry's source folders remapped to nothing: a panic's
/// location in a dependency then reads `serde_json-1.0.154/src/de.rs` instead of
/// `/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/serde_json-1.0.154/src/de.rs`,
/// in every such string the wasm carries, and the build no longer depends on where cargo
/// keeps its files.
fn split_rustflags() -> String {
    let registry = paths::cargo_home().join("registry").join("src");
    let mut flags = SPLIT_RUSTFLAGS.to_string();
    for index in fs::read_dir(&registry).into_iter().flatten().filter_map(|e| e.ok()) {
        // A space would split the flag: RUSTFLAGS is split on spaces.
        let path = index.path().display().to_string();
        if !path.contains(' ') {
            flags.push_str(&format!(" --remap-path-prefix={path}/="));
        }
    }
    flags
}

/// `trunk build --release` split, every page pre-rendered into `dist/_pages/`, then a `.br`
/// and a `.gz` beside every compressible file, and the places index into `dist/_places/`.
pub fn build_release() -> Result<()> {
    build_split(&paths::dist(), &[])?;
    prerender(&paths::dist())?;
    precompress(&paths::dist())?;
    crate::places::build_into(&paths::dist())
}

/// `trunk build --release` split into `dist`, with `env` for the split hook (see
/// `tools/split-wasm.sh`), without pre-rendering.
pub fn build_split(dist: &Path, env: &[(&str, &str)]) -> Result<()> {
    process::run(
        process::command("trunk")
            .args(["build", "--release", "--features", "split", "--dist"])
            .arg(dist)
            .env("RUSTFLAGS", split_rustflags())
            // Other rustflags than every other build (tests, clippy, `trunk serve`): in the
            // same target directory each switch would rebuild every dependency.
            .env("CARGO_TARGET_DIR", paths::split_target())
            .envs(env.iter().copied()),
    )
}

/// Writes every page's document (the app's components rendered to HTML natively, see
/// `src/prerender/`) into `<dist>/_pages/`, from the `index.html` Trunk wrote there.
pub fn prerender(dist: &Path) -> Result<()> {
    process::run(
        process::command("cargo")
            .args([
                "run",
                "--quiet",
                "--package",
                "groups-portal",
                "--features",
                "prerender",
                "--bin",
                "prerender",
                "--",
            ])
            .arg(dist),
    )
}

/// The same app built eagerly, as one module (no `split` feature), into `target/eager-dist/`,
/// for `cargo xtask size` to say what splitting costs. It shares the default target directory
/// with `trunk serve`, and the hook gives it the same wasm-opt as the split build.
pub fn build_eager_for_comparison() -> Result<PathBuf> {
    let dir = paths::root().join("target").join("eager-dist");
    process::run(process::command("trunk").args(["build", "--release", "--dist"]).arg(&dir))?;
    Ok(dir)
}

fn precompress(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            // The pre-rendered documents are read by the server, which compresses each answer.
            if path.file_name().is_some_and(|n| n != "_pages") {
                precompress(&path)?;
            }
            continue;
        }
        let compressible = path.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let data = fs::read(&path)?;
        fs::write(with_suffix(&path, "br"), compress::brotli(&data)?)?;
        fs::write(with_suffix(&path, "gz"), compress::gzip(&data)?)?;
    }
    Ok(())
}

/// `a/b.js` → `a/b.js.br`.
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    name.into()
}
