//! Errors that stop the server, each with a message that says what to do about it.

use std::{net::SocketAddr, path::PathBuf};

/// Why the server could not start or keep running.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(
        "no built site at {dist}: `{index}` is missing.\n\
         Build it first with `cargo xtask run` (which builds and serves), \
         or `trunk build --release`, or point --dist at a built site."
    )]
    MissingDist { dist: PathBuf, index: PathBuf },

    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },

    #[error(
        "cannot listen on {addr}: {source}.\n\
         Is another server already using that port? Stop it, or choose another address with --addr."
    )]
    Bind { addr: SocketAddr, source: std::io::Error },

    #[error("the server stopped: {0}")]
    Serve(std::io::Error),

    #[error(
        "the request database {db} is inside the served site {dist}: anyone could download it.\n\
         Keep it outside, for example with --db var/requests.db."
    )]
    DatabaseInSite { db: PathBuf, dist: PathBuf },

    #[error("{0}")]
    Store(#[from] crate::store::StoreError),

    #[error("no request with the reference {0}: `groups-server requests list` shows them all")]
    NoSuchRequest(String),

    /// A staff command that cannot be done, with a sentence saying why and what to do.
    #[error("{0}")]
    Refused(String),
}

impl ServerError {
    /// The process exit code: 2 for a problem with what the server was given, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            ServerError::MissingDist { .. } | ServerError::Read { .. } | ServerError::DatabaseInSite { .. } => 2,
            ServerError::Bind { .. }
            | ServerError::Serve(_)
            | ServerError::Store(_)
            | ServerError::NoSuchRequest(_)
            | ServerError::Refused(_) => 1,
        }
    }
}
