//! `groups-server`: command-line entry point. Everything it does lives in the library.

use std::process::ExitCode;

use clap::Parser;
use groups_server::cli::{run, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("groups-server: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
