//! A calendar feed server for the tests, on a loopback address of their choosing: each path
//! answers as scripted (a feed with its validators, a 304 when they match, a status with
//! `Retry-After`, a redirect, a body far too large, an answer that never comes), and it
//! counts every connection, so a test can prove that a refused fetch sent nothing.

use std::{
    collections::HashMap,
    net::{IpAddr, SocketAddr},
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};

/// How one path answers.
#[derive(Clone, Debug)]
pub enum Reply {
    /// 200 with this calendar and ETag; 304 when the request names the ETag.
    Feed { body: String, etag: &'static str },
    /// This status, with these extra header lines.
    Status { status: u16, headers: String },
    /// A redirect to this address.
    Redirect(String),
    /// 200 with a body of this many bytes (sent until the client stops reading).
    Huge(usize),
    /// The headers, then nothing for this long.
    Stall(Duration),
}

/// A running feed server.
pub struct FeedServer {
    pub addr: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl FeedServer {
    /// Serves on `ip` (`127.0.0.1`, or another loopback address such as `127.0.0.2`).
    pub async fn start(ip: &str) -> FeedServer {
        let ip: IpAddr = ip.parse().unwrap();
        let listener = TcpListener::bind((ip, 0)).await.unwrap();
        let server = FeedServer {
            addr: listener.local_addr().unwrap(),
            routes: Arc::default(),
            connections: Arc::default(),
            requests: Arc::default(),
        };
        let (routes, connections, requests) =
            (server.routes.clone(), server.connections.clone(), server.requests.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                connections.fetch_add(1, Ordering::SeqCst);
                let (routes, requests) = (routes.clone(), requests.clone());
                tokio::spawn(async move {
                    let _ = answer(stream, &routes, &requests).await;
                });
            }
        });
        server
    }

    /// `http://<addr><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn route(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_owned(), reply);
    }

    /// How many connections reached the server.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The head of every request received, in order.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

async fn answer(
    mut stream: TcpStream,
    routes: &Mutex<HashMap<String, Reply>>,
    requests: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    requests.lock().unwrap().push(head.clone());
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let reply = routes.lock().unwrap().get(&path).cloned();
    let write = |status: u16, headers: &str, body: &[u8]| {
        let mut out =
            format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n", body.len())
                .into_bytes();
        out.extend_from_slice(body);
        out
    };
    let out = match reply {
        None => write(404, "", b"no such feed"),
        Some(Reply::Feed { body, etag }) => {
            let matches =
                head.lines().any(|l| l.to_ascii_lowercase().starts_with("if-none-match:") && l.contains(etag));
            if matches {
                write(304, &format!("ETag: {etag}\r\n"), b"")
            } else {
                write(200, &format!("Content-Type: text/calendar\r\nETag: {etag}\r\n"), body.as_bytes())
            }
        }
        Some(Reply::Status { status, headers }) => write(status, &headers, b"busy"),
        Some(Reply::Redirect(to)) => write(302, &format!("Location: {to}\r\n"), b""),
        Some(Reply::Huge(size)) => {
            stream
                .write_all(format!("HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n").as_bytes())
                .await?;
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < size {
                stream.write_all(&chunk).await?;
                sent += chunk.len();
            }
            return Ok(());
        }
        Some(Reply::Stall(pause)) => {
            stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n").await?;
            tokio::time::sleep(pause).await;
            return Ok(());
        }
    };
    stream.write_all(&out).await?;
    stream.shutdown().await
}
