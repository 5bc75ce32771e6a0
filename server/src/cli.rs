//! The command line: `groups-server [serve]` runs the site and the inbox; `requests ...` and
//! `groups ...` are the staff's commands (see the README).

use std::{io::Write as _, net::SocketAddr, path::PathBuf, time::Duration};

use clap::{Args, Parser, Subcommand, ValueEnum};
use groups_core::{answer::RequestStatus, directory::Status};
use ipnet::IpNet;

use crate::{
    bind,
    clock::Timestamp,
    live_directory::seed_if_needed,
    serve,
    staff::{
        self,
        decide::{self, Listing},
        groups, output, privacy,
    },
    store::{Decision, KeyHolder, Store},
    Config, RateLimit, ServerError,
};

/// Serves the groups portal and receives new-group requests.
#[derive(Debug, Parser)]
#[command(name = "groups-server", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of `serve`, which is also what runs when no command is given.
    #[command(flatten)]
    pub serve: ServeArgs,

    /// How log lines are written to standard error: text, or JSON objects for a log collector.
    #[arg(long, value_enum, default_value_t, global = true)]
    pub log_format: crate::ops::logging::LogFormat,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the built site and the API (the default).
    Serve(ServeArgs),
    /// Read and decide the new-group requests, and keep the privacy page's promises.
    Requests {
        #[command(subcommand)]
        action: RequestsAction,
        #[command(flatten)]
        files: StaffFiles,
    },
    /// Change the published directory.
    Groups {
        #[command(subcommand)]
        action: GroupsAction,
        #[command(flatten)]
        files: StaffFiles,
    },
    /// The mail the portal sends: what is queued, sent and failed.
    Mail {
        #[command(subcommand)]
        action: MailAction,
        #[command(flatten)]
        files: StaffFiles,
    },
    /// Sign-ups for news of groups near a place: who asked where, how many, access, erasure.
    Interest {
        #[command(subcommand)]
        action: InterestAction,
        #[command(flatten)]
        files: StaffFiles,
    },
    /// Groups' meetings, imported from their calendar feeds.
    Meetings {
        #[command(subcommand)]
        action: MeetingsAction,
        #[command(flatten)]
        files: StaffFiles,
    },
    /// Write a checked copy of the database, while the server keeps running, to DEST: a file,
    /// or a folder that gets a copy named by the time (`requests-20261206T144500Z.db`).
    Backup {
        dest: PathBuf,
        /// Keep only the newest N copies in the folder DEST.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        keep: Option<u64>,
        #[command(flatten)]
        files: StaffFiles,
    },
    /// Put a backup in place of the database, with the server stopped: checked first, the
    /// requests erased since it was taken erased again, the replaced file kept aside.
    Restore {
        file: PathBuf,
        /// Restore even though the erasure log of the database being replaced cannot be read
        /// (it is lost or damaged): requests erased since the backup come back, and must be
        /// erased again by hand.
        #[arg(long)]
        without_erasure_log: bool,
        #[command(flatten)]
        files: StaffFiles,
    },
}

#[derive(Debug, Subcommand)]
pub enum MailAction {
    /// Every message: queued, sent and failed, newest first, with its last error.
    Status,
    /// Send a failed message again.
    Retry { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum InterestAction {
    /// Every sign-up, oldest first, with its address (addresses are printed here only), or
    /// only those whose place is within --radius km of the place --near.
    List {
        /// A place's id, as /api/places gives it (`2879139`, `state:US-MA`, `country:HU`).
        #[arg(long)]
        near: Option<String>,
        /// The distance from --near, in km.
        #[arg(long, default_value_t = 100, requires = "near", value_parser = clap::value_parser!(u16).range(1..))]
        radius: u16,
        /// The places index (by default the built site's, DIST/_places/places.idx).
        #[arg(long, value_name = "FILE", requires = "near")]
        places: Option<PathBuf>,
    },
    /// How many asked, by place: counts, never an address.
    Stats,
    /// Everything held about an address, as JSON (an answer to a request for access).
    Find { address: String },
    /// Erase every sign-up of an address now, confirmed or not: the rows, their links, their
    /// mail, and every copy in the database files.
    Delete {
        address: String,
        /// Why (recorded without the address).
        #[arg(long)]
        note: Option<String>,
    },
    /// Delete sign-ups unconfirmed for 7 days and those unanswered for two years (the server
    /// does it hourly too).
    Purge {
        /// Only say what would be deleted.
        #[arg(long)]
        dry_run: bool,
        /// The time to purge as of (RFC 3339); now when not given.
        #[arg(long)]
        now: Option<Timestamp>,
    },
}

#[derive(Debug, Subcommand)]
pub enum MeetingsAction {
    /// Fetch the feeds now (every group's, or one), one line per feed.
    Refresh {
        #[arg(long)]
        slug: Option<String>,
        /// Fetch feeds over plain http and from loopback addresses too (local testing only).
        #[arg(long)]
        insecure_feeds: bool,
        /// The time to refresh as of (RFC 3339): which meetings are past and which to come.
        #[arg(long)]
        now: Option<Timestamp>,
    },
    /// Every feed: its address, its last success and error, the meetings it holds.
    Status,
}

/// Where the staff commands find the server's files.
#[derive(Clone, Debug, Args)]
pub struct StaffFiles {
    /// The SQLite database the server stores requests in.
    #[arg(long, default_value = "var/requests.db", global = true)]
    pub db: PathBuf,
    /// Where the directory is written as groups.json after each change (and read from, once,
    /// the first time the directory is brought into the database).
    #[arg(long, default_value = "var/groups.json", global = true)]
    pub groups: PathBuf,
    /// The built site, whose groups.json seeds the directory the first time (without --groups).
    #[arg(long, default_value = "dist", global = true)]
    pub dist: PathBuf,
    /// Who is acting (recorded with every decision); the login name when not given.
    #[arg(long, global = true)]
    pub by: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RequestsAction {
    /// One line per request, oldest first.
    List,
    /// One request in full, with its consent record and history.
    Show { id: String },
    /// Every request as JSON lines (one object per line), for other tools.
    Export,
    /// Approve a pending request: its group is published in the directory at once.
    Approve {
        id: String,
        /// The group's address, /groups/<slug>; made from its name when not given.
        #[arg(long)]
        slug: Option<String>,
        /// How the directory shows it.
        #[arg(long, value_enum, default_value = "new")]
        status: ListedStatus,
        /// Its latitude, for a request sent without a point on the map.
        #[arg(long, requires = "lon", allow_negative_numbers = true)]
        lat: Option<f64>,
        /// Its longitude, for a request sent without a point on the map.
        #[arg(long, requires = "lat", allow_negative_numbers = true)]
        lon: Option<f64>,
        /// Internal: why, for the staff's history.
        #[arg(long)]
        note: Option<String>,
        /// What the organiser reads on their private page.
        #[arg(long)]
        message: Option<String>,
    },
    /// Decline a pending request.
    Decline {
        id: String,
        /// Why (kept with the decision; deleted with the request).
        #[arg(long)]
        note: Option<String>,
        /// What the organiser reads on their private page.
        #[arg(long)]
        message: Option<String>,
    },
    /// Issue a new private link for a request's organisers (the one before stops working) and
    /// print it.
    Link { id: String },
    /// Withdraw a pending request: the organiser asked.
    Withdraw {
        id: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Everything held about a person, as JSON (an answer to a request for access).
    Find {
        #[arg(long)]
        email: String,
    },
    /// Erase a request now: its row, its history and every copy in the database files.
    Delete {
        id: String,
        /// Why (recorded without any personal detail).
        #[arg(long)]
        note: Option<String>,
    },
    /// Delete what the privacy page says must go after 12 months.
    Purge {
        /// Only say what would be deleted.
        #[arg(long)]
        dry_run: bool,
        /// The time to purge as of (RFC 3339, e.g. 2027-12-01T00:00:00Z); now when not given.
        #[arg(long)]
        now: Option<Timestamp>,
    },
}

#[derive(Debug, Subcommand)]
pub enum GroupsAction {
    /// Take a group off the directory; its organisers' details go 12 months later.
    Close {
        slug: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Make the directory a groups.json file: checked by the same rules as the site's, refused
    /// with every problem named, each change recorded.
    Import {
        file: PathBuf,
        /// Only say what would change.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        note: Option<String>,
    },
    /// Print the directory as groups.json.
    Export,
    /// Issue a private link for a listed group's organisers (for a group that came without a
    /// request; the one before stops working) and print it.
    Link { slug: String },
    /// Every change of a group, numbered, oldest first.
    History { slug: String },
    /// Undo a change of a group (its number from `groups history`).
    Revert {
        slug: String,
        change: i64,
        #[arg(long)]
        note: Option<String>,
    },
    /// Choose a group's calendar feed: an https address, `--off` (no meetings imported), or
    /// `--auto` (from its links again: a calendar link, else its Meetup group's feed).
    Calendar {
        slug: String,
        #[arg(conflicts_with_all = ["off", "auto"], required_unless_present_any = ["off", "auto"])]
        url: Option<String>,
        #[arg(long, conflicts_with = "auto")]
        off: bool,
        #[arg(long)]
        auto: bool,
        /// Accept a plain http or loopback address (local testing only).
        #[arg(long)]
        insecure_feeds: bool,
        #[arg(long)]
        note: Option<String>,
    },
}

/// The statuses a group can be listed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListedStatus {
    New,
    Official,
}

impl From<ListedStatus> for Status {
    fn from(status: ListedStatus) -> Status {
        match status {
            ListedStatus::New => Status::New,
            ListedStatus::Official => Status::Official,
        }
    }
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
    #[arg(long, default_value = "var/requests.db")]
    pub db: PathBuf,

    /// The directory served as /groups.json; made from the site's groups.json if missing.
    #[arg(long, default_value = "var/groups.json")]
    pub groups: PathBuf,

    /// The places index /api/places searches (`cargo xtask places` makes it); by default the
    /// built site's, DIST/_places/places.idx. Without one, place search answers 503.
    #[arg(long, value_name = "FILE")]
    pub places: Option<PathBuf>,

    /// A reverse proxy (an address or CIDR range, e.g. 127.0.0.1/32 or 10.0.0.0/8) whose
    /// X-Forwarded-For names the client; repeat for several. Without it the peer is the client.
    #[arg(long = "trusted-proxy", value_name = "CIDR", value_parser = address_or_range)]
    pub trusted_proxies: Vec<IpNet>,

    /// Send Strict-Transport-Security: only when a proxy in front serves the site over HTTPS.
    #[arg(long)]
    pub hsts: bool,

    /// Requests one client may send at once (the rate limit's burst). Keep the default in
    /// production; tests and load runs raise it.
    #[arg(long, default_value_t = RateLimit::default().burst, value_name = "N")]
    pub rate_limit_burst: u32,

    /// Seconds after which a client may send one more request.
    #[arg(long, default_value_t = RateLimit::default().period.as_secs_f64(), value_name = "SECONDS")]
    pub rate_limit_period: f64,

    /// How often groups' calendar feeds are fetched, in minutes (0: never; `meetings refresh`
    /// still fetches them on demand).
    #[arg(long, default_value_t = crate::meetings::refresh::DEFAULT_EVERY.as_secs() / 60, value_name = "MINUTES")]
    pub meetings_refresh: u64,

    /// Fetch feeds over plain http and from loopback addresses too: for feeds served on this
    /// machine while testing, never in production.
    #[arg(long)]
    pub insecure_feeds: bool,

    /// The time the server takes as now (RFC 3339) for the meetings it shows and the
    /// organisers' changes: for demonstrations and tests against fixed calendars. The system's
    /// clock when not given.
    #[arg(long, value_name = "TIME")]
    pub now: Option<Timestamp>,

    /// The mail relay, as lettre reads it: `smtps://user@host` (TLS), `smtp://user@host?tls=required`
    /// (STARTTLS), or a plain `smtp://127.0.0.1:25` on a loopback address. The password comes from
    /// the environment variable GROUPS_SMTP_PASSWORD or --smtp-password-file. Without it, no mail.
    #[arg(long, value_name = "URL")]
    pub smtp: Option<String>,

    /// A file holding the relay's password (its first line).
    #[arg(long, value_name = "FILE", requires = "smtp")]
    pub smtp_password_file: Option<PathBuf>,

    /// The address mail is sent from.
    #[arg(long, value_name = "ADDRESS", requires = "smtp")]
    pub mail_from: Option<String>,

    /// A staff address told of each new request; repeat for several.
    #[arg(long = "staff-mail", value_name = "ADDRESS", requires = "smtp")]
    pub staff_mail: Vec<String>,

    /// `/api/health` answers 503 when the disk holding the database has less free than this
    /// many MiB, before requests start failing.
    #[arg(long, default_value_t = crate::MIN_FREE_DISK / (1024 * 1024), value_name = "MIB")]
    pub min_free_disk: u64,

    /// Where the metrics are served (GET /metrics, Prometheus' text format), or `off`. By
    /// default 127.0.0.1:9464, served only when that address is free; an address given here
    /// must be.
    #[arg(long, value_name = "ADDRESS|off", value_parser = metrics_address)]
    pub metrics_addr: Option<MetricsAddr>,
}

/// Where the metrics are served.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricsAddr {
    Off,
    At(SocketAddr),
}

/// The metrics' address when none is given: loopback, beside the OpenTelemetry exporters' port.
pub const DEFAULT_METRICS_ADDR: &str = "127.0.0.1:9464";

fn metrics_address(text: &str) -> Result<MetricsAddr, String> {
    if text == "off" {
        return Ok(MetricsAddr::Off);
    }
    text.parse()
        .map(MetricsAddr::At)
        .map_err(|_| format!("`{text}` is neither an address such as 127.0.0.1:9464 nor `off`"))
}

/// `10.0.0.0/8`, or a single address (`127.0.0.1`, `::1`).
fn address_or_range(text: &str) -> Result<IpNet, String> {
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| format!("`{text}` is neither an address nor a CIDR range such as 10.0.0.0/8"))
}

/// Runs the command the user asked for.
pub async fn run(cli: Cli) -> Result<(), ServerError> {
    let text = match cli.command {
        Some(Command::Serve(args)) => return run_serve(args).await,
        None => return run_serve(cli.serve).await,
        Some(Command::Requests { action, files }) => run_requests(action, &files)?,
        Some(Command::Groups { action, files }) => run_groups(action, &files)?,
        Some(Command::Meetings { action, files }) => staff::meetings::run(action, &files).await?,
        Some(Command::Interest { action, files }) => staff::interest::run(action, &files)?,
        Some(Command::Mail { action, files }) => staff::mail::run(action, &files)?,
        Some(Command::Backup { dest, keep, files }) => {
            crate::ops::backup::backup(&files.db, &dest, keep.map(|k| k as usize), Timestamp::now())?
        }
        Some(Command::Restore { file, without_erasure_log, files }) => {
            let log = if without_erasure_log {
                crate::ops::backup::ErasureLog::Without
            } else {
                crate::ops::backup::ErasureLog::Required
            };
            crate::ops::backup::restore(&files.db, &files.groups, &file, log, Timestamp::now())?
        }
    };
    print!("{text}");
    Ok(())
}

fn run_requests(action: RequestsAction, files: &StaffFiles) -> Result<String, ServerError> {
    let store = Store::open_existing(&files.db)?;
    let decision = |note: Option<String>| Decision::new(staff::staff_name(files.by.clone()), Timestamp::now(), note);
    // Mail is queued only when a server with a relay says it sends it.
    let letters = store
        .mail_staff()?
        .map(|staff| crate::mail::compose::Letters { origin: crate::site_origin(&files.dist), staff });
    let letters = letters.as_ref();
    match action {
        RequestsAction::List => Ok(output::list(&store.all()?)),
        RequestsAction::Export => Ok(output::export(&privacy::with_history(&store, store.all()?)?)),
        RequestsAction::Show { id } => {
            let request = store.get(id.trim())?.ok_or(ServerError::NoSuchRequest(id.clone()))?;
            Ok(output::show(&request, &store.history(&request.id)?))
        }
        RequestsAction::Approve { id, slug, status, lat, lon, note, message } => {
            let listing = Listing { slug, status: Some(status.into()), point: lat.zip(lon) };
            let decision = decision(note).with_message(message);
            changing_directory(&store, files, |store| decide::approve(store, id.trim(), listing, decision, letters))
        }
        RequestsAction::Decline { id, note, message } => decide::close_request(
            &store,
            id.trim(),
            RequestStatus::Declined,
            decision(note).with_message(message),
            letters,
        ),
        RequestsAction::Link { id } => {
            staff::links::issue(&store, &KeyHolder::Request(id.trim().to_owned()), &files.dist, decision(None), letters)
        }
        RequestsAction::Withdraw { id, note } => {
            decide::close_request(&store, id.trim(), RequestStatus::Withdrawn, decision(note), None)
        }
        RequestsAction::Find { email } => privacy::find(&store, &email),
        RequestsAction::Delete { id, note } => privacy::delete(&store, id.trim(), &decision(note)),
        RequestsAction::Purge { dry_run, now } => {
            privacy::purge(&store, now.unwrap_or_else(Timestamp::now), dry_run, &staff::staff_name(files.by.clone()))
        }
    }
}

fn run_groups(action: GroupsAction, files: &StaffFiles) -> Result<String, ServerError> {
    let store = Store::open_existing(&files.db)?;
    let decision = |note: Option<String>| Decision::new(staff::staff_name(files.by.clone()), Timestamp::now(), note);
    match action {
        GroupsAction::Close { slug, note } => {
            changing_directory(&store, files, |store| decide::close_group(store, slug.trim(), &decision(note)))
        }
        GroupsAction::Import { file, dry_run, note } => {
            changing_directory(&store, files, |store| groups::import(store, &file, &decision(note), dry_run))
        }
        GroupsAction::Export => changing_directory(&store, files, groups::export),
        GroupsAction::Link { slug } => changing_directory(&store, files, |store| {
            staff::links::issue(store, &KeyHolder::Group(slug.trim().to_owned()), &files.dist, decision(None), None)
        }),
        GroupsAction::History { slug } => groups::history(&store, slug.trim()),
        GroupsAction::Revert { slug, change, note } => {
            changing_directory(&store, files, |store| groups::revert(store, slug.trim(), change, &decision(note)))
        }
        GroupsAction::Calendar { slug, url, off, auto: _, insecure_feeds, note } => {
            let choice = match (url, off) {
                (Some(url), _) => staff::meetings::FeedChoice::Url(url),
                (None, true) => staff::meetings::FeedChoice::Off,
                (None, false) => staff::meetings::FeedChoice::Auto,
            };
            changing_directory(&store, files, |store| {
                staff::meetings::choose(store, slug.trim(), choice, insecure_feeds, &decision(note))
            })
        }
    }
}

/// Runs a staff command on the directory: brought into the database first if it never was
/// (the server does the same at its start), then written to `--groups` for anyone who reads
/// the file. A running server publishes the change within a second.
pub(crate) fn changing_directory(
    store: &Store,
    files: &StaffFiles,
    change: impl FnOnce(&Store) -> Result<String, ServerError>,
) -> Result<String, ServerError> {
    if let Some(seeded) = seed_if_needed(store, &files.groups, &files.dist)? {
        eprintln!("groups-server: {seeded}");
    }
    let said = change(store)?;
    store.export_directory(&files.groups)?;
    Ok(said)
}

async fn run_serve(args: ServeArgs) -> Result<(), ServerError> {
    if !(args.rate_limit_period.is_finite() && args.rate_limit_period > 0.0) || args.rate_limit_burst == 0 {
        return Err(ServerError::Refused(
            "the rate limit needs a burst of 1 or more and a period above 0 seconds".into(),
        ));
    }
    let mail = match &args.smtp {
        Some(smtp) => {
            let password = match &args.smtp_password_file {
                Some(file) => Some(
                    std::fs::read_to_string(file)
                        .map_err(|e| ServerError::Refused(format!("--smtp-password-file {}: {e}", file.display())))?
                        .lines()
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                ),
                None => std::env::var("GROUPS_SMTP_PASSWORD").ok(),
            };
            let from = args
                .mail_from
                .clone()
                .ok_or_else(|| ServerError::Refused("--smtp needs --mail-from ADDRESS".into()))?;
            Some(crate::mail::MailConfig::new(smtp, password, from, args.staff_mail.clone())?)
        }
        None => None,
    };
    let config = Config {
        mail,
        clock: args.now.map_or(crate::clock::Clock::System, crate::clock::Clock::Fixed),
        meetings_refresh: (args.meetings_refresh > 0).then(|| Duration::from_secs(args.meetings_refresh * 60)),
        insecure_feeds: args.insecure_feeds,
        groups: args.groups.clone(),
        trusted_proxies: args.trusted_proxies.clone(),
        hsts: args.hsts,
        min_free_disk: args.min_free_disk.saturating_mul(1024 * 1024),
        rate_limit: RateLimit { burst: args.rate_limit_burst, period: Duration::from_secs_f64(args.rate_limit_period) },
        places: args.places.clone().unwrap_or_else(|| groups_places::in_site(&args.dist)),
        ..Config::new(&args.dist, &args.db)
    };
    let stop = config.stop.clone();
    let service = crate::service(&config)?;
    // Held while the server runs: `restore` refuses to replace a database in use.
    let hold = crate::ops::lock::hold(&args.db)
        .map_err(|e| ServerError::Refused(format!("cannot hold the database {}: {e}", args.db.display())))?
        .ok_or_else(|| {
            ServerError::Refused(format!("another groups-server already serves the database {}", args.db.display()))
        })?;
    let listener = bind(args.addr).await?;
    let local = listener.local_addr().map_err(ServerError::Serve)?;
    let metrics = match args.metrics_addr {
        Some(MetricsAddr::Off) => None,
        Some(MetricsAddr::At(addr)) => Some(bind(addr).await?),
        None => {
            let addr = DEFAULT_METRICS_ADDR.parse().expect("a valid address");
            match bind(addr).await {
                Ok(listener) => Some(listener),
                Err(error) => {
                    tracing::error!("no metrics: {error}");
                    None
                }
            }
        }
    };
    // The first line says where the site is: tests and `cargo xtask` read it.
    println!(
        "groups-server: serving {} at http://{local}/, the directory and requests in {}, the directory also written to {} (Ctrl+C stops)",
        args.dist.display(),
        args.db.display(),
        args.groups.display()
    );
    if let Some(listener) = metrics {
        let at = listener.local_addr().map_err(ServerError::Serve)?;
        // A second line, for whoever reads on (a reader that stopped after the first is fine).
        let _ = writeln!(std::io::stdout(), "groups-server: metrics at http://{at}/metrics");
        let stopped = stop.clone();
        tokio::spawn(serve(listener, service.metrics, async move { stopped.stopped().await }));
    }
    tracing::info!(%local, "started");
    {
        let stop = stop.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            stop.stop();
        });
    }
    let stopped = stop.clone();
    let served = serve(listener, service.site, async move { stopped.stopped().await }).await;
    if !stop.finished(WORKERS_BOUND).await {
        tracing::warn!(
            "the mail sender was still handing a message to the relay: it is set aside at the next start, never sent twice"
        );
    }
    tracing::info!("stopped");
    drop(hold);
    served
}

/// How long the background workers (the mail sender) may take to finish once the server has
/// stopped accepting: a message already with the relay gets this long to be accepted.
const WORKERS_BOUND: Duration = Duration::from_secs(10);

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
    tracing::info!("stopping: requests in flight may finish");
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
        assert_eq!(cli.serve.db, PathBuf::from("var/requests.db"));
        assert_eq!(cli.serve.groups, PathBuf::from("var/groups.json"));
        assert_eq!(cli.serve.places, None, "the built site's index");
        let cli = Cli::try_parse_from(["groups-server", "--places", "p.idx"]).unwrap();
        assert_eq!(cli.serve.places, Some(PathBuf::from("p.idx")));
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
            "--groups",
            "g.json",
        ])
        .unwrap();
        let Some(Command::Serve(args)) = cli.command else { panic!("expected serve") };
        assert_eq!(args.addr.port(), 9000);
        assert_eq!(args.dist, PathBuf::from("site"));
        assert_eq!(args.db, PathBuf::from("x.db"));
        assert_eq!(args.groups, PathBuf::from("g.json"));
        assert!(args.trusted_proxies.is_empty() && !args.hsts);
        assert_eq!((args.rate_limit_burst, args.rate_limit_period), (10, 6.0), "the default limit");
        let cli = Cli::try_parse_from([
            "groups-server",
            "--trusted-proxy",
            "127.0.0.1",
            "--trusted-proxy",
            "2001:db8::/48",
            "--hsts",
            "--rate-limit-burst",
            "100000",
            "--rate-limit-period",
            "0.001",
        ])
        .unwrap();
        assert_eq!(
            cli.serve.trusted_proxies,
            ["127.0.0.1/32".parse::<IpNet>().unwrap(), "2001:db8::/48".parse().unwrap()]
        );
        assert!(cli.serve.hsts);
        assert_eq!(cli.serve.rate_limit_burst, 100000);
        assert!(Cli::try_parse_from(["groups-server", "--trusted-proxy", "not-a-net"]).is_err());
    }

    #[test]
    fn staff_commands_take_their_files_anywhere_on_the_line() {
        let cli = Cli::try_parse_from(["groups-server", "requests", "show", "GR-1234-ABCD", "--db", "x.db"]).unwrap();
        let Some(Command::Requests { action: RequestsAction::Show { id }, files }) = cli.command else { panic!() };
        assert_eq!((id.as_str(), files.db), ("GR-1234-ABCD", PathBuf::from("x.db")));
        let cli = Cli::try_parse_from([
            "groups-server",
            "requests",
            "--db",
            "y.db",
            "approve",
            "GR-1",
            "--slug",
            "leipzig",
            "--status",
            "official",
            "--lat",
            "-33.9",
            "--lon",
            "18.4",
            "--by",
            "ann",
        ])
        .unwrap();
        let Some(Command::Requests { action: RequestsAction::Approve { slug, status, lat, lon, .. }, files }) =
            cli.command
        else {
            panic!()
        };
        assert_eq!(
            (slug.as_deref(), status, lat, lon),
            (Some("leipzig"), ListedStatus::Official, Some(-33.9), Some(18.4))
        );
        assert_eq!((files.db, files.by.as_deref()), (PathBuf::from("y.db"), Some("ann")));
        let cli =
            Cli::try_parse_from(["groups-server", "groups", "close", "berlin", "--note", "no organiser left"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Groups { action: GroupsAction::Close { .. }, .. })));
        assert!(
            Cli::try_parse_from(["groups-server", "requests", "approve", "GR-1", "--lat", "1"]).is_err(),
            "--lat needs --lon"
        );
        assert!(Cli::try_parse_from([
            "groups-server",
            "requests",
            "purge",
            "--dry-run",
            "--now",
            "2027-12-01T00:00:00Z"
        ])
        .is_ok());
        assert!(Cli::try_parse_from(["groups-server", "requests", "find", "--email", "a@example.org"]).is_ok());
        let cli =
            Cli::try_parse_from(["groups-server", "interest", "list", "--near", "2879139", "--radius", "250"]).unwrap();
        let Some(Command::Interest { action: InterestAction::List { near, radius, .. }, .. }) = cli.command else {
            panic!()
        };
        assert_eq!((near.as_deref(), radius), (Some("2879139"), 250));
        assert!(Cli::try_parse_from(["groups-server", "interest", "list", "--radius", "250"]).is_err(), "--near");
        for args in [&["stats"][..], &["find", "a@example.org"], &["delete", "a@example.org"], &["purge", "--dry-run"]]
        {
            assert!(Cli::try_parse_from([&["groups-server", "interest"][..], args].concat()).is_ok(), "{args:?}");
        }
    }

    #[test]
    fn a_bad_address_is_refused() {
        assert!(Cli::try_parse_from(["groups-server", "--addr", "nowhere"]).is_err());
    }
}
