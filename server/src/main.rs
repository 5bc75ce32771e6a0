//! `groups-server`: command-line entry point. Everything it does lives in the library.

use std::process::ExitCode;

use clap::Parser;
use groups_server::cli::{run, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    // Errors, start and stop, on standard error; `RUST_LOG` chooses more or less.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("groups_server=info")),
        )
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("groups-server: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
