//! `cargo xtask size --why`: where the bytes of every wasm file of the split site are, and
//! why they are there.
//!
//! The shipped build strips the wasm's name section, so this one builds the same site again
//! into `target/why-dist/` with names kept (`SPLIT_WASM_NAMES=1` makes the split hook pass
//! `-g` to wasm-opt, which keeps names without changing the code) and reads each file with
//! twiggy. Every function and data segment is attributed to the crate its name starts with:
//! a generic function of a library counts for that library, even when it was instantiated
//! for the app's own types. A shared chunk is there because the views that load it (from the
//! split loader) all use what it holds.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::{
    paths, process, setup, site,
    size::{self, kb, short},
};

/// Functions and data listed per file, largest first.
const TOP_ITEMS: usize = 8;
/// Crates listed per page.
const TOP_CRATES: usize = 12;
/// Files smaller than this (optimised, without names) get no item list.
const LISTED_FILE: u64 = 8 * 1024;

/// One row of `twiggy top -f json`.
#[derive(Deserialize)]
struct Item {
    name: String,
    shallow_size: u64,
}

/// One wasm file: its items without the name section (which the shipped file does not have).
struct File {
    name: String,
    items: Vec<Item>,
}

impl File {
    fn size(&self) -> u64 {
        self.items.iter().map(|i| i.shallow_size).sum()
    }

    /// Bytes per crate (see [`owner`]), largest first.
    fn by_crate(&self) -> Vec<(String, u64)> {
        let mut crates: BTreeMap<String, u64> = BTreeMap::new();
        for item in &self.items {
            *crates.entry(owner(&item.name)).or_default() += item.shallow_size;
        }
        largest_first(crates)
    }
}

/// Builds the named site and prints, per page, the crates holding its wasm; per file, who
/// loads it, its crates and its largest functions and data.
pub fn why() -> Result<()> {
    setup::ensure_twiggy()?;
    let dir = paths::root().join("target").join("why-dist");
    site::build_split(&dir, &[("SPLIT_WASM_NAMES", "1")])?;
    let files = read_files(&dir)?;
    let loader = fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(size::LOADER_PREFIX)))
        .context("no split loader in the named build")?;
    let views = size::parse_loader(&fs::read_to_string(&loader)?)?;
    let main = files.iter().find(|f| f.name.ends_with("_bg.wasm")).context("no main module")?;

    println!("Where the wasm's bytes are (optimised, without names; brotli shrinks each about 3×)");
    println!();
    let mut pages: Vec<(String, Vec<&File>)> = vec![("a content page (main module only)".into(), vec![main])];
    for (view, needed) in &views {
        let mut loaded = vec![main];
        loaded.extend(files.iter().filter(|f| needed.contains(&f.name)));
        pages.push((format!("{view} (main + {} chunks)", needed.len()), loaded));
    }
    for (page, loaded) in &pages {
        let mut crates: BTreeMap<String, u64> = BTreeMap::new();
        for file in loaded {
            for (krate, bytes) in file.by_crate() {
                *crates.entry(krate).or_default() += bytes;
            }
        }
        let total: u64 = crates.values().sum();
        println!("{page}: {}", kb(total));
        for (krate, bytes) in largest_first(crates).into_iter().take(TOP_CRATES) {
            println!("    {:<40} {:>10} {:>5.1}%", krate, kb(bytes), percent(bytes, total));
        }
    }

    println!();
    println!("Per file: who loads it, its crates, its largest items");
    for file in &files {
        let users: BTreeSet<&str> =
            views.iter().filter(|(_, needed)| needed.contains(&file.name)).map(|(v, _)| v.as_str()).collect();
        let users = if file.name.ends_with("_bg.wasm") {
            "every page".to_string()
        } else {
            users.into_iter().collect::<Vec<_>>().join(", ")
        };
        println!();
        println!("{} {}, loaded by: {users}", short(&file.name), kb(file.size()));
        let crates: Vec<String> =
            file.by_crate().into_iter().take(6).map(|(k, b)| format!("{k} {:.0}%", percent(b, file.size()))).collect();
        println!("    crates: {}", crates.join(", "));
        if file.size() >= LISTED_FILE {
            for item in file.items.iter().take(TOP_ITEMS) {
                println!("    {:>10}  {}", kb(item.shallow_size), clip(&item.name, 110));
            }
        }
    }
    Ok(())
}

fn read_files(dir: &Path) -> Result<Vec<File>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let output = process::command("twiggy")
            .args(["top", "-f", "json", "-n", "1000000"])
            .arg(&path)
            .output()
            .with_context(|| format!("running twiggy on {}", path.display()))?;
        let mut items: Vec<Item> = if output.status.success() {
            serde_json::from_slice(&output.stdout)
                .with_context(|| format!("reading twiggy's answer for {}", path.display()))?
        } else {
            // twiggy reads no module without code (a chunk of a few bytes of shared data).
            let why = String::from_utf8_lossy(&output.stderr).trim().to_string();
            vec![Item { name: format!("the whole file (twiggy: {why})"), shallow_size: fs::metadata(&path)?.len() }]
        };
        items.retain(|i| !is_name_section(&i.name));
        items.sort_by_key(|i| std::cmp::Reverse(i.shallow_size));
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        files.push(File { name, items });
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.size()));
    Ok(files)
}

/// The name section's parts, which the shipped files do not have.
fn is_name_section(item: &str) -> bool {
    item.ends_with(" names\" subsection") || item == "custom section 'name' headers"
}

/// Rust's primitive types, whose methods are `std`'s.
const PRIMITIVES: &[&str] = &[
    "str", "char", "bool", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    "f32", "f64",
];

/// Whom an item's bytes are counted for: the crate its (demangled) name starts with, `std`
/// for Rust's own library, `static data` for data segments, `wasm` for the module's imports,
/// tables and headers, and `unnamed` for glue the tools generate without a name.
fn owner(item: &str) -> String {
    if item.starts_with("data segment") {
        return "static data".into();
    }
    if item.starts_with("code[") {
        return "unnamed (wasm-bindgen glue)".into();
    }
    // `<&mut serde_json::de::Deserializer<R> as …>::f`, `<impl tachys::…>`: the first path.
    let path = item.trim_start_matches(['<', '&', ' ']).trim_start_matches("mut ").trim_start_matches("dyn ");
    let path = path.strip_prefix("impl ").unwrap_or(path);
    // `<T as tachys::view::Render>::build`: a blanket impl counts for the trait's crate.
    let path = match path.split_once(" as ") {
        Some((ty, rest)) if !ty.contains("::") && !ty.contains('[') => rest,
        _ => path,
    };
    // `<str>::to_lowercase`, `<[T]>::sort`, `<f64 as Display>::fmt`: methods of Rust's own types.
    let head = path.split([':', '>', ' ']).next().unwrap_or_default();
    if head.starts_with('[') || PRIMITIVES.contains(&head) {
        return "std".into();
    }
    let Some((first, _)) = path.split_once("::") else {
        return "wasm (imports, tables, types)".into();
    };
    // `core[c5930c85a12de822]` → `core`.
    let krate = first.split('[').next().unwrap_or(first);
    if !krate.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || krate.is_empty() {
        return "wasm (imports, tables, types)".into();
    }
    match krate {
        "core" | "alloc" | "std" => "std".into(),
        _ => krate.into(),
    }
}

fn largest_first(map: BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut list: Vec<(String, u64)> = map.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_count_for_the_crate_their_name_starts_with() {
        assert_eq!(owner("leptos::mount::mount_to::h46a011ff0e1685f6"), "leptos");
        assert_eq!(
            owner("<&mut serde_json::de::Deserializer<R> as serde_core::de::Deserializer>::deserialize_seq"),
            "serde_json"
        );
        assert_eq!(owner("tachys::reactive_graph::<impl tachys::view::Render for F>::build::{{closure}}"), "tachys");
        assert_eq!(owner("core[c5930c85a12de822]::fmt::float::float_to_decimal_common_exact::<f64>"), "std");
        assert_eq!(owner("<str>::to_lowercase"), "std");
        assert_eq!(owner("<[T]>::sort_by::h12"), "std");
        assert_eq!(owner("<T as tachys::view::Render>::build::h12"), "tachys");
        assert_eq!(owner("<F as leptos_router::matching::choose_view::ChooseView>::choose"), "leptos_router");
        assert_eq!(owner("<u32 as core::fmt::Display>::fmt"), "std");
        assert_eq!(owner("<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<_>>::malloc"), "dlmalloc");
        assert_eq!(owner("data segment \".rodata_3\""), "static data");
        assert_eq!(owner("code[1943]"), "unnamed (wasm-bindgen glue)");
        assert_eq!(owner("elem[0]"), "wasm (imports, tables, types)");
    }

    #[test]
    fn the_name_section_is_left_out() {
        assert!(is_name_section("\"function names\" subsection"));
        assert!(is_name_section("custom section 'name' headers"));
        assert!(!is_name_section("data segment \".rodata\""));
    }
}
