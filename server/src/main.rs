//! `groups-server`: command-line entry point. Everything it does lives in the library.

use std::process::ExitCode;

use clap::Parser;
use groups_server::cli::{run, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    // Errors, start and stop, on standard error; `RUST_LOG` chooses more or less.
    groups_server::ops::logging::init(cli.log_format);
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("groups-server: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
