//! `cargo run --features prerender --bin prerender -- <dist>` (what `cargo xtask` runs after
//! Trunk): writes every page's document into `<dist>/_pages/`, so that the server answers each
//! page with its content. See `groups_portal::prerender`.

use std::{path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let Some(dist) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: prerender <dist>: the built site, with Trunk's index.html");
        return ExitCode::from(2);
    };
    match groups_portal::prerender::write_all(&dist) {
        Ok(written) => {
            eprintln!(
                "prerender: wrote {written} documents into {}",
                dist.join(groups_portal::prerender::PAGES_DIR).display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("prerender: {error}");
            ExitCode::FAILURE
        }
    }
}
