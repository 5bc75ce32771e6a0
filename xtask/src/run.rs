//! `cargo xtask run`: set up, build the release site, and serve it with the inbox.

use anyhow::Result;

use crate::{process, setup, site};

pub fn run(addr: &str) -> Result<()> {
    setup::setup()?;
    site::build_release()?;
    // Release build of the server: it is what would be deployed, and it starts at once.
    process::run(process::command("cargo").args([
        "run",
        "--release",
        "--package",
        "groups-server",
        "--",
        "serve",
        "--addr",
        addr,
        "--dist",
        "dist",
        "--db",
        "var/requests.db",
    ]))
}
