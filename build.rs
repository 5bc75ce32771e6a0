//! Build script: compiles the markdown pages in `src/content/` into `$OUT_DIR/content.rs`
//! (see the `groups-content` crate), so the wasm carries checked HTML and no markdown parser.
//! A bad page stops the build here with `file:line: message`.

use std::{env, fs, path::Path, process::ExitCode};

use groups_content::{compile, policy_version, read_sources, to_rust, Config};

fn main() -> ExitCode {
    let dir = Path::new("src/content");
    println!("cargo::rerun-if-changed={}", dir.display());
    println!("cargo::rerun-if-env-changed=GROUPS_CANONICAL_ORIGIN");

    let sources = match read_sources(dir) {
        Ok(sources) => sources,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let version = match policy_version(&sources) {
        Ok(version) => version,
        Err(error) => {
            eprintln!("error: {}: {error}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    match compile(&sources, &Config::from_env()) {
        Ok(pages) => {
            let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("content.rs");
            fs::write(&out, to_rust(&pages, &version)).expect("OUT_DIR is writable");
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
