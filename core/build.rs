//! Build script: fixes, at build time, the consent text a consent record is checked against
//! (`consent.txt`, lines joined with spaces) and its SHA-256, so the form and the inbox can
//! never disagree. The privacy policy's version is not read here: see `src/consent.rs`.

use std::{env, fs, path::Path};

use sha2::{Digest, Sha256};

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).to_path_buf();
    let consent = root.join("consent.txt");
    println!("cargo::rerun-if-changed={}", consent.display());

    let consent_text = fs::read_to_string(&consent)
        .unwrap_or_else(|e| panic!("{}: cannot read the consent text: {e}", consent.display()))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let hex: String = Sha256::digest(consent_text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();

    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("consent.rs");
    fs::write(
        out,
        format!(
            "/// The consent text exactly as shown beside the consent box.\npub const CONSENT_TEXT: &str = {consent_text:?};\n\
             /// SHA-256 of [`CONSENT_TEXT`] in lowercase hex.\npub const CONSENT_TEXT_SHA256: &str = {hex:?};\n"
        ),
    )
    .expect("OUT_DIR is writable");
}
