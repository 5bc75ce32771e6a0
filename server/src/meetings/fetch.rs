//! Fetching a group's calendar feed as a careful client of other people's servers: https only,
//! an honest User-Agent, conditional requests, at most [`MAX_REDIRECTS`] redirects (each
//! checked again), [`MAX_BODY`] of body (cut while reading), [`TOTAL_TIMEOUT`] for the whole
//! fetch, and no connection to any address that is not public: checked where the connection is
//! made (the peer of the socket itself), for literal IPs, names and redirect targets alike, not
//! only when a name is resolved.

use std::{
    future::Future,
    io,
    net::{IpAddr, SocketAddr},
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
    time::Duration,
};

use axum::http::{header, Request, StatusCode, Uri};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::{
    client::legacy::Client,
    rt::{TokioExecutor, TokioIo},
};
use tokio::net::TcpStream;

use super::address::{is_loopback, is_public};

/// The most a feed may weigh: a year of a busy group's meetings is a few hundred kilobytes.
pub const MAX_BODY: usize = 2 * 1024 * 1024;
/// The whole fetch, redirects included.
pub const TOTAL_TIMEOUT: Duration = Duration::from_secs(20);
pub const MAX_REDIRECTS: usize = 3;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What a fetch may do beyond the safe defaults, and how it introduces itself.
#[derive(Clone, Debug)]
pub struct FetchPolicy {
    /// Plain `http://` feeds (`--insecure-feeds`: local testing only).
    pub allow_http: bool,
    /// Loopback addresses (`--insecure-feeds`: local testing only).
    pub allow_loopback: bool,
    /// Addresses allowed although not public (for tests that need one hop allowed).
    pub also_allowed: Vec<IpAddr>,
    /// `groups-portal/0.1.0 (+https://groups.openstack.org; calendar import)`.
    pub user_agent: String,
    /// For the whole fetch, redirects included.
    pub timeout: Duration,
}

impl FetchPolicy {
    /// The safe defaults, introducing itself with the site's canonical origin.
    pub fn new(origin: &str) -> FetchPolicy {
        FetchPolicy {
            allow_http: false,
            allow_loopback: false,
            also_allowed: Vec::new(),
            user_agent: format!("groups-portal/{} (+{origin}; calendar import)", env!("CARGO_PKG_VERSION")),
            timeout: TOTAL_TIMEOUT,
        }
    }

    /// `--insecure-feeds`: http and loopback allowed, for feeds served on this machine.
    pub fn insecure(self) -> FetchPolicy {
        FetchPolicy { allow_http: true, allow_loopback: true, ..self }
    }

    fn allows(&self, ip: IpAddr) -> bool {
        is_public(ip) || self.also_allowed.contains(&ip) || (self.allow_loopback && is_loopback(ip))
    }

    fn allows_scheme(&self, scheme: &str) -> bool {
        scheme.eq_ignore_ascii_case("https") || (self.allow_http && scheme.eq_ignore_ascii_case("http"))
    }
}

/// The validators of the last good copy, for a conditional request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What a fetch brought.
#[derive(Debug, PartialEq, Eq)]
pub enum Fetched {
    Changed { body: Vec<u8>, validators: Validators },
    NotModified,
}

/// Why a fetch brought nothing.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("refused: {0}")]
    Refused(String),
    #[error("the feed's address is not a web address: {0}")]
    BadUrl(String),
    #[error("the feed's server answered {status}")]
    Status { status: u16, retry_after: Option<Duration> },
    #[error("the feed is larger than {} MiB", MAX_BODY / 1024 / 1024)]
    TooLarge,
    #[error("no whole answer within {0:?}")]
    Timeout(Duration),
    #[error("more than {MAX_REDIRECTS} redirects")]
    TooManyRedirects,
    #[error("the feed's server could not be reached: {0}")]
    Network(String),
}

impl FetchError {
    /// Whether trying again later may help soon (the server asks to wait, or is down for a
    /// moment): then the wait it asked for, if it did.
    pub fn is_passing(&self) -> bool {
        matches!(self, FetchError::Status { status, .. } if *status == 429 || *status >= 500)
            || matches!(self, FetchError::Timeout(_) | FetchError::Network(_))
    }
}

type Https = hyper_rustls::HttpsConnector<Guard>;

/// The client that fetches feeds under `policy`.
#[derive(Clone)]
pub struct Fetcher {
    client: Client<Https, Empty<Bytes>>,
    policy: Arc<FetchPolicy>,
}

impl Fetcher {
    pub fn new(policy: FetchPolicy) -> Fetcher {
        let policy = Arc::new(policy);
        let guard = Guard { policy: policy.clone() };
        // The provider named, not left to whichever the process happens to install.
        let builder = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .expect("ring supports the default protocol versions");
        let connector = if policy.allow_http { builder.https_or_http() } else { builder.https_only() };
        let connector = connector.enable_http1().wrap_connector(guard);
        let client = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(0).build(connector);
        Fetcher { client, policy }
    }

    /// Fetches `url`, conditionally on `validators`.
    pub async fn fetch(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let limit = self.policy.timeout;
        tokio::time::timeout(limit, self.follow(url, validators)).await.map_err(|_| FetchError::Timeout(limit))?
    }

    async fn follow(&self, url: &str, validators: &Validators) -> Result<Fetched, FetchError> {
        let mut current = self.checked(url)?;
        for _ in 0..=MAX_REDIRECTS {
            let mut request = Request::get(current.as_str())
                .header(header::USER_AGENT, &self.policy.user_agent)
                .header(header::ACCEPT, "text/calendar, text/plain;q=0.5, */*;q=0.1");
            if let Some(etag) = &validators.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(since) = &validators.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, since);
            }
            let request = request.body(Empty::new()).map_err(|e| FetchError::BadUrl(e.to_string()))?;
            let response = self.client.request(request).await.map_err(|e| connection_error(&e))?;
            let status = response.status();
            if status == StatusCode::NOT_MODIFIED {
                return Ok(Fetched::NotModified);
            }
            if status.is_redirection() {
                let location = response
                    .headers()
                    .get(header::LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .ok_or_else(|| FetchError::Status { status: status.as_u16(), retry_after: None })?;
                let next = current.join(location).map_err(|e| FetchError::BadUrl(format!("{location}: {e}")))?;
                current = self.checked(next.as_str())?;
                continue;
            }
            if !status.is_success() {
                let retry_after =
                    response.headers().get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(retry_after);
                return Err(FetchError::Status { status: status.as_u16(), retry_after });
            }
            let header = |name| {
                response.headers().get(name).and_then(|v: &header::HeaderValue| v.to_str().ok()).map(str::to_owned)
            };
            let validators = Validators { etag: header(header::ETAG), last_modified: header(header::LAST_MODIFIED) };
            let body = read_capped(response.into_body()).await?;
            return Ok(Fetched::Changed { body, validators });
        }
        Err(FetchError::TooManyRedirects)
    }

    /// `url` if its scheme is allowed.
    fn checked(&self, url: &str) -> Result<url::Url, FetchError> {
        let parsed = url::Url::parse(url.trim()).map_err(|e| FetchError::BadUrl(format!("{url}: {e}")))?;
        if !self.policy.allows_scheme(parsed.scheme()) {
            return Err(FetchError::Refused(format!("{url}: only https feeds are fetched")));
        }
        if parsed.host_str().is_none() || !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(FetchError::BadUrl(url.to_owned()));
        }
        Ok(parsed)
    }
}

/// Reads a body, giving up as soon as it passes [`MAX_BODY`].
async fn read_capped(mut body: hyper::body::Incoming) -> Result<Vec<u8>, FetchError> {
    let mut out = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| FetchError::Network(e.to_string()))?;
        if let Ok(data) = frame.into_data() {
            if out.len() + data.len() > MAX_BODY {
                return Err(FetchError::TooLarge);
            }
            out.extend_from_slice(&data);
        }
    }
    Ok(out)
}

/// The longest a feed's server may ask us to wait (`Retry-After`), and the longest back-off
/// after failures: a day.
pub const MAX_WAIT: Duration = Duration::from_secs(24 * 3600);

/// `Retry-After` as seconds or an HTTP date, at most [`MAX_WAIT`].
fn retry_after(value: &str) -> Option<Duration> {
    let wait = match value.trim().parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => httpdate::parse_http_date(value.trim())
            .ok()?
            .duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    };
    Some(wait.min(MAX_WAIT))
}

/// The connector's refusal, when that is why the connection failed; else what failed.
fn connection_error(error: &hyper_util::client::legacy::Error) -> FetchError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = cause {
        if let Some(io) = current.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::PermissionDenied {
                return FetchError::Refused(io.to_string());
            }
            return FetchError::Network(io.to_string());
        }
        cause = current.source();
    }
    FetchError::Network(error.to_string())
}

/// The TCP connector: resolves the name (or takes the literal address), connects only to
/// addresses the policy allows, and checks the peer of the connection made.
#[derive(Clone)]
struct Guard {
    policy: Arc<FetchPolicy>,
}

impl tower::Service<Uri> for Guard {
    type Response = TokioIo<TcpStream>;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, io::Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), io::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        let policy = self.policy.clone();
        Box::pin(async move {
            let host = uri.host().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no host"))?;
            let host = host.trim_start_matches('[').trim_end_matches(']');
            let port = uri.port_u16().unwrap_or(if uri.scheme_str() == Some("http") { 80 } else { 443 });
            let addresses: Vec<SocketAddr> = match host.parse::<IpAddr>() {
                Ok(ip) => vec![SocketAddr::new(ip, port)],
                Err(_) => tokio::net::lookup_host((host, port)).await?.collect(),
            };
            let refused = |addr: SocketAddr| {
                io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("{host} is at {}, not a public address", addr.ip()),
                )
            };
            let mut last = io::Error::new(io::ErrorKind::NotFound, format!("{host} has no address"));
            for addr in addresses {
                if !policy.allows(addr.ip()) {
                    last = refused(addr);
                    continue;
                }
                match tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(addr)).await {
                    Ok(Ok(stream)) => {
                        // The address actually connected to, whatever led there.
                        let peer = stream.peer_addr()?;
                        if !policy.allows(peer.ip()) {
                            return Err(refused(peer));
                        }
                        let _ = stream.set_nodelay(true);
                        return Ok(TokioIo::new(stream));
                    }
                    Ok(Err(error)) => last = error,
                    Err(_) => last = io::Error::new(io::ErrorKind::TimedOut, format!("{addr} did not answer")),
                }
            }
            Err(last)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_is_read_in_seconds_or_as_a_date_and_capped_at_a_day() {
        assert_eq!(retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(retry_after("9999999"), Some(Duration::from_secs(24 * 3600)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO), "a date past");
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn only_https_is_fetched_unless_testing_locally() {
        let strict = Fetcher::new(FetchPolicy::new("https://groups.example.org"));
        assert!(matches!(strict.checked("http://example.org/feed.ics"), Err(FetchError::Refused(_))));
        assert!(matches!(strict.checked("ftp://example.org/feed.ics"), Err(FetchError::Refused(_))));
        assert!(matches!(strict.checked("https://user:pw@example.org/"), Err(FetchError::BadUrl(_))));
        assert!(strict.checked("https://example.org/feed.ics").is_ok());
        let local = Fetcher::new(FetchPolicy::new("https://groups.example.org").insecure());
        assert!(local.checked("http://127.0.0.1:8080/feed.ics").is_ok());
    }
}
