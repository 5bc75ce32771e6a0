//! The server's log: `tracing` to standard error, as text for people or as JSON lines for a
//! log collector (`--log-format json`); `RUST_LOG` chooses more or less. What is logged never
//! holds an organiser's key, an address or text a visitor typed, at any level: the server logs
//! references, counts and its own sentences (a test reads a whole trace-level run for them).

use clap::ValueEnum;

/// How each log line is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One line of text per event.
    #[default]
    Text,
    /// One JSON object per line (time, level, target, message and fields).
    Json,
}

/// Sets up the process's log; call once, first thing.
pub fn init(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("groups_server=info"));
    let builder = tracing_subscriber::fmt().with_writer(std::io::stderr).with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}
