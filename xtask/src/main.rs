//! `cargo xtask`: the project's commands, so that a fresh clone needs only Rust and one command.

mod checks;
mod compress;
mod geometry;
mod import;
mod lighthouse;
mod load;
mod meetings_sample;
#[cfg(test)]
mod merge_chunks_tests;
mod paths;
mod places;
mod process;
mod python;
mod run;
mod schemathesis;
mod server;
mod setup;
mod site;
mod size;
mod test;
mod why;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "The groups portal's commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what is missing (pinned versions), build the release site and serve it.
    Run {
        /// Address to serve on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// Install what is missing and run every test: native, components in Chromium, end to end.
    Test,
    /// Install exactly what is missing, at the pinned versions.
    Setup,
    /// Build the release site into dist/ (split, pre-rendered, precompressed).
    Build,
    /// Run Schemathesis against a fresh inbox and its /api/openapi.json (part of `test`).
    Api,
    /// Lighthouse (mobile and desktop) on four pages of the release site; prints its figures.
    Lighthouse,
    /// Drive the release server with wrk for a while and print throughput and latency, then
    /// check that every request answered 201 is stored exactly once.
    Load,
    /// Build the release site and print what each kind of page downloads when opened directly,
    /// and what splitting the wasm costs.
    Size {
        /// Instead: build the site with names kept (target/why-dist/) and print which crates,
        /// functions and data make up each page's wasm and each chunk, and who loads each chunk.
        #[arg(long)]
        why: bool,
    },
    /// Build the release site, print its sizes, and time the directory with 10,000 groups
    /// natively and in headless Chromium.
    Bench,
    /// Project the world geometry (data/world-atlas) into public/world.svg.
    Geometry,
    /// Make the places index (dist/_places/places.idx) from the pinned packages setup installs
    /// in tools/ (the release build makes it too).
    Places,
    /// Make the places index and time it: sizes, memory, build time, answer times (p50, p99).
    #[command(name = "places-bench")]
    PlacesBench,
    /// Make public/groups.json from the old portal's 2015 list (data/openstack-groups-2015.json).
    #[command(name = "import-2015")]
    Import2015,
    /// Print what each language (i18n/messages/) has not translated yet.
    I18n,
}

/// The size report of the split site in `dist/`, against the same app built as one module.
fn sizes() -> anyhow::Result<()> {
    let eager = site::build_eager_for_comparison()?;
    size::report(&eager)
}

fn main() {
    let result = match Cli::parse().command {
        Command::Run { addr } => run::run(&addr),
        Command::Test => test::test(),
        Command::Setup => setup::setup(),
        Command::Build => setup::setup().and_then(|()| site::build_release()),
        Command::Api => schemathesis::run(),
        Command::Load => load::load(),
        Command::Lighthouse => lighthouse::lighthouse(),
        Command::Bench => setup::setup().and_then(|()| site::build_release()).and_then(|()| sizes()).and_then(|()| {
            process::run(
                process::command("cargo")
                    .args(["bench", "--package", "groups-e2e", "--bench", "directory"])
                    .env("CHROMEDRIVER", setup::chromedriver()),
            )
        }),
        Command::Geometry => geometry::write(),
        Command::Import2015 => import::import(),
        Command::I18n => {
            print!("{}", groups_i18n::report::text());
            Ok(())
        }
        Command::Places => places::build_into(&paths::dist()),
        Command::PlacesBench => places::bench(),
        Command::Size { why: false } => setup::setup().and_then(|()| site::build_release()).and_then(|()| sizes()),
        Command::Size { why: true } => setup::setup().and_then(|()| why::why()),
    };
    if let Err(err) = result {
        eprintln!("xtask: error: {err:#}");
        std::process::exit(1);
    }
}
