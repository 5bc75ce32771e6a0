//! The portal's content compiler, run by the app's `build.rs`: markdown pages with front
//! matter become checked, safe HTML embedded in the wasm, so the browser never parses
//! markdown and a bad page fails the build instead of a visitor's page.
//!
//! Safety rules: raw HTML is shown as text; only http, https, mailto and relative URLs
//! survive, in every link form; external links get `rel="noopener noreferrer"`; internal links
//! (also those to the site's canonical origin) must lead to a real page.

mod codegen;
mod diagnostic;
mod front_matter;
mod links;
mod render;
mod site;
mod translations;

pub use codegen::to_rust;
pub use diagnostic::Diagnostic;
pub use front_matter::{parse as parse_page, FrontMatter, Parsed};
pub use links::{classify, LinkTarget};
pub use render::{render, Heading, InternalLink, Rendered};
pub use site::{compile, policy_version, read_sources, CompiledPage, Config, Source, DEFAULT_CANONICAL_ORIGIN};
pub use translations::{compile_translations, read_translations, Translation};
