//! Accepting connections, with bounds on how long a client may take: a connection that moves
//! no byte for [`Limits::headers`] is closed (also one that never sends anything, and an idle
//! keep-alive connection), a request's headers must arrive within that time too, its body
//! within [`Limits::body`], and the whole request must be answered within
//! [`Limits::request`] (408 otherwise). Without these a few hundred clients that connect and
//! then trickle, or send nothing, could hold the server.

use std::{
    future::Future,
    io,
    net::SocketAddr,
    pin::Pin,
    task::{Context, Poll},
    time::Duration,
};

use axum::{
    body::Body,
    extract::{ConnectInfo, Request},
    http::StatusCode,
    Extension, Router,
};
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::{conn::auto::Builder, graceful::GracefulShutdown},
    service::TowerToHyperService,
};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::TcpListener,
    time::{Instant, Sleep},
};
use tower::ServiceExt as _;
use tower_http::timeout::{RequestBodyDeadlineLayer, TimeoutLayer};

use crate::ServerError;

/// How long a client may take over each part of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// From connecting (or the previous response) to the end of the request's headers.
    pub headers: Duration,
    /// From the headers to the end of the body.
    pub body: Duration,
    /// From the headers to the end of the answer.
    pub request: Duration,
}

impl Default for Limits {
    /// A person's browser sends a request in milliseconds; these leave room for a very slow
    /// link and none for a client that holds a connection open on purpose.
    fn default() -> Self {
        Limits { headers: Duration::from_secs(10), body: Duration::from_secs(10), request: Duration::from_secs(30) }
    }
}

/// How long in-flight requests may run once the server is asked to stop.
const DRAIN: Duration = Duration::from_secs(10);

/// Wraps `app` in the body deadline and the request timeout (both answered 408).
pub fn with_timeouts(app: Router, limits: Limits) -> Router {
    app.layer(RequestBodyDeadlineLayer::new(limits.body))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limits.request))
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets requests in flight finish
/// (for at most [`DRAIN`]).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    // HTTP/1.1 only: browsers speak it over plain HTTP, and a proxy in front speaks HTTP/2 to
    // them. Guessing the version would first wait for bytes with no time limit at all.
    let mut builder = Builder::new(TokioExecutor::new()).http1_only();
    builder.http1().timer(TokioTimer::new()).header_read_timeout(limits.headers);
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(connection) => connection,
                // Out of file descriptors, or a connection reset before it was accepted: the
                // listener is fine, try again shortly.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        // The client's address, for the rate limit (see `api::client`).
        let service = app.clone().layer(Extension(ConnectInfo::<SocketAddr>(peer)));
        let service = TowerToHyperService::new(
            service.map_request(|request: Request<hyper::body::Incoming>| request.map(Body::new)),
        );
        let io = TokioIo::new(Idle::new(stream, limits.headers));
        let connection = builder.serve_connection_with_upgrades(io, service).into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away mid-request is no error of ours.
            let _ = connection.await;
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
    Ok(())
}

/// A connection that fails once no byte has moved either way for `limit`. hyper's header
/// timeout starts only with the first byte of a request, so a client that connects and sends
/// nothing (or goes quiet after a response) would otherwise stay for ever.
struct Idle<T> {
    io: T,
    deadline: Pin<Box<Sleep>>,
    limit: Duration,
}

impl<T> Idle<T> {
    fn new(io: T, limit: Duration) -> Self {
        Idle { io, deadline: Box::pin(tokio::time::sleep(limit)), limit }
    }

    /// Something moved: the connection is busy until `limit` from now.
    fn moved(&mut self) {
        self.deadline.as_mut().reset(Instant::now() + self.limit);
    }

    /// `Pending` unless the connection has been quiet too long.
    fn poll_quiet<R>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<R>> {
        self.deadline
            .as_mut()
            .poll(cx)
            .map(|()| Err(io::Error::new(io::ErrorKind::TimedOut, "the connection was idle too long")))
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Idle<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.io).poll_read(cx, buf) {
            Poll::Ready(result) => {
                if buf.filled().len() > before {
                    self.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => self.poll_quiet(cx),
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Idle<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.io).poll_write(cx, data) {
            Poll::Ready(result) => {
                if result.is_ok() {
                    self.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => self.poll_quiet(cx),
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.io).poll_write_vectored(cx, bufs) {
            Poll::Ready(result) => {
                if result.is_ok() {
                    self.moved();
                }
                Poll::Ready(result)
            }
            Poll::Pending => self.poll_quiet(cx),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}
