//! Where things are: the project root, the built site, the project-local tools.

use std::{
    env,
    ffi::OsString,
    path::{Path, PathBuf},
};

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the workspace").to_path_buf()
}

/// The release build of the site.
pub fn dist() -> PathBuf {
    root().join("dist")
}

/// The cargo target directory of the split release build (see `site.rs`).
pub fn split_target() -> PathBuf {
    root().join("target").join("split")
}

/// npm test and build helpers, installed here rather than globally.
pub fn node_tools() -> PathBuf {
    root().join("tools")
}

/// Cargo's own folder: its registry and what `cargo install` puts there.
pub fn cargo_home() -> PathBuf {
    match env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home),
        None => home_dir().join(".cargo"),
    }
}

/// Where `cargo install` puts binaries.
pub fn cargo_bin() -> PathBuf {
    cargo_home().join("bin")
}

fn home_dir() -> PathBuf {
    env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/root"))
}

/// PATH with the project's tools first: npm's binaries (wasm-opt) and cargo's (trunk,
/// wasm-bindgen), so that a stale or too-old copy elsewhere on PATH is never picked.
pub fn tool_path() -> OsString {
    let mut dirs = vec![node_tools().join("node_modules").join(".bin"), cargo_bin()];
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    env::join_paths(dirs).expect("PATH entries contain no separator")
}
