//! The groups portal's server: serves the built single-page app from `dist/` with its
//! security headers and caching rules, every page with its content, the directory from its
//! database, and the `/api` routes; and the staff's commands.

pub mod api;
pub mod cache;
pub mod cli;
pub mod clock;
pub mod csp;
pub mod error;
pub mod files;
pub mod groups_route;
pub mod headers;
pub mod interest;
pub mod live_directory;
pub mod mail;
pub mod meetings;
pub mod near_noscript;
pub mod ops;
pub mod organiser;
pub mod pages;
pub mod places;
pub mod reloading;
pub mod seo;
pub mod serve;
pub mod site;
pub mod staff;
pub mod store;
pub mod trace;

/// The terms every consent record is checked against: the privacy page's version (read at
/// build time, see `build.rs`) with the consent text of `groups_core::consent`.
pub mod terms {
    include!(concat!(env!("OUT_DIR"), "/terms.rs"));

    pub const TERMS: groups_core::consent::Terms =
        groups_core::consent::Terms { policy_version: PRIVACY_POLICY_VERSION };
}

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

use axum::{routing::get, Router};
use tokio::net::TcpListener;

pub use error::ServerError;

pub use api::RateLimit;

/// What the server needs to know to build its routes.
#[derive(Clone, Debug)]
pub struct Config {
    /// The built site (Trunk's `dist/`), holding at least `index.html`.
    pub dist: PathBuf,
    /// The SQLite database new-group requests are stored in (created if missing).
    pub db: PathBuf,
    /// Where the directory is written as `groups.json` after each change; read once, the
    /// first time the directory is brought into the database (else `dist/groups.json` is).
    pub groups: PathBuf,
    pub rate_limit: RateLimit,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Send `Strict-Transport-Security` (`--hsts`): only behind a proxy that terminates TLS.
    pub hsts: bool,
    /// How long a client may take over a request.
    pub limits: serve::Limits,
    /// How often groups' calendar feeds are refreshed (`--meetings-refresh`); `None`: never
    /// (the staff's `meetings refresh` still works).
    pub meetings_refresh: Option<std::time::Duration>,
    /// Plain http and loopback feeds allowed (`--insecure-feeds`): local testing only.
    pub insecure_feeds: bool,
    /// "Now" for the meetings shown (the system's clock; tests fix it).
    pub clock: clock::Clock,
    /// The relay mail goes through (`--smtp`); none: no mail is queued or sent.
    pub mail: Option<mail::MailConfig>,
    /// `/api/health` fails when the database's disk has less free than this (`--min-free-disk`).
    pub min_free_disk: u64,
    /// The places index (`--places`; by default the built site's, `dist/_places/places.idx`).
    pub places: PathBuf,
    /// The server's stop, which the mail sender watches (see `ops::shutdown`).
    pub stop: ops::shutdown::Stop,
}

/// Enough free disk for the health check by default: many thousands of requests, and the room
/// a checkpoint or an erasure needs.
pub const MIN_FREE_DISK: u64 = 64 * 1024 * 1024;

impl Config {
    /// A site and a database, the directory file beside the database (`var/requests.db` →
    /// `var/groups.json`), the default rate limit, and no feed refreshed.
    pub fn new(dist: impl Into<PathBuf>, db: impl Into<PathBuf>) -> Config {
        let (dist, db) = (dist.into(), db.into());
        let groups = db.with_file_name("groups.json");
        Config {
            places: groups_places::in_site(&dist),
            dist,
            db,
            groups,
            rate_limit: RateLimit::default(),
            trusted_proxies: Vec::new(),
            hsts: false,
            limits: serve::Limits::default(),
            // Off unless asked (`serve` asks, hourly): a server started by a test or a tool
            // fetches nothing from anywhere.
            meetings_refresh: None,
            insecure_feeds: false,
            clock: clock::Clock::System,
            mail: None,
            min_free_disk: MIN_FREE_DISK,
            stop: ops::shutdown::Stop::new(),
        }
    }
}

/// The whole HTTP service: API routes first, then the static site with its SPA fallback,
/// and the security headers on every response. Call within the server's runtime: the
/// directory, the pages and the policy keep watching their sources.
pub fn app(config: &Config) -> Result<Router, ServerError> {
    Ok(service(config)?.site)
}

/// What the server serves: the site, and its metrics for an address of their own.
pub struct Service {
    pub site: Router,
    pub metrics: Router,
}

/// The site ([`app`]) and the metrics service, which read the same database.
pub fn service(config: &Config) -> Result<Service, ServerError> {
    let policy = csp::ContentSecurityPolicy::for_dist(&config.dist)?;
    if let (Some(db), Ok(dist)) = (existing_parent(&config.db), config.dist.canonicalize()) {
        if db.starts_with(&dist) {
            return Err(ServerError::DatabaseInSite { db, dist });
        }
    }
    let store = Arc::new(store::Store::open(&config.db)?);
    let directory = live_directory::LiveDirectory::open(store.clone(), &config.groups, &config.dist)?;
    let pages = pages::Pages::open(&config.dist);
    let origin = site_origin(&config.dist);
    let published = meetings::live::LiveMeetings::open(store.clone(), directory.clone(), &origin, config.clock);
    if let Some(every) = config.meetings_refresh {
        let fetcher = meetings::fetch::Fetcher::new(feed_policy(&origin, config.insecure_feeds));
        meetings::refresh::schedule(store.clone(), fetcher, every, config.clock);
    }
    let letters = match &config.mail {
        Some(mail) => {
            let letters = mail::compose::Letters { origin: origin.clone(), staff: mail.staff.clone() };
            mail::sender::start(store.clone(), mail.clone(), letters.clone(), config.clock, config.stop.clone())?;
            Some(letters)
        }
        None => {
            store.set_mail_staff(None)?;
            None
        }
    };
    let meetings = meetings::routes::Meetings { published: published.clone(), directory: directory.clone() };
    // Sign-ups unconfirmed for a week, or unanswered for two years, go (hourly, from now).
    interest::schedule_purge(store.clone(), config.clock);
    let link_pages = interest::pages::LinkPages { store: store.clone(), pages: pages.clone(), clock: config.clock };
    let metrics = ops::metrics::router(ops::metrics::Scrape {
        store: store.clone(),
        directory: directory.clone(),
        clock: config.clock,
    });
    let readiness = ops::health::Readiness {
        store: store.clone(),
        directory: directory.clone(),
        dist: config.dist.clone(),
        min_free_disk: config.min_free_disk,
    };
    // One index for the API and the pages near a place (the pages without JavaScript).
    let places = places::Places::open(&config.places);
    // Sign-ups by the API and by the form without JavaScript: one rate limit, one bucket.
    let sign_ups = api::interest::SignUps {
        state: api::interest::InterestState {
            store: store.clone(),
            letters: letters.clone(),
            clock: config.clock,
            places: places.clone(),
        },
        limit: config.rate_limit.layer(&config.trusted_proxies),
    };
    let sign_up_form = interest::form::FormPages { interest: sign_ups.state.clone(), pages: pages.clone() };
    let site = Router::new()
        .merge(ops::health::router(readiness))
        .route("/groups.json", get(groups_route::groups_json).with_state(directory.clone()))
        .route("/meetings.json", get(meetings::routes::meetings_json).with_state(meetings.clone()))
        .route("/meetings.ics", get(meetings::routes::calendar).with_state(meetings.clone()))
        .route("/groups/{slug}/meetings.ics", get(meetings::routes::group_calendar).with_state(meetings.clone()))
        .route("/groups/{slug}/meetings/{file}", get(meetings::routes::meeting_calendar).with_state(meetings.clone()))
        .route("/robots.txt", get(seo::robots).with_state(pages.clone()))
        .route("/sitemap.xml", get(seo::sitemap).with_state((pages.clone(), directory.clone())))
        .nest("/api/places", places::router(places.clone(), &config.rate_limit, &config.trusted_proxies))
        .nest(
            groups_core::interest::PAGES_PREFIX,
            interest::pages::router(link_pages, &config.rate_limit, &config.trusted_proxies)
                .merge(interest::form::router(sign_up_form, sign_ups.limit.clone())),
        )
        .nest(
            "/api",
            api::router(
                store,
                &config.rate_limit,
                &config.trusted_proxies,
                config.clock,
                letters,
                config.min_free_disk,
                sign_ups,
            ),
        )
        .fallback_service(site::service(&config.dist, pages, directory, published, places));
    let headers = headers::SecurityHeaders { csp: policy, hsts: config.hsts };
    let site = serve::with_timeouts(site, config.limits)
        .layer(axum::middleware::from_fn(trace::span_per_request))
        .layer(axum::middleware::from_fn(cache::set_cache_control))
        .layer(axum::middleware::from_fn_with_state(headers, headers::security_headers))
        // Outermost, so that its time and status are what the client got (a 408 included).
        .layer(axum::middleware::from_fn(ops::metrics::track));
    Ok(Service { site, metrics })
}

/// The site's canonical origin, as the build set it (`dist/_pages/pages.json`); the default
/// for a build without pre-rendered pages.
pub fn site_origin(dist: &std::path::Path) -> String {
    std::fs::read_to_string(dist.join(pages::PAGES_DIR).join("pages.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<groups_core::html::Manifest>(&text).ok())
        .map_or_else(|| DEFAULT_ORIGIN.to_owned(), |m| m.origin)
}

/// The canonical origin of a build that does not say (the old portal's address).
pub use groups_core::site::DEFAULT_ORIGIN;

/// How feeds are fetched: safely, unless `insecure` (`--insecure-feeds`).
pub fn feed_policy(origin: &str, insecure: bool) -> meetings::fetch::FetchPolicy {
    let policy = meetings::fetch::FetchPolicy::new(origin);
    if insecure {
        tracing::warn!(
            "--insecure-feeds: feeds over plain http and on loopback addresses are fetched; for local testing only"
        );
        policy.insecure()
    } else {
        policy
    }
}

/// Where `path` is or would be: its folder made canonical (the file may not exist yet).
fn existing_parent(path: &std::path::Path) -> Option<PathBuf> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    Some(folder.canonicalize().ok()?.join(path.file_name()?))
}

/// Binds `addr`, failing with a message that names the address when it is taken.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, ServerError> {
    TcpListener::bind(addr).await.map_err(|source| ServerError::Bind { addr, source })
}

/// Serves `app` on `listener` with the default [`serve::Limits`] until `shutdown` resolves,
/// letting requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    serve::serve(listener, app, serve::Limits::default(), shutdown).await
}
