//! The command line: `groups-server [serve] [--addr] [--dist] [--db]`, and the staff's
//! `groups-server requests list | show <id> | export [--db]`.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand};

use crate::{app, bind, serve, staff, store::Store, Config, ServerError};

/// Serves the groups portal and receives new-group requests.
#[derive(Debug, Parser)]
#[command(name = "groups-server", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of `serve`, which is also what runs when no command is given.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the built site and the API (the default).
    Serve(ServeArgs),
    /// Read the new-group requests received so far.
    Requests {
        #[command(subcommand)]
        action: RequestsAction,
        /// The SQLite database the server stores requests in.
        #[arg(long, default_value = "data/requests.db", global = true)]
        db: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum RequestsAction {
    /// One line per request, oldest first.
    List,
    /// One request in full, with its consent record.
    Show {
        /// The reference number, as the visitor was shown it (GR-XXXX-XXXX).
        id: String,
    },
    /// Every request as JSON lines (one object per line), for other tools.
    Export,
}

#[derive(Clone, Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. The default is loopback only: put a reverse proxy with TLS in
    /// front of it to publish the site.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// The built site (the output of `trunk build --release`).
    #[arg(long, default_value = "dist")]
    pub dist: PathBuf,

    /// The SQLite database in which new-group requests are stored.
    #[arg(long, default_value = "data/requests.db")]
    pub db: PathBuf,
}

/// Runs the command the user asked for.
pub async fn run(cli: Cli) -> Result<(), ServerError> {
    match cli.command {
        Some(Command::Serve(args)) => run_serve(args).await,
        Some(Command::Requests { action, db }) => run_requests(action, &db),
        None => run_serve(cli.serve).await,
    }
}

fn run_requests(action: RequestsAction, db: &std::path::Path) -> Result<(), ServerError> {
    let store = Store::open_existing(db)?;
    let text = match action {
        RequestsAction::List => staff::list(&store.all()?),
        RequestsAction::Export => staff::export(&store.all()?),
        RequestsAction::Show { id } => match store.get(id.trim())? {
            Some(request) => staff::show(&request),
            None => return Err(ServerError::NoSuchRequest(id)),
        },
    };
    print!("{text}");
    Ok(())
}

async fn run_serve(args: ServeArgs) -> Result<(), ServerError> {
    let app = app(&Config::new(&args.dist, &args.db))?;
    let listener = bind(args.addr).await?;
    let local = listener.local_addr().map_err(ServerError::Serve)?;
    println!(
        "groups-server: serving {} at http://{local}/, storing requests in {} (Ctrl+C stops)",
        args.dist.display(),
        args.db.display()
    );
    serve(listener, app, shutdown_signal()).await
}

/// Resolves on Ctrl+C or SIGTERM, so that a supervisor's stop is graceful too.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    println!("groups-server: stopping");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_is_the_default_with_loopback_defaults() {
        let cli = Cli::try_parse_from(["groups-server"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.serve.addr, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(cli.serve.dist, PathBuf::from("dist"));
        assert_eq!(cli.serve.db, PathBuf::from("data/requests.db"));
    }

    #[test]
    fn serve_takes_its_options() {
        let cli = Cli::try_parse_from([
            "groups-server",
            "serve",
            "--addr",
            "127.0.0.1:9000",
            "--dist",
            "site",
            "--db",
            "x.db",
        ])
        .unwrap();
        let Some(Command::Serve(args)) = cli.command else { panic!("expected serve") };
        assert_eq!(args.addr.port(), 9000);
        assert_eq!(args.dist, PathBuf::from("site"));
        assert_eq!(args.db, PathBuf::from("x.db"));
    }

    #[test]
    fn requests_commands_take_a_database() {
        let cli = Cli::try_parse_from(["groups-server", "requests", "show", "GR-1234-ABCD", "--db", "x.db"]).unwrap();
        let Some(Command::Requests { action: RequestsAction::Show { id }, db }) = cli.command else {
            panic!("expected show")
        };
        assert_eq!((id.as_str(), db), ("GR-1234-ABCD", PathBuf::from("x.db")));
        let cli = Cli::try_parse_from(["groups-server", "requests", "export"]).unwrap();
        let Some(Command::Requests { action: RequestsAction::Export, db }) = cli.command else {
            panic!("expected export")
        };
        assert_eq!(db, PathBuf::from("data/requests.db"));
    }

    #[test]
    fn a_bad_address_is_refused() {
        assert!(Cli::try_parse_from(["groups-server", "--addr", "nowhere"]).is_err());
    }
}
