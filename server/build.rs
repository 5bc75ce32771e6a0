//! Build script: the privacy policy's version, read from the site's privacy page with the
//! content compiler (as the app reads it), so that the inbox checks every consent record
//! against the policy the form showed.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("../src/content");
    println!("cargo::rerun-if-changed={}", dir.display());
    let sources = groups_content::read_sources(&dir).unwrap_or_else(|e| panic!("{e}"));
    let version = groups_content::policy_version(&sources).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("terms.rs");
    fs::write(
        out,
        format!(
            "/// The privacy policy's version, from its page.\npub const PRIVACY_POLICY_VERSION: &str = {version:?};\n"
        ),
    )
    .expect("OUT_DIR is writable");
}
