//! A `groups-server` started for one command (Lighthouse, the load test, Schemathesis): on a
//! free loopback port, serving a given site, with its database and directory in a folder of
//! its own; stopped when dropped.

use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
};

use anyhow::{Context, Result};

/// Options that lift the rate limit, for commands that measure or fuzz the server, not the
/// limit (`--rate-limit-burst` and `--rate-limit-period` are documented in the README).
pub const NO_RATE_LIMIT: &[&str] = &["--rate-limit-burst", "1000000", "--rate-limit-period", "0.001"];

pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
    state: tempfile::TempDir,
}

impl Server {
    /// Starts `binary serve` on the site in `dist`, with `options` added.
    pub fn start(binary: &Path, dist: &Path, options: &[&str]) -> Result<Server> {
        let state = tempfile::tempdir()?;
        let mut child = Command::new(binary)
            .args(["serve", "--addr", "127.0.0.1:0"])
            // The groups' calendar feeds are on the internet: a measurement or a test never
            // fetches them (the served directory would send it to meetup.com).
            .args(["--meetings-refresh", "0"])
            .args(options)
            .arg("--dist")
            .arg(dist)
            .arg("--db")
            .arg(state.path().join("var/requests.db"))
            .arg("--groups")
            .arg(state.path().join("var/groups.json"))
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let mut first = String::new();
        BufReader::new(child.stdout.take().context("its output")?).read_line(&mut first)?;
        // "groups-server: serving … at http://127.0.0.1:PORT/, …"
        let base = first
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .map(|url| url.trim_end_matches(',').trim_end_matches('/').to_owned());
        let Some(base) = base else {
            let _ = child.kill();
            let _ = child.wait();
            anyhow::bail!("groups-server did not say where it listens: {first:?}");
        };
        Ok(Server { child, base, state })
    }

    /// The request database it writes (still there after [`Server::stop`]).
    pub fn db(&self) -> PathBuf {
        self.state.path().join("var/requests.db")
    }

    /// The directory it writes after each change (`--groups`).
    pub fn groups(&self) -> PathBuf {
        self.state.path().join("var/groups.json")
    }

    /// Stops the server, keeping its files until it is dropped.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}
