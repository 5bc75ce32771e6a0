//! Build script: fixes, at build time, what a consent record is checked against, so the form
//! and the inbox can never disagree:
//! - the privacy policy's version, read from the privacy page itself (one source of truth);
//! - the consent text (`consent.txt`, lines joined with spaces) and its SHA-256.

use std::{env, fs, path::Path};

use sha2::{Digest, Sha256};

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).to_path_buf();
    let page = root.join("../src/content/privacy.md");
    let consent = root.join("consent.txt");
    println!("cargo::rerun-if-changed={}", page.display());
    println!("cargo::rerun-if-changed={}", consent.display());

    let text =
        fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: cannot read the privacy page: {e}", page.display()));
    let parsed = groups_content::parse_page("src/content/privacy.md", &text).unwrap_or_else(|d| panic!("{d}"));
    let version = parsed.front.version.unwrap_or_else(|| {
        panic!("src/content/privacy.md: the privacy page needs a `version:` line (consent records carry it)")
    });

    let consent_text = fs::read_to_string(&consent)
        .unwrap_or_else(|e| panic!("{}: cannot read the consent text: {e}", consent.display()))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let digest = Sha256::digest(consent_text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();

    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("consent.rs");
    fs::write(
        out,
        format!(
            "/// The privacy page's `version`.\npub const PRIVACY_POLICY_VERSION: &str = {version:?};\n\
             /// The consent text exactly as shown beside the consent box.\npub const CONSENT_TEXT: &str = {consent_text:?};\n\
             /// SHA-256 of [`CONSENT_TEXT`] in lowercase hex.\npub const CONSENT_TEXT_SHA256: &str = {hex:?};\n"
        ),
    )
    .expect("OUT_DIR is writable");
}
