//! End-to-end tests: `groups-server` serves the release build in `dist/` on a free 127.0.0.1
//! port, and headless Chromium, driven through ChromeDriver, uses it as a person would.
//!
//! Build the site first (`cargo xtask test` does): these tests exercise exactly what ships.

#![cfg(not(target_arch = "wasm32"))]

mod approval;
mod content;
mod directory;
mod fault_proxy;
// The server's tests' feed server: a calendar feed on loopback, scripted per path.
#[path = "../../server/tests/common/feeds.rs"]
mod feed_server;
mod harness;
mod mail;
mod markup;
mod meetings;
mod new_group;
mod organisers;
mod prerendered;
// The server's tests' mail relay: aiosmtpd on loopback, each message kept as received.
#[path = "../../server/tests/common/relay.rs"]
mod relay;
mod routes;
mod shell;
mod support;
mod visitor;
