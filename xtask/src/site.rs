//! Building the release site into `dist/` and precompressing it for the server.

use std::{fs, path::Path};

use anyhow::{Context, Result};

use crate::{compress, paths, process};

/// Extensions worth compressing; images and fonts are compressed already.
const COMPRESSIBLE: &[&str] = &["html", "js", "wasm", "css", "json", "svg", "txt", "map"];

/// `trunk build --release`, then a `.br` and a `.gz` beside every compressible file.
pub fn build_release() -> Result<()> {
    process::run(process::command("trunk").args(["build", "--release"]))?;
    precompress(&paths::dist())
}

fn precompress(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            precompress(&path)?;
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
pub fn with_suffix(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    name.into()
}
