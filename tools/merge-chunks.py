#!/usr/bin/env python3
"""Merges the split build's small chunks into one file, and drops what no browser reads.

Called by tools/split-wasm.sh (release builds) after wasm-split-cli has split the app and
wasm-opt has optimised each chunk. The splitter makes one chunk per set of lazy views that
share code, with no floor: 17 of its 36 chunks held under 1 KB (one function, or only a
string), and `/groups` fetched 24 chunks. Each is one request and one
`WebAssembly.instantiateStreaming` in the task that starts the page, and brotli packs a file
of 300 bytes badly. So:

1. every chunk under the size given joins one file, `chunk_small.wasm`: a page may fetch up to
   2 KB of others' small chunks with it, and saves up to ten requests;
2. if the views that need `chunk_small` are exactly those that need another chunk (the
   splitter gives no two chunks the same views, so there is at most one), the two become one
   file, named after the other: no page fetches a byte more;
3. the target features section (which features a module uses, about 150 bytes a file) is
   dropped from every chunk and view module: the merge was its last reader. A merged chunk
   keeps it for the build's `wasm-opt -Oz`, which drops it.

Why merging is safe: a chunk exports nothing, has no start function and imports only the main
module's memory, table and stack pointer (`__wasm_split`, checked here); it installs itself
with active element and data segments at places that the splitter reserved for it. So a
module holding several chunks installs each of them exactly as it would, and installing one
earlier than its view needs is harmless: only its own code reads those places.

How: binaryen's wasm-merge joins the chunks, but it keeps one import of each kind per chunk
(several memories). The text form is deduplicated here (one import per module and name, every
use renamed to it) and assembled again with wasm-opt. The loader (`__wasm_split.js`, the
splitter's) then declares the merged chunk where the first of its parts was, and each view's
dependency list names it once instead of its parts.

Usage: merge-chunks.py <split dir> <loader> <small: max bytes> [-g]
  -g keeps the name section (`cargo xtask size --why`; sizes are compared without it, so that
  build merges the same chunks). Tools from PATH, or $WASM_MERGE, $WASM_DIS and $WASM_OPT.
  Prints each merged chunk's path on stdout (for the build to optimise), and what it merged on
  stderr. README ("Sizes and speed") has the figures.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

SMALL = "chunk_small"

# One chunk's declaration in the loader: an optional comment naming the views that need it,
# then `const __chunk_<n> = makeLoad(() => { … }\n, [<deps>]);`.
DECLARATION = re.compile(
    r"(?:/\* (?P<views>[^*]*) \*/\n)?(?P<code>const __(?P<name>chunk_\w+) = makeLoad\(.*?\n, \[(?P<deps>[^\]]*)\]\);\n)",
    re.S,
)
# A lazy view's loader: `export const __wasm_split_load_<view> = wrapAsyncCb(makeLoad(… , [deps]));`.
VIEW = re.compile(r"export const __wasm_split_load_(?P<view>\w+) = wrapAsyncCb\(makeLoad\(.*?\n, \[(?P<deps>[^\]]*)\]\)\);", re.S)
# A dependency list, as every declaration ends: `\n, [__chunk_3, __chunk_8]`.
DEPS = re.compile(r"\n, \[(?P<list>[^\]]*)\]")
# One import in binaryen's text form: `(import "module" "name" (memory $id …`.
IMPORT = re.compile(r'\s*\(import "(?P<module>[^"]*)" "(?P<name>[^"]*)" \(\w+ (?P<id>\$\S+)')


def names(deps: str) -> list[str]:
    """`__chunk_3, __chunk_8` → `["chunk_3", "chunk_8"]`."""
    return [d.strip().removeprefix("__") for d in deps.split(",") if d.strip()]


def number(chunk: str) -> tuple[int, str]:
    """Sorts `chunk_9` before `chunk_10`."""
    digits = chunk.removeprefix("chunk_")
    return (int(digits), "") if digits.isdigit() else (-1, digits)


def plan(loader: str, sizes: dict[str, int], small: int) -> list[tuple[str, list[str]]]:
    """The merges to make, in order: each the merged chunk's name and the chunks it holds."""
    # Which views need a chunk is read from the views' own lists: a chunk needed through
    # another chunk would be missed, so the loader must have none (the splitter writes none).
    if any(m["deps"].strip() for m in DECLARATION.finditer(loader)):
        sys.exit("merge-chunks: a chunk depends on another chunk: the splitter's loader has changed")
    merges = []
    tiny = sorted((c for c, size in sizes.items() if size < small), key=number)
    if len(tiny) > 1:
        merges.append((SMALL, tiny))
        sizes = {c: s for c, s in sizes.items() if c not in tiny} | {SMALL: sum(sizes[c] for c in tiny)}
    joined = {c: SMALL for _, parts in merges for c in parts}

    needed_by: dict[str, set[str]] = {c: set() for c in sizes}
    for view in VIEW.finditer(loader):
        for chunk in names(view["deps"]):
            needed_by[joined.get(chunk, chunk)].add(view["view"])
    together: dict[frozenset, list[str]] = {}
    for chunk, views in needed_by.items():
        together.setdefault(frozenset(views), []).append(chunk)
    for parts in together.values():
        if len(parts) > 1:
            parts.sort(key=lambda c: (-sizes[c], c))
            merges.append((parts[0], parts))
    return merges


def rewrite_loader(text: str, merged: str, parts: list[str]) -> str:
    """The loader with the chunks `parts` (`chunk_8`, …) declared as one, `merged`."""
    found = [m for m in DECLARATION.finditer(text) if m["name"] in parts]
    if len(found) != len(parts):
        sys.exit(f"merge-chunks: the loader declares {len(found)} of the {len(parts)} chunks to merge")
    views = sorted({v.strip() for m in found for v in (m["views"] or "").split(",") if v.strip()})
    first = found[0]
    url = f'"./{first["name"]}.wasm"'
    if url not in first["code"]:
        sys.exit(f"merge-chunks: the declaration of {first['name']} does not fetch {url}")
    declaration = first["code"].replace(f"const __{first['name']} =", f"const __{merged} =", 1).replace(url, f'"./{merged}.wasm"')
    if views:
        declaration = f"/* {', '.join(views)} */\n{declaration}"

    # Every use of a part followed its declaration, so all follow the first part's place.
    out, at = [], 0
    for m in found:
        out.append(text[at : m.start()])
        if m is first:
            out.append(declaration)
        at = m.end()
    out.append(text[at:])

    def one_for_all(deps: re.Match) -> str:
        listed = []
        for dep in names(deps["list"]):
            dep = merged if dep in parts else dep
            if dep not in listed:
                listed.append(dep)
        return "\n, [" + ", ".join(f"__{d}" for d in listed) + "]"

    return DEPS.sub(one_for_all, "".join(out))


def one_import_each(text: str) -> str:
    """Binaryen's text of a merged module with one import per module and name, after checking
    that the parts were chunks as this script knows them."""
    first, renamed, lines = {}, {}, []
    for line in text.split("\n"):
        if re.match(r" \((export|start) ", line):
            sys.exit(f"merge-chunks: a chunk exports or starts something: {line.strip()}")
        m = IMPORT.match(line)
        if m:
            if m["module"] != "__wasm_split":
                sys.exit(f"merge-chunks: a chunk imports from another module than the main one: {line.strip()}")
            key = (m["module"], m["name"])
            if key in first:
                kept, kept_line = first[key]
                if line.replace(m["id"], kept) != kept_line:
                    sys.exit(f"merge-chunks: two chunks import {key[1]} differently:\n{kept_line}\n{line}")
                renamed[m["id"]] = kept
                continue
            first[key] = (m["id"], line)
        lines.append(line)
    text = "\n".join(lines)
    for old, new in renamed.items():
        # A name ends at a space or a parenthesis: `$mimport$1` must not match `$mimport$10`.
        text = re.sub(r"(?<![^\s()])" + re.escape(old) + r"(?![^\s()])", new, text)
    return text


def disassemble(wasm: Path) -> str:
    done = subprocess.run([tool("WASM_DIS", "wasm-dis"), str(wasm)], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"merge-chunks: wasm-dis {wasm} failed:\n{done.stderr}")
    return done.stdout


def leb(data: bytes, at: int) -> tuple[int, int]:
    """An unsigned LEB128 number in `data` at `at`, and where the next thing starts."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def custom_sections(data: bytes) -> list[tuple[str, int, int]]:
    """Each custom section of a wasm module: its name, and where it starts and ends."""
    found, at = [], 8  # after the magic number and the version
    while at < len(data):
        start = at
        kind = data[at]
        size, at = leb(data, at + 1)
        if kind == 0:
            length, name_at = leb(data, at)
            found.append((data[name_at : name_at + length].decode(), start, at + size))
        at += size
    return found


def shipped_size(wasm: Path) -> int:
    """A chunk's size as a release build ships it: without a name section, which only the
    `-g` build keeps."""
    data = wasm.read_bytes()
    return len(data) - sum(end - start for name, start, end in custom_sections(data) if name == "name")


def drop_features(wasm: Path) -> None:
    """Removes the target features section, byte for byte the rest (wasm-opt would write the
    module again, a few hundred bytes larger without its -Oz)."""
    data = wasm.read_bytes()
    for name, start, end in reversed(custom_sections(data)):
        if name == "target_features":
            data = data[:start] + data[end:]
    wasm.write_bytes(data)


def features(text: str) -> list[str]:
    """binaryen's flags for the features a chunk uses, as its text lists them (`;; features
    section: sign-ext, …`). The chunks of one build all have those of its target."""
    m = re.search(r"^ *;; features section: (.*)$", text, re.M)
    if m is None:
        sys.exit("merge-chunks: a chunk has no features section (the build keeps it until the merge)")
    return [f"--enable-{f.strip()}" for f in m[1].split(",") if f.strip()]


def tool(env: str, name: str) -> str:
    return os.environ.get(env) or name


def merge_wasm(split: Path, merged: str, parts: list[str], keep_names: list[str]) -> None:
    uses = features(disassemble(split / f"{parts[0]}.wasm"))
    joined = split / f"{merged}.joined.wasm"
    # Until its imports are one each, the joined module has a memory and a table per part.
    several = ["--enable-multimemory", "--enable-reference-types"]
    args = [tool("WASM_MERGE", "wasm-merge"), *uses, *several, *keep_names, "-o", str(joined)]
    for part in parts:
        args += [str(split / f"{part}.wasm"), part]
    subprocess.run(args, check=True)
    text = disassemble(joined)
    wat = split / f"{merged}.wat"
    wat.write_text(one_import_each(text))
    for part in parts:
        (split / f"{part}.wasm").unlink()
    # wasm-opt reads the text and writes the features section back, which the build's
    # `wasm-opt -Oz` of the merged chunk needs (wasm-as cannot write it).
    out = split / f"{merged}.wasm"
    subprocess.run(
        [tool("WASM_OPT", "wasm-opt"), *keep_names, *uses, "--emit-target-features", str(wat), "-o", str(out)],
        check=True,
    )
    joined.unlink()
    wat.unlink()


def main(split: Path, loader: Path, small: int, keep_names: list[str]) -> None:
    sizes = {p.stem: shipped_size(p) for p in split.glob("chunk_*.wasm")}
    written = []
    for merged, parts in plan(loader.read_text(), sizes, small):
        before = sum((split / f"{p}.wasm").stat().st_size for p in parts)
        merge_wasm(split, merged, parts, keep_names)
        loader.write_text(rewrite_loader(loader.read_text(), merged, parts))
        written = [w for w in written if w not in parts] + [merged]
        after = (split / f"{merged}.wasm").stat().st_size
        print(f"merge-chunks: {', '.join(parts)} ({before} bytes) -> {merged} ({after} bytes)", file=sys.stderr)
    for wasm in [*split.glob("chunk_*.wasm"), *split.glob("split_*.wasm")]:
        if wasm.stem not in written:
            drop_features(wasm)
    for name in written:
        print(split / f"{name}.wasm")


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5) or (len(sys.argv) == 5 and sys.argv[4] != "-g"):
        sys.exit("usage: merge-chunks.py <split dir> <loader> <small: max bytes> [-g]")
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
