//! A real SMTP relay for the tests: `tools/smtp_relay.py` (aiosmtpd, from the tools' Python
//! environment that `cargo xtask setup` makes) on 127.0.0.1, writing each message it accepts
//! to a file. It stops when dropped.

use base64::Engine as _;
use std::{
    io::{BufRead, BufReader},
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

pub struct Relay {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

impl Relay {
    /// Whether a relay can run here: the tools' Python environment exists. Without it a plain
    /// `cargo test` skips the mail tests with a message; `cargo xtask test` (which makes the
    /// environment) sets GROUPS_REQUIRE_TOOLS, and then its absence fails them.
    pub fn available() -> bool {
        let python = root().join("tools/venv/bin/python");
        if python.is_file() {
            return true;
        }
        assert!(
            std::env::var_os("GROUPS_REQUIRE_TOOLS").is_none(),
            "no {}: `cargo xtask setup` makes the tools' Python environment",
            python.display()
        );
        eprintln!("skipped: no mail relay without {} (run `cargo xtask setup`)", python.display());
        false
    }

    /// Starts a relay on `port`, or on a free one; `None` when none can run here.
    pub fn start(port: Option<u16>) -> Option<Relay> {
        if !Self::available() {
            return None;
        }
        let python = root().join("tools/venv/bin/python");
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(python)
            .arg(root().join("tools/smtp_relay.py"))
            .arg(dir.path())
            .arg(port.unwrap_or(0).to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the relay starts");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
        let port = line
            .trim()
            .strip_prefix("listening on ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the relay said {line:?}"));
        Some(Relay { child, port, dir })
    }

    /// `smtp://127.0.0.1:PORT`: a plain relay, accepted on loopback.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, as received, oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        files.sort();
        files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
    }

    /// Waits (up to 20 s) until `count` messages have arrived; returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(Instant::now() < deadline, "{} of {count} messages arrived: {messages:#?}", messages.len());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A header's value in a received message (the first), unfolded.
pub fn header(message: &str, name: &str) -> Option<String> {
    let head = message.split("\r\n\r\n").next().unwrap_or(message);
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    unfolded.lines().find_map(|l| {
        let (key, value) = l.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
    })
}

/// A header's value with its RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`)
/// decoded: a subject as the reader's mail program shows it.
pub fn decoded_header(message: &str, name: &str) -> Option<String> {
    let value = header(message, name)?;
    let mut out = String::new();
    let mut words = value.split(' ').peekable();
    while let Some(word) = words.next() {
        match word.strip_prefix("=?").and_then(|w| w.strip_suffix("?=")).and_then(|w| {
            let mut parts = w.splitn(3, '?');
            Some((parts.next()?, parts.next()?, parts.next()?))
        }) {
            Some((_charset, encoding, text)) => {
                let bytes = if encoding.eq_ignore_ascii_case("b") {
                    base64::engine::general_purpose::STANDARD.decode(text).ok()?
                } else {
                    unquote(&text.replace('_', " "))
                };
                out.push_str(&String::from_utf8_lossy(&bytes));
                // Spaces between two encoded words are not part of the text.
                if !words.peek().is_some_and(|next| next.starts_with("=?")) && words.peek().is_some() {
                    out.push(' ');
                }
            }
            None => {
                out.push_str(word);
                if words.peek().is_some() {
                    out.push(' ');
                }
            }
        }
    }
    Some(out)
}

/// Quoted-printable undone.
fn unquote(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'=' && i + 2 < bytes.len() && hex(bytes[i + 1]).is_some() && hex(bytes[i + 2]).is_some() {
            out.push((hex(bytes[i + 1]).unwrap() * 16 + hex(bytes[i + 2]).unwrap()) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// A message's body, quoted-printable or base64 undone where lettre used them.
pub fn body(message: &str) -> String {
    let body = message.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let encoding = header(message, "Content-Transfer-Encoding").unwrap_or_default();
    if encoding.eq_ignore_ascii_case("base64") {
        let joined: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD.decode(joined).unwrap_or_default();
        return String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    }
    if header(message, "Content-Transfer-Encoding").is_some_and(|e| e.eq_ignore_ascii_case("quoted-printable")) {
        let out = unquote(&body.replace("=\r\n", ""));
        String::from_utf8_lossy(&out).replace("\r\n", "\n")
    } else {
        body.replace("\r\n", "\n")
    }
}
