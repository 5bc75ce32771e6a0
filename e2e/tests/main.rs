//! End-to-end tests: `groups-server` serves the release build in `dist/` on a free 127.0.0.1
//! port, and headless Chromium, driven through ChromeDriver, uses it as a person would.
//!
//! Build the site first (`cargo xtask test` does): these tests exercise exactly what ships.

#![cfg(not(target_arch = "wasm32"))]

mod approval;
mod content;
mod content_texts;
mod directory;
mod every_language;
mod fault_proxy;
mod harness;
mod interest;
mod languages;
mod mail;
mod map_visit;
mod markup;
mod meetings;
mod near;
mod near_form;
mod new_group;
mod organisers;
mod prerendered;
// The server's tests' feed server (a calendar feed on loopback, scripted per path) and mail
// relay (aiosmtpd on loopback, each message kept as received).
use groups_testkit::{feed_server, relay};
mod routes;
mod shell;
mod support;
mod translated;
mod visitor;
mod visits;
