//! The groups portal's server: serves the built single-page app from `dist/` with its
//! security headers and caching rules, and answers the `/api` routes.

pub mod api;
pub mod cache;
pub mod cli;
pub mod clock;
pub mod csp;
pub mod error;
pub mod groups_file;
pub mod groups_route;
pub mod headers;
pub mod pages;
pub mod seo;
pub mod serve;
pub mod site;
pub mod staff;
pub mod store;

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
    /// The directory served as `/groups.json` (created from `dist/groups.json` if missing).
    pub groups: PathBuf,
    pub rate_limit: RateLimit,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Send `Strict-Transport-Security` (`--hsts`): only behind a proxy that terminates TLS.
    pub hsts: bool,
    /// How long a client may take over a request.
    pub limits: serve::Limits,
}

impl Config {
    /// A site and a database, the directory file beside the database (`var/requests.db` →
    /// `var/groups.json`), and the default rate limit.
    pub fn new(dist: impl Into<PathBuf>, db: impl Into<PathBuf>) -> Config {
        let db = db.into();
        let groups = db.with_file_name("groups.json");
        Config {
            dist: dist.into(),
            db,
            groups,
            rate_limit: RateLimit::default(),
            trusted_proxies: Vec::new(),
            hsts: false,
            limits: serve::Limits::default(),
        }
    }
}

/// The whole HTTP service: API routes first, then the static site with its SPA fallback,
/// and the security headers on every response.
pub fn app(config: &Config) -> Result<Router, ServerError> {
    let policy = csp::ContentSecurityPolicy::for_dist(&config.dist)?;
    let store = Arc::new(store::Store::open(&config.db)?);
    if let (Ok(db), Ok(dist)) = (config.db.canonicalize(), config.dist.canonicalize()) {
        if db.starts_with(&dist) {
            return Err(ServerError::DatabaseInSite { db, dist });
        }
    }
    let groups = groups_file::GroupsFile::open(&config.groups, &config.dist)?;
    let pages = pages::Pages::open(&config.dist);
    let site = Router::new()
        .route("/groups.json", get(groups_route::groups_json).with_state(groups.clone()))
        .route("/robots.txt", get(seo::robots).with_state(pages.clone()))
        .route("/sitemap.xml", get(seo::sitemap).with_state((pages.clone(), groups.clone())))
        .nest("/api", api::router(store, &config.rate_limit, &config.trusted_proxies))
        .fallback_service(site::service(&config.dist, pages, groups));
    let headers = headers::SecurityHeaders { csp: policy, hsts: config.hsts };
    Ok(serve::with_timeouts(site, config.limits)
        .layer(axum::middleware::from_fn(cache::set_cache_control))
        .layer(axum::middleware::from_fn_with_state(headers, headers::security_headers)))
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
