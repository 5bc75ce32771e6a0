//! A fault-injecting HTTP proxy in front of the site: it passes everything through, except
//! that each request of one kind (`POST /api/group-requests`, or `GET /groups.json`) meets the
//! next fault in its script (a status, a dropped connection, an answer held back past the
//! form's timeout, a page brought in pieces), and it counts them.
//!
//! One request per connection (`Connection: close` both ways) keeps it simple and exact.

use std::{
    collections::VecDeque,
    net::SocketAddr,
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

/// What happens to one new-group request.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Forwarded, answered as the server answers.
    Pass,
    /// Not forwarded; answered with this status, extra header lines and JSON body.
    Answer { status: u16, headers: &'static str, body: &'static str },
    /// Not forwarded; the connection is closed without a word.
    Drop,
    /// Forwarded (so the server stores it), but the answer is held back this long.
    Hold(Duration),
    /// Forwarded (so the server stores it), then the connection is closed without the answer:
    /// the client cannot know the request arrived.
    Lost,
    /// Forwarded, and the answer passed on `chunk` bytes at a time with `pause` between them,
    /// as a slow network brings a page: the browser draws what it has before the rest comes.
    Drip { chunk: usize, pause: Duration },
}

pub struct FaultProxy {
    pub base: String,
    posts: Arc<AtomicUsize>,
}

impl FaultProxy {
    /// How many requests of the faulted kind reached the proxy.
    pub fn posts(&self) -> usize {
        self.posts.load(Ordering::SeqCst)
    }
}

/// Starts the proxy in front of `upstream` (`http://127.0.0.1:port`) for new-group requests;
/// requests after the script's end pass.
pub async fn start(upstream: &str, script: Vec<Fault>) -> FaultProxy {
    start_for(upstream, "POST /api/group-requests ", script).await
}

/// The same for the requests whose first line starts with `request` (`"GET /groups.json "`).
pub async fn start_for(upstream: &str, request: &str, script: Vec<Fault>) -> FaultProxy {
    let request: Arc<str> = request.into();
    let upstream: SocketAddr = upstream.trim_start_matches("http://").parse().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let posts = Arc::new(AtomicUsize::new(0));
    let script = Arc::new(Mutex::new(VecDeque::from(script)));
    {
        let posts = posts.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let (posts, script, request) = (posts.clone(), script.clone(), request.clone());
                tokio::spawn(async move {
                    let _ = handle(client, upstream, &request, &posts, &script).await;
                });
            }
        });
    }
    FaultProxy { base, posts }
}

async fn handle(
    mut client: TcpStream,
    upstream: SocketAddr,
    faulted: &str,
    posts: &AtomicUsize,
    script: &Mutex<VecDeque<Fault>>,
) -> std::io::Result<()> {
    let Some((head, body)) = read_request(&mut client).await? else {
        return Ok(());
    };
    let fault = if head.starts_with(faulted) {
        posts.fetch_add(1, Ordering::SeqCst);
        script.lock().unwrap().pop_front().unwrap_or(Fault::Pass)
    } else {
        Fault::Pass
    };
    match fault {
        Fault::Drop => Ok(()),
        Fault::Lost => forward(upstream, &head, &body).await.map(drop),
        Fault::Answer { status, headers, body } => {
            let response = format!(
                "HTTP/1.1 {status} Fault\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n{body}",
                body.len()
            );
            client.write_all(response.as_bytes()).await?;
            client.shutdown().await
        }
        Fault::Drip { chunk, pause } => {
            let response = forward(upstream, &head, &body).await?;
            for piece in response.chunks(chunk) {
                client.write_all(piece).await?;
                client.flush().await?;
                tokio::time::sleep(pause).await;
            }
            client.shutdown().await
        }
        Fault::Pass | Fault::Hold(_) => {
            let response = forward(upstream, &head, &body).await?;
            if let Fault::Hold(pause) = fault {
                tokio::time::sleep(pause).await;
            }
            client.write_all(&response).await?;
            client.shutdown().await
        }
    }
}

/// Reads one request: its head (up to the blank line) and its body (by Content-Length).
async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<(String, Vec<u8>)>> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Ok(None);
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map(|(_, v)| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    let mut body = data[end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    Ok(Some((head, body)))
}

/// Sends the request upstream on a fresh connection and returns the whole answer, marked
/// `Connection: close` so the browser opens a new connection (and meets the next fault).
async fn forward(upstream: SocketAddr, head: &str, body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).await?;
    server.write_all(close_connection(head).as_bytes()).await?;
    server.write_all(body).await?;
    let mut response = Vec::new();
    server.read_to_end(&mut response).await?;
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").map_or(response.len(), |i| i + 4);
    let mut out = close_connection(&String::from_utf8_lossy(&response[..split])).into_bytes();
    out.extend_from_slice(&response[split..]);
    Ok(out)
}

/// The same head with `Connection: close` instead of any connection header.
fn close_connection(head: &str) -> String {
    let mut lines: Vec<&str> = head
        .trim_end_matches("\r\n")
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    lines.push("Connection: close");
    format!("{}\r\n\r\n", lines.join("\r\n"))
}
