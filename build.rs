//! Build script: compiles the markdown pages in `src/content/` into `$OUT_DIR/content.rs`
//! (see the `groups-content` crate), so the wasm carries checked HTML and no markdown parser.
//! A bad page stops the build here with `file:line: message`.

use std::{env, fs, path::Path, process::ExitCode};

use groups_content::{compile, to_rust, Config, Source};

/// The old portal's address: links to it in pages are links inside this site.
const DEFAULT_CANONICAL_ORIGIN: &str = "https://groups.openstack.org";

fn main() -> ExitCode {
    let dir = Path::new("src/content");
    println!("cargo::rerun-if-changed={}", dir.display());
    println!("cargo::rerun-if-env-changed=GROUPS_CANONICAL_ORIGIN");
    let canonical_origin = env::var("GROUPS_CANONICAL_ORIGIN").unwrap_or_else(|_| DEFAULT_CANONICAL_ORIGIN.into());

    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("src/content exists")
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut sources = Vec::new();
    for path in &files {
        match fs::read_to_string(path) {
            Ok(text) => sources.push(Source { file: path.display().to_string(), text }),
            Err(err) => {
                eprintln!("error: {}: cannot read: {err}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }

    match compile(&sources, &Config { canonical_origin }) {
        Ok(pages) => {
            let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("content.rs");
            fs::write(&out, to_rust(&pages)).expect("OUT_DIR is writable");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("error: {problem}");
            }
            eprintln!("error: {} problem(s) in the content pages; the site was not built", problems.len());
            ExitCode::FAILURE
        }
    }
}
