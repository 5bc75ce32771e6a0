//! The server under abuse, over real TCP on 127.0.0.1: hundreds of connections that send
//! nothing or trickle, a body sent too slowly, and clients behind a trusted reverse proxy told
//! apart by `X-Forwarded-For`.

use groups_testkit as common;

use std::{net::SocketAddr, time::Duration};

use groups_server::{serve::Limits, Config, RateLimit};
use reqwest::{header, StatusCode};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// Limits short enough for a test: the same mechanism, seconds instead of tens of seconds.
const LIMITS: Limits =
    Limits { headers: Duration::from_secs(2), body: Duration::from_secs(2), request: Duration::from_secs(4) };

async fn start(configure: impl FnOnce(Config) -> Config) -> (SocketAddr, common::Site) {
    let site = common::start_with(false, |config| configure(Config { limits: LIMITS, ..config })).await;
    (site.addr, site)
}

fn body() -> String {
    serde_json::to_string(&groups_core::fixtures::valid_request_for(groups_server::terms::TERMS)).unwrap()
}

/// Reads until the server closes the connection; the bytes it sent.
async fn until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    answer
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_trickling_connections_do_not_hold_the_server() {
    let (addr, _dirs) = start(|c| c).await;
    let mut idle = Vec::new();
    for _ in 0..300 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    let mut trickling = Vec::new();
    for _ in 0..100 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.unwrap();
        trickling.push(stream);
    }
    let trickle = tokio::spawn(async move {
        // One header line a second: never finishing, always "busy".
        for i in 0..10 {
            for stream in &mut trickling {
                let _ = stream.write_all(format!("X-Slow-{i}: y\r\n").as_bytes()).await;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        trickling
    });

    // A real request is answered while all of them are connected: well before the header
    // limit could have freed anything, so it waited for none of them.
    let client = reqwest::Client::builder().timeout(LIMITS.headers).build().unwrap();
    let health = client.get(format!("http://{addr}/api/health")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let stored = client
        .post(format!("http://{addr}/api/group-requests"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("Idempotency-Key", "0f8fad5b-d9cb-469f-a165-70867728950e")
        .body(body())
        .send()
        .await
        .unwrap();
    assert_eq!(stored.status(), StatusCode::CREATED);

    // The server closes a connection that sent nothing, and one that never finished its
    // headers, once their time is up (the test gives up long after that).
    let closed = tokio::time::timeout(LIMITS.headers * 5, until_closed(&mut idle[0])).await;
    assert!(closed.is_ok(), "an idle connection was kept open");
    let mut trickling = trickle.await.unwrap();
    let closed = tokio::time::timeout(LIMITS.headers * 5, until_closed(&mut trickling[0])).await;
    assert!(closed.is_ok(), "a trickling connection was kept open");
}

#[tokio::test]
async fn a_body_sent_too_slowly_is_answered_408_and_not_stored() {
    let (addr, _dirs) = start(|c| c).await;
    let body = body();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/group-requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Idempotency-Key: 0f8fad5b-d9cb-469f-a165-70867728950e\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    // 20 bytes a second: the whole body would take most of a minute.
    let (mut reader, mut writer) = stream.into_split();
    let sender = tokio::spawn(async move {
        for chunk in body.as_bytes().chunks(20) {
            if writer.write_all(chunk).await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(LIMITS.request * 3, reader.read_to_end(&mut answer)).await;
    sender.abort();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("took too long"), "{answer}");
}

async fn post_from(addr: SocketAddr, forwarded_for: &str, key: &str) -> StatusCode {
    reqwest::Client::new()
        .post(format!("http://{addr}/api/group-requests"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("Idempotency-Key", key)
        .header("X-Forwarded-For", forwarded_for)
        .body(body())
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap()
        .status()
}

fn key(n: u32) -> String {
    format!("0f8fad5b-d9cb-469f-a165-{n:012}")
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_has_its_own_limit() {
    let limit = RateLimit { burst: 2, period: Duration::from_secs(600) };
    let (addr, _dirs) =
        start(|c| Config { rate_limit: limit.clone(), trusted_proxies: vec!["127.0.0.1/32".parse().unwrap()], ..c })
            .await;
    assert_eq!(post_from(addr, "203.0.113.1", &key(1)).await, StatusCode::CREATED);
    assert_eq!(
        post_from(addr, "6.6.6.6, 203.0.113.1", &key(2)).await,
        StatusCode::CREATED,
        "a forged left part is not believed"
    );
    assert_eq!(post_from(addr, "203.0.113.1", &key(3)).await, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(post_from(addr, "203.0.113.2", &key(4)).await, StatusCode::CREATED, "another client is not locked out");
    // IPv6 clients share a limit per /64.
    assert_eq!(post_from(addr, "2001:db8:1:2::1", &key(5)).await, StatusCode::CREATED);
    assert_eq!(post_from(addr, "2001:db8:1:2::ffff", &key(6)).await, StatusCode::CREATED);
    assert_eq!(post_from(addr, "2001:db8:1:2:dead::1", &key(7)).await, StatusCode::TOO_MANY_REQUESTS);

    // Without --trusted-proxy the header is ignored: the peer is the client.
    let (addr, _dirs) = start(|c| Config { rate_limit: limit, ..c }).await;
    assert_eq!(post_from(addr, "203.0.113.1", &key(1)).await, StatusCode::CREATED);
    assert_eq!(post_from(addr, "203.0.113.2", &key(2)).await, StatusCode::CREATED);
    assert_eq!(post_from(addr, "203.0.113.3", &key(3)).await, StatusCode::TOO_MANY_REQUESTS);
}
