//! Running other programs with the project's PATH, and reading their versions.

use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::paths;

/// A command that runs in the project root with the project's tools first on PATH.
pub fn command(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(paths::root()).env("PATH", paths::tool_path());
    cmd
}

/// Runs `cmd` with inherited output; fails naming the command when it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = describe(cmd);
    eprintln!("xtask: $ {shown}");
    let status = cmd.status().with_context(|| format!("cannot start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// The first line a tool prints for `--version`, or `None` when it is not installed.
pub fn version_line(program: &str) -> Option<String> {
    let output = command(program).arg("--version").stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout).lines().next().map(|l| l.trim().to_string())
}

fn describe(cmd: &Command) -> String {
    let mut text = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}
