//! The feed fetcher against feed servers on this machine: no byte sent to a loopback, private
//! or mapped address (literal, by name, or as a redirect's target) unless allowed; and, with
//! local feeds allowed (`--insecure-feeds`), conditional requests, back-off answers, the size
//! cap, the time limit and redirect loops.

use groups_testkit as common;

use std::{net::IpAddr, time::Duration};

use common::feed_server::{FeedServer, Reply};
use groups_server::meetings::fetch::{FetchError, FetchPolicy, Fetched, Fetcher, Validators};

const ORIGIN: &str = "https://groups.example.org";

fn strict() -> Fetcher {
    Fetcher::new(FetchPolicy::new(ORIGIN))
}

fn local() -> Fetcher {
    Fetcher::new(FetchPolicy { timeout: Duration::from_secs(3), ..FetchPolicy::new(ORIGIN).insecure() })
}

const FEED: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";

#[tokio::test]
async fn private_and_loopback_addresses_are_refused_before_any_byte_is_sent() {
    let server = FeedServer::start("127.0.0.1").await;
    server.route("/feed.ics", Reply::Feed { body: FEED.into(), etag: "\"1\"" });
    let port = server.addr.port();
    for url in [
        format!("https://127.0.0.1:{port}/feed.ics"),
        format!("https://localhost:{port}/feed.ics"),
        format!("https://[::ffff:127.0.0.1]:{port}/feed.ics"),
        format!("https://[::1]:{port}/feed.ics"),
        "https://10.0.0.1/feed.ics".to_owned(),
        "https://169.254.169.254/latest/meta-data/".to_owned(),
        "https://[fd00::1]/feed.ics".to_owned(),
    ] {
        let error = strict().fetch(&url, &Validators::default()).await.unwrap_err();
        assert!(matches!(&error, FetchError::Refused(why) if why.contains("not a public address")), "{url}: {error:?}");
    }
    // Plain http is refused before anything is resolved.
    let error = strict().fetch(&server.url("/feed.ics"), &Validators::default()).await.unwrap_err();
    assert!(matches!(&error, FetchError::Refused(why) if why.contains("only https")), "{error:?}");
    assert_eq!(server.connections(), 0, "the listener received nothing");
}

#[tokio::test]
async fn a_redirect_to_a_private_address_is_refused_too() {
    let first = FeedServer::start("127.0.0.1").await;
    let hidden = FeedServer::start("127.0.0.2").await;
    hidden.route("/secret", Reply::Feed { body: FEED.into(), etag: "\"1\"" });
    first.route("/feed.ics", Reply::Redirect(hidden.url("/secret")));
    first.route("/mapped.ics", Reply::Redirect(format!("http://[::ffff:127.0.0.2]:{}/secret", hidden.addr.port())));
    // The first hop is allowed (as a public server would be); what it redirects to is not.
    let policy = FetchPolicy {
        allow_http: true,
        also_allowed: vec!["127.0.0.1".parse::<IpAddr>().unwrap()],
        ..FetchPolicy::new(ORIGIN)
    };
    let fetcher = Fetcher::new(policy);
    for path in ["/feed.ics", "/mapped.ics"] {
        let error = fetcher.fetch(&first.url(path), &Validators::default()).await.unwrap_err();
        assert!(matches!(&error, FetchError::Refused(why) if why.contains("127.0.0.2")), "{path}: {error:?}");
    }
    assert_eq!(first.connections(), 2);
    assert_eq!(hidden.connections(), 0, "the redirect's target received nothing");
}

#[tokio::test]
async fn a_feed_is_fetched_conditionally_with_an_honest_user_agent() {
    let server = FeedServer::start("127.0.0.1").await;
    server.route("/feed.ics", Reply::Feed { body: FEED.into(), etag: "\"v7\"" });
    let fetched = local().fetch(&server.url("/feed.ics"), &Validators::default()).await.unwrap();
    let Fetched::Changed { body, validators } = fetched else { panic!("{fetched:?}") };
    assert_eq!(body, FEED.as_bytes());
    assert_eq!(validators.etag.as_deref(), Some("\"v7\""));
    assert_eq!(local().fetch(&server.url("/feed.ics"), &validators).await.unwrap(), Fetched::NotModified);
    let first = &server.requests()[0].to_ascii_lowercase();
    assert!(first.contains("user-agent: groups-portal/") && first.contains("+https://groups.example.org"), "{first}");
    assert!(server.requests()[1].to_ascii_lowercase().contains("if-none-match: \"v7\""));
}

#[tokio::test]
async fn refusals_loops_oversized_and_slow_feeds_fail_with_their_reason() {
    let server = FeedServer::start("127.0.0.1").await;
    server.route("/busy", Reply::Status { status: 429, headers: "Retry-After: 120\r\n".into() });
    server.route("/down", Reply::Status { status: 503, headers: String::new() });
    server.route("/gone", Reply::Status { status: 404, headers: String::new() });
    server.route("/a", Reply::Redirect(server.url("/b")));
    server.route("/b", Reply::Redirect(server.url("/a")));
    server.route("/huge", Reply::Huge(3 * 1024 * 1024));
    server.route("/slow", Reply::Stall(Duration::from_secs(10)));
    let fetch = |path: &str| {
        let url = server.url(path);
        async move { local().fetch(&url, &Validators::default()).await.unwrap_err() }
    };
    let busy = fetch("/busy").await;
    assert_eq!(busy, FetchError::Status { status: 429, retry_after: Some(Duration::from_secs(120)) });
    assert!(busy.is_passing());
    assert!(fetch("/down").await.is_passing());
    let gone = fetch("/gone").await;
    assert!(matches!(gone, FetchError::Status { status: 404, .. }) && !gone.is_passing());
    assert_eq!(fetch("/a").await, FetchError::TooManyRedirects);
    assert_eq!(fetch("/huge").await, FetchError::TooLarge);
    let started = std::time::Instant::now();
    assert!(matches!(fetch("/slow").await, FetchError::Timeout(_)));
    assert!(started.elapsed() < Duration::from_secs(6), "the time limit holds: {:?}", started.elapsed());
}
