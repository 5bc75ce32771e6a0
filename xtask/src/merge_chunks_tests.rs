//! Tests of `tools/merge-chunks.py`, the release build's merge of split chunks (run by
//! `tools/split-wasm.sh`): real wasm modules made by binaryen from text, merged by the script
//! as the build runs it, and its loader read back by the same parser `cargo xtask size` uses.
//! The end-to-end tests then load the real merged build in Chromium.

use std::{fs, path::Path, process::Command};

use crate::{paths, size::parse_loader};

/// A chunk as wasm-split-cli writes one: the main module's memory, table and stack pointer
/// imported, its functions put into the table by an element segment, its data at a fixed
/// address.
fn chunk(slot: u32, address: u32, data: &str) -> String {
    format!(
        r#"(module
 (import "__wasm_split" "memory" (memory $m 1))
 (import "__wasm_split" "__indirect_function_table" (table $t 64 funcref))
 (import "__wasm_split" "__wasm_split_shared0" (global $sp (mut i32)))
 (data (i32.const {address}) "{data}")
 (elem (i32.const {slot}) $f)
 (func $f (param $0 i32)
  (global.set $sp (i32.sub (global.get $sp) (local.get $0)))
  (memory.copy (local.get $0) (i32.const {address}) (i32.const 4))
  (call_indirect $t (param i32) (local.get $0) (i32.const 0))))"#
    )
}

/// A chunk's declaration in the splitter's loader, after a comment naming the views that
/// need it (shortened: only what the build and `parse_loader` read).
fn declared_chunk(n: u32, views: &str) -> String {
    format!(
        "/* {views} */\nconst __chunk_{n} = makeLoad(() => {{\n    const src = fetch(new URL(\"./chunk_{n}.wasm\", \
         import.meta.url));\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n, []);\n"
    )
}

/// A lazy view's loader in the splitter's loader, with the chunks it needs.
fn declared_view(view: &str, deps: &str) -> String {
    format!(
        "export const __wasm_split_load_{view} = wrapAsyncCb(makeLoad(() => {{\n    const src = fetch(new \
         URL(\"./split_{view}.wasm\", import.meta.url));\n}}\n, [{deps}]));\n"
    )
}

/// The splitter's loader for chunks 3 to 6 and views x, y and z.
fn loader() -> String {
    [
        "import { initSync } from \"./app.js\";\n".to_string(),
        declared_chunk(3, "x_view_1, z_view_3"),
        declared_chunk(4, "y_view_2, z_view_3"),
        declared_chunk(5, "x_view_1, z_view_3"),
        declared_chunk(6, "x_view_1, y_view_2, z_view_3"),
        declared_view("x_view_1", "__chunk_3, __chunk_5, __chunk_6"),
        declared_view("y_view_2", "__chunk_4, __chunk_6"),
        declared_view("z_view_3", "__chunk_3, __chunk_4, __chunk_5, __chunk_6"),
    ]
    .concat()
}

/// binaryen's tools (wasm-opt, wasm-merge, wasm-dis) as setup installs them, or None when
/// they are missing outside `cargo xtask test`.
fn binaryen() -> Option<std::path::PathBuf> {
    let bin = paths::node_tools().join("node_modules").join(".bin");
    if bin.join("wasm-merge").exists() {
        return Some(bin);
    }
    assert!(std::env::var_os("GROUPS_REQUIRE_TOOLS").is_none(), "no binaryen in {}", bin.display());
    eprintln!("skipped: no binaryen in {} (cargo xtask setup installs it)", bin.display());
    None
}

fn run(bin: &Path, command: &mut Command) -> String {
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = command.env("PATH", path).output().expect("the tool runs");
    assert!(out.status.success(), "{command:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Makes chunk `n` of the fixture in `dir` (with a name section, and a function name long
/// enough to pass the size limit only with it, when `names`).
fn make_chunk(bin: &Path, dir: &Path, n: u32, slot: u32, address: u32, data: &str, names: bool) {
    let wat = dir.join(format!("chunk_{n}.wat"));
    let text = chunk(slot, address, data);
    let text = if names { text.replace("$f", &format!("$f_{}", "long".repeat(100))) } else { text };
    fs::write(&wat, text).unwrap();
    let mut opt = Command::new("wasm-opt");
    opt.args(["--enable-bulk-memory", "--emit-target-features"])
        .arg(&wat)
        .arg("-o")
        .arg(dir.join(format!("chunk_{n}.wasm")));
    if names {
        opt.arg("-g");
    }
    run(bin, &mut opt);
    fs::remove_file(&wat).unwrap();
}

fn merge(bin: &Path, dir: &Path, names: bool) -> String {
    let mut command = Command::new("python3");
    command.arg(paths::root().join("tools/merge-chunks.py")).arg(dir).arg(dir.join("__wasm_split.js")).arg("300");
    if names {
        command.arg("-g");
    }
    run(bin, &mut command)
}

fn wasm_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".wasm"))
        .collect();
    files.sort();
    files
}

/// Chunks 3 and 4 are under 300 bytes as shipped; then the merged pair is needed by every
/// view, as chunk 6 is, so chunk 6 takes them in. Chunk 5 (views x and z only) stays.
fn merges_the_fixture(names: bool) {
    let Some(bin) = binaryen() else { return };
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(600);
    for (n, slot, address, data) in
        [(3, 10, 1000, "aaaa"), (4, 11, 2000, "bbbb"), (5, 12, 3000, &*long), (6, 13, 5000, &*long)]
    {
        make_chunk(&bin, dir.path(), n, slot, address, data, names);
    }
    if names {
        assert!(fs::metadata(dir.path().join("chunk_3.wasm")).unwrap().len() > 300, "the names make it larger");
    }
    fs::write(dir.path().join("__wasm_split.js"), loader()).unwrap();

    let printed = merge(&bin, dir.path(), names);
    assert_eq!(printed.trim(), dir.path().join("chunk_6.wasm").display().to_string(), "the merged chunk, to optimise");
    assert_eq!(wasm_files(dir.path()), ["chunk_5.wasm", "chunk_6.wasm"]);

    let text = fs::read_to_string(dir.path().join("__wasm_split.js")).unwrap();
    let views = parse_loader(&text).unwrap();
    let files = |v: &str| views[v].iter().map(String::as_str).collect::<Vec<_>>();
    assert_eq!(files("x_view"), ["chunk_5.wasm", "chunk_6.wasm", "split_x_view_1.wasm"]);
    assert_eq!(files("y_view"), ["chunk_6.wasm", "split_y_view_2.wasm"]);
    assert_eq!(files("z_view"), ["chunk_5.wasm", "chunk_6.wasm", "split_z_view_3.wasm"]);
    // Each view names the merged chunk once, and it is declared before its first use.
    assert!(text.contains("\n, [__chunk_6, __chunk_5]));"), "{text}");
    assert!(text.contains("/* x_view_1, y_view_2, z_view_3 */\nconst __chunk_6 = makeLoad"), "{text}");
    assert!(text.find("const __chunk_6 =") < text.find("const __chunk_5 ="), "{text}");
    assert!(!text.contains("chunk_3") && !text.contains("chunk_4") && !text.contains("chunk_small"), "{text}");

    // One module that imports each of the main module's things once and installs all three
    // chunks: their table slots and their data. It keeps its features section for the
    // build's wasm-opt; the chunk left alone has lost its own.
    let merged = run(&bin, Command::new("wasm-dis").arg(dir.path().join("chunk_6.wasm")));
    for import in ["\"memory\"", "\"__indirect_function_table\"", "\"__wasm_split_shared0\""] {
        assert_eq!(merged.matches(import).count(), 1, "{import} in\n{merged}");
    }
    for segment in ["(i32.const 10)", "(i32.const 11)", "(i32.const 13)", "\"aaaa\"", "\"bbbb\"", "\"xxxxxxxx"] {
        assert!(merged.contains(segment), "{segment} in\n{merged}");
    }
    assert!(!merged.contains("(i32.const 12)"), "chunk 5 was merged too:\n{merged}");
    assert!(merged.contains(";; features section"), "{merged}");
    let left = run(&bin, Command::new("wasm-dis").arg(dir.path().join("chunk_5.wasm")));
    assert!(!left.contains(";; features section") && left.contains("(i32.const 12)"), "{left}");
}

#[test]
fn small_chunks_and_the_chunk_the_same_views_need_become_one_file() {
    merges_the_fixture(false);
}

#[test]
fn the_build_with_names_merges_the_same_chunks() {
    merges_the_fixture(true);
}

#[test]
fn nothing_is_merged_when_no_two_chunks_qualify() {
    let Some(bin) = binaryen() else { return };
    let dir = tempfile::tempdir().unwrap();
    // A small chunk alone, and a large one that other views need.
    make_chunk(&bin, dir.path(), 3, 10, 1000, "aaaa", false);
    make_chunk(&bin, dir.path(), 4, 11, 2000, &"x".repeat(600), false);
    let loader = [
        declared_chunk(3, "x_view_1"),
        declared_chunk(4, "y_view_2"),
        declared_view("x_view_1", "__chunk_3"),
        declared_view("y_view_2", "__chunk_4"),
    ]
    .concat();
    fs::write(dir.path().join("__wasm_split.js"), &loader).unwrap();

    assert_eq!(merge(&bin, dir.path(), false), "", "nothing merged");
    assert_eq!(fs::read_to_string(dir.path().join("__wasm_split.js")).unwrap(), loader);
    assert_eq!(wasm_files(dir.path()), ["chunk_3.wasm", "chunk_4.wasm"]);
    let small = run(&bin, Command::new("wasm-dis").arg(dir.path().join("chunk_3.wasm")));
    assert!(!small.contains(";; features section") && small.contains("\"aaaa\""), "{small}");
}
