//! `cargo xtask setup`: installs exactly what is missing, at pinned versions, and does nothing
//! (quickly) when everything is already there.

use std::{
    fs,
    path::Path,
    process::{Command, Stdio},
};

use anyhow::{bail, Context, Result};

use crate::{paths, process};

/// Trunk 0.22 needs a newer Rust than this project's 1.95.
const TRUNK_VERSION: &str = "0.21.14";
/// The wasm splitter of the release build (`tools/split-wasm.sh`), crate and binary. It must
/// read the split format of the `wasm_split_helpers` that leptos brings (0.2.3); of the CLI
/// versions that do, 0.2.2 builds chunks that trap ("function signature mismatch") and 0.2.4
/// works. (The registry's package called `wasm-split-cli` is another project's tool.)
const WASM_SPLIT_CRATE: &str = "wasm_split_cli_support";
const WASM_SPLIT_VERSION: &str = "0.2.4";
const WASM_SPLIT_BIN: &str = "wasm-split-cli";
/// The oldest binaryen whose wasm-opt output the browsers accept (Debian's 108 is broken).
const MIN_BINARYEN: u32 = 116;
/// twiggy, for `cargo xtask size --why` only.
const TWIGGY_VERSION: &str = "0.8.0";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub fn setup() -> Result<()> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_split()?;
    ensure_python()?;
    ensure_node_tools()?;
    ensure_chromium()?;
    ensure_java()?;
    crate::python::ensure()?;
    eprintln!("xtask: setup complete");
    Ok(())
}

/// The path of ChromeDriver, for the tests.
pub fn chromedriver() -> &'static str {
    CHROMEDRIVER
}

fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    if let Ok(out) = installed {
        if String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
            return Ok(());
        }
    }
    process::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_trunk() -> Result<()> {
    if process::version_line("trunk").as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    process::run(process::command("cargo").args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]))
}

/// wasm-bindgen-cli must equal the `wasm-bindgen` crate in Cargo.lock exactly. Installed
/// without `--locked`: its own lockfile wants a crate version this registry does not have.
fn ensure_wasm_bindgen() -> Result<()> {
    let lock = fs::read_to_string(paths::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let version = locked_version(&lock, "wasm-bindgen").context("no wasm-bindgen in Cargo.lock")?;
    let wanted = format!("wasm-bindgen {version}");
    if process::version_line("wasm-bindgen").as_deref() == Some(&wanted)
        && process::version_line("wasm-bindgen-test-runner").is_some()
    {
        return Ok(());
    }
    process::run(process::command("cargo").args(["install", "wasm-bindgen-cli", "--version", &format!("={version}")]))
}

/// The splitter has no `--version`: cargo's list of installed crates says which version put
/// the binary there, and the binary must be the one on the project's PATH.
fn ensure_wasm_split() -> Result<()> {
    let list =
        process::command("cargo").args(["install", "--list"]).output().context("running cargo install --list")?;
    let installed = installed_version(&String::from_utf8_lossy(&list.stdout), WASM_SPLIT_CRATE);
    let on_path = process::command(WASM_SPLIT_BIN).arg("--help").stdout(Stdio::null()).stderr(Stdio::null()).status();
    if installed.as_deref() == Some(WASM_SPLIT_VERSION) && on_path.is_ok_and(|s| s.success()) {
        return Ok(());
    }
    process::run(process::command("cargo").args([
        "install",
        "--locked",
        WASM_SPLIT_CRATE,
        "--version",
        &format!("={WASM_SPLIT_VERSION}"),
        "--features",
        "build-binary",
    ]))
}

/// twiggy, which `cargo xtask size --why` reads the wasm with (only that command needs it, so
/// `setup` leaves it out).
pub fn ensure_twiggy() -> Result<()> {
    if process::version_line("twiggy").as_deref() == Some(&format!("twiggy-opt {TWIGGY_VERSION}")) {
        return Ok(());
    }
    process::run(process::command("cargo").args([
        "install",
        "--locked",
        "twiggy",
        "--version",
        &format!("={TWIGGY_VERSION}"),
    ]))
}

/// The split hook (`tools/split-wasm.sh`) reads cargo's metadata, checks Trunk's hash and
/// rewrites index.html with Python 3's standard library.
fn ensure_python() -> Result<()> {
    if process::version_line("python3").is_some() {
        return Ok(());
    }
    bail!("python3 is missing: install Python 3 (Debian: apt-get install python3)")
}

/// The version of `krate` in `cargo install --list` output (`name v1.2.3:` lines).
pub fn installed_version(list: &str, krate: &str) -> Option<String> {
    list.lines().find_map(|line| {
        let rest = line.strip_prefix(krate)?.strip_prefix(" v")?;
        Some(rest.split([':', ' ']).next()?.to_string())
    })
}

/// npm helpers (wasm-opt from binaryen, esbuild, axe-core) into `tools/node_modules`, from the
/// committed lockfile; skipped when that lockfile is what was installed last time.
fn ensure_node_tools() -> Result<()> {
    let dir = paths::node_tools();
    let lock = fs::read(dir.join("package-lock.json")).context("reading tools/package-lock.json")?;
    let stamp = dir.join("node_modules").join(".installed-lock.json");
    if fs::read(&stamp).ok().as_deref() != Some(lock.as_slice()) {
        if process::version_line("npm").is_none() {
            bail!("npm is missing: install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)");
        }
        process::run(process::command("npm").args(["ci", "--no-audit", "--no-fund", "--prefix"]).arg(&dir))?;
        fs::write(&stamp, &lock).context("writing the npm install stamp")?;
    }
    let line = process::version_line("wasm-opt").unwrap_or_default();
    match binaryen_version(&line) {
        Some(v) if v >= MIN_BINARYEN => Ok(()),
        _ => bail!("wasm-opt on PATH is `{line}`; binaryen {MIN_BINARYEN} or newer is required"),
    }
}

fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    apt_install(&["chromium", "chromium-driver"])
}

/// Java, which runs the Nu Html Checker (vnu.jar) in the end-to-end tests.
fn ensure_java() -> Result<()> {
    if Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success()) {
        return Ok(());
    }
    apt_install(&["default-jre-headless"])
}

/// Installs Debian packages with apt-get when running as root; otherwise says what to install.
pub fn apt_install(packages: &[&str]) -> Result<()> {
    if !is_root() {
        bail!(
            "this needs Debian's package(s) {list}: install them (as root: apt-get install {list}), then run this again",
            list = packages.join(" ")
        );
    }
    process::run(Command::new("apt-get").arg("update"))?;
    process::run(
        Command::new("apt-get")
            .args(["install", "-y", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// The version of `package` recorded in a Cargo.lock.
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            let version = lines.next()?.trim();
            return version.strip_prefix("version = \"")?.strip_suffix('"').map(str::to_string);
        }
    }
    None
}

/// The binaryen release number in `wasm-opt --version` output ("wasm-opt version 132 (...)").
pub fn binaryen_version(line: &str) -> Option<u32> {
    line.strip_prefix("wasm-opt version ")?.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_package_version_from_a_lockfile() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(lock, "leptos"), None);
    }

    #[test]
    fn the_real_lockfile_pins_wasm_bindgen() {
        let lock = fs::read_to_string(paths::root().join("Cargo.lock")).unwrap();
        assert!(locked_version(&lock, "wasm-bindgen").is_some());
    }

    #[test]
    fn reads_an_installed_crate_version() {
        let list = "trunk v0.21.14:\n    trunk\nwasm_split_cli_support v0.2.4:\n    wasm-split-cli\n\
                    wasm_split_cli_support_extra v9.0.0:\n    other\n";
        assert_eq!(installed_version(list, "wasm_split_cli_support").as_deref(), Some("0.2.4"));
        assert_eq!(installed_version(list, "trunk").as_deref(), Some("0.21.14"));
        assert_eq!(installed_version(list, "wasm-bindgen-cli"), None);
        let local = "groups-server v0.1.0 (/work/server):\n    groups-server\n";
        assert_eq!(installed_version(local, "groups-server").as_deref(), Some("0.1.0"));
    }

    #[test]
    fn reads_binaryen_versions() {
        assert_eq!(binaryen_version("wasm-opt version 132 (version_132)"), Some(132));
        assert_eq!(binaryen_version("wasm-opt version 108"), Some(108));
        assert_eq!(binaryen_version("wasm-opt version 116 (version_116-1-g1234)"), Some(116));
        assert_eq!(binaryen_version("something else"), None);
    }
}
