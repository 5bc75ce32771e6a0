//! The reader against an independent one on real calendars from other tools: every test
//! calendar that icalendar and recurring-ical-events ship (in the tools' venv, pinned by
//! `cargo xtask setup`; none is copied here) is read by both, through
//! `tools/compare_calendars.py` and the `occurrences` tool, and must agree, except the
//! calendars listed with a reason in `known_differences.txt`. A regression fails this test,
//! and so does a listed calendar that now agrees (take it out of the list).
//!
//! Without the venv a plain `cargo test` skips it with a message; `cargo xtask test` (which
//! makes the venv) sets GROUPS_REQUIRE_TOOLS, and then its absence fails it.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The venv's Python when it has the reference reader, else `None` (or a failure when the
/// tools are required).
fn python() -> Option<PathBuf> {
    let python = root().join("tools/venv/bin/python");
    let ready = python.is_file()
        && Command::new(&python)
            .args(["-c", "import icalendar, recurring_ical_events"])
            .output()
            .is_ok_and(|o| o.status.success());
    if ready {
        return Some(python);
    }
    assert!(
        std::env::var_os("GROUPS_REQUIRE_TOOLS").is_none(),
        "no recurring-ical-events in {}: `cargo xtask setup` installs it",
        python.display()
    );
    eprintln!("skipped: no reference reader in {} (run `cargo xtask setup`)", python.display());
    None
}

#[test]
fn real_calendars_read_as_the_reference_reads_them() {
    let Some(python) = python() else { return };
    let out = Command::new(python)
        .arg(root().join("tools/compare_calendars.py"))
        .arg("--reader")
        .arg(env!("CARGO_BIN_EXE_occurrences"))
        .arg("--known")
        .arg(root().join("feeds/tests/known_differences.txt"))
        .output()
        .expect("the comparison runs");
    let report = String::from_utf8_lossy(&out.stdout);
    // The agreement figure, for whoever reads the test's output.
    eprintln!("{}", report.lines().rev().take_while(|l| !l.is_empty()).collect::<Vec<_>>().join("\n"));
    assert!(out.status.success(), "{report}\n{}", String::from_utf8_lossy(&out.stderr));
}
