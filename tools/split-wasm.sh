#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): splits the app's wasm into a main module and the chunks
# of its lazy views, and optimises every wasm file.
#
# Why a hook: Trunk 0.21 cannot split a wasm. Leptos' `#[lazy]` (applied in this app with
# `#[cfg_attr(feature = "split", leptos::lazy)]`) only marks split points; the splitting is
# done by `wasm-split-cli` (crate wasm_split_cli_support 0.2.4, installed by `cargo xtask
# setup`; 0.2.2 builds chunks that trap with "function signature mismatch"). Trunk runs this
# after it has written the app into $TRUNK_STAGING_DIR and before that becomes dist/.
#
# Usage (Trunk.toml): bash tools/split-wasm.sh <bin name> <cargo profile dir>
#
# - Eager build (no `split` feature: `trunk serve`, a plain `trunk build`): the raw wasm has
#   no split points; a release build only gets `wasm-opt -Oz` (index.html turns Trunk's own
#   wasm-opt off, `data-wasm-opt="0"`, because a split build must optimise after splitting)
#   and its JS minified.
# - Split build (`cargo xtask` builds the site so: `--features split` and RUSTFLAGS with
#   `-Clink-args=--emit-relocs`, which the splitter needs):
#     1. wasm-split-cli splits the RAW cargo wasm (Trunk's wasm-bindgen output has lost the
#        relocations) into the main module, one `split_<fn>_<n>.wasm` per lazy function,
#        `chunk_<n>.wasm` for code several of them share, and the loader `__wasm_split.js`;
#     2. wasm-bindgen --keep-lld-exports on the main module, under Trunk's own output name,
#        replaces Trunk's JS and wasm (the chunks link against those exports);
#     3. release: wasm-opt -Oz on the main module and on each chunk, separately, and esbuild
#        minifies the main JS; then the shared chunks under $SMALL_CHUNK bytes become one,
#        `chunk_small.wasm` (joined with the chunk the same views need, if there is one),
#        the loader fetches that instead, and the sections no browser reads go
#        (merge-chunks.py);
#     4. the loader and the chunks get Trunk's build hash in their names
#        (`__wasm_split-<hash>.js`, `chunk_3-<hash>.wasm`), so the server caches them as
#        immutable like Trunk's files, and a page of an older build never loads a chunk of a
#        newer one;
#     5. index.html: the integrity (SRI) of the replaced files is recomputed (when Trunk wrote
#        any: index.html turns it off with data-integrity="none"), and the loader,
#        which the main JS imports anyway, is preloaded beside it.
#   The inline start script is left alone, so the server's CSP hash of it stays valid.
#
# Tools: wasm-split-cli, wasm-bindgen (equal to the crate), wasm-opt, wasm-merge and wasm-dis
# (binaryen 116+), esbuild, python3 and cargo, from PATH (xtask puts the project's first) or
# $WASM_SPLIT, $WASM_BINDGEN, $WASM_OPT, $WASM_MERGE, $WASM_DIS, $ESBUILD.
# Logs go to stderr only: a file in the project would make `trunk serve` rebuild.
set -euo pipefail

usage="usage: split-wasm.sh <bin name> <cargo profile dir, e.g. wasm-release>"
BIN=${1:?$usage}
PROFILE_DIR=${2:?$usage}
STAGE=${TRUNK_STAGING_DIR:?run me as a Trunk hook}
RELEASE=$([ "${TRUNK_PROFILE:-debug}" = release ] && echo 1 || echo 0)
HTML="$STAGE/index.html"
WASM_SPLIT=${WASM_SPLIT:-wasm-split-cli}
WASM_BINDGEN=${WASM_BINDGEN:-wasm-bindgen}
WASM_OPT=${WASM_OPT:-wasm-opt}
ESBUILD=${ESBUILD:-esbuild}

log() { echo "split-wasm: $*" >&2; }

# The raw cargo wasm, in the target dir cargo uses (it honours CARGO_TARGET_DIR; Trunk does
# not tell hooks where it is).
TARGET_DIR=$(cargo metadata --format-version 1 --no-deps --offline |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
RAW="$TARGET_DIR/wasm32-unknown-unknown/$PROFILE_DIR/$BIN.wasm"
[ -f "$RAW" ] || { log "no $RAW (wrong bin name or cargo profile dir?)"; exit 1; }

# Trunk's staged output: <bin>-<hash>_bg.wasm and <bin>-<hash>.js.
shopt -s nullglob
staged=("$STAGE/$BIN"-*_bg.wasm)
[ -f "$STAGE/${BIN}_bg.wasm" ] && staged+=("$STAGE/${BIN}_bg.wasm")
[ ${#staged[@]} -eq 1 ] || { log "expected one staged $BIN wasm, found: ${staged[*]:-none}"; exit 1; }
BASE=$(basename "${staged[0]}" _bg.wasm)
[ -f "$STAGE/$BASE.js" ] || { log "no $STAGE/$BASE.js"; exit 1; }
HASH=${BASE#"$BIN"}
HASH=${HASH#-}

# $RAW must be the very file Trunk built: Trunk names its output after the SeaHash (seahash 4,
# default keys, lowercase hex without leading zeros) of the raw cargo wasm.
if [ -n "$HASH" ]; then
  RAW_HASH=$(python3 - "$RAW" <<'PY'
import struct, sys
M = (1 << 64) - 1
def diffuse(x):
    x = (x * 0x6EED0E9DA4D94A4F) & M
    x ^= (x >> 32) >> (x >> 60)
    return (x * 0x6EED0E9DA4D94A4F) & M
data = open(sys.argv[1], "rb").read()
a, b, c, d = 0x16F11FE89B0D677C, 0xB480A793D8E6C86C, 0x6FE2E5AAF078EBC9, 0x14F994A4C5259381
whole = len(data) // 8 * 8
for (word,) in struct.iter_unpack("<Q", data[:whole]):
    a, b, c, d = b, c, d, diffuse(a ^ word)
tail = data[whole:]
if tail:
    a = diffuse(a ^ int.from_bytes(tail, "little"))
print(format(diffuse(a ^ b ^ c ^ d ^ len(data)), "x"))
PY
  )
  [ "$RAW_HASH" = "$HASH" ] || {
    log "$RAW (hash $RAW_HASH) is not the wasm Trunk built ($HASH): wrong bin name or cargo profile dir?"
    exit 1
  }
fi

# In release builds, shared chunks smaller than this many bytes (after wasm-opt) are merged
# into one, `chunk_small.wasm` (tools/merge-chunks.py): the splitter has no floor of its own.
SMALL_CHUNK=1024

# SPLIT_WASM_NAMES=1 (`cargo xtask size --why`) keeps the name section (-g), for attribution:
# the code is the same, the file only gains its names.
NAMES=()
[ "${SPLIT_WASM_NAMES:-0}" = 1 ] && NAMES=(-g)
# In place, as Trunk's data-wasm-opt="z" would; more wasm-opt flags may follow the file (the
# sections no browser reads: the producers section, the toolchain's names and versions, and
# the target features section, kept on the chunks until their merge has read them).
optimise() {
  local file=$1
  shift
  "$WASM_OPT" -Oz "$@" "${NAMES[@]}" "$file" -o "$file.opt" && mv "$file.opt" "$file"
}
# Trunk's own JS minifier gives up on wasm-bindgen's module ("Failed to minify JS"), and the
# split build replaces that file anyway: esbuild minifies it, as an ES module (its exports
# and the wasm's import names, which are strings, stay).
minify_js() { # in place
  "$ESBUILD" "$1" --minify --format=esm --log-level=warning --outfile="$1.min" && mv "$1.min" "$1"
}

CHANGED=()
LOADER=
if ! grep -q -a '__wasm_split_placeholder__' "$RAW"; then
  log "no lazy split points in $RAW: an eager build, nothing to split"
  if [ "$RELEASE" = 1 ]; then
    optimise "$STAGE/${BASE}_bg.wasm" --strip-producers --strip-target-features
    minify_js "$STAGE/$BASE.js"
    CHANGED=("$BASE.js" "${BASE}_bg.wasm")
  fi
else
  TMP=$(mktemp -d)
  trap 'rm -rf "$TMP"' EXIT

  # 1. --out-name makes the loader import "./$BASE.js": the module index.html loaded, so the
  #    loader shares its instance (and memory) instead of starting a second one.
  "$WASM_SPLIT" "$RAW" "$TMP/split" --out-name "$BASE"

  # 2. Keep the exports the chunks import.
  "$WASM_BINDGEN" --target web --keep-lld-exports --no-typescript \
    --out-dir "$TMP/bindgen" --out-name "$BASE" "$TMP/split/$BASE.wasm"

  # 3.
  if [ "$RELEASE" = 1 ]; then
    optimise "$TMP/bindgen/${BASE}_bg.wasm" --strip-producers --strip-target-features
    for chunk in "$TMP"/split/*.wasm; do
      [ "$chunk" = "$TMP/split/$BASE.wasm" ] || optimise "$chunk" --strip-producers
    done

    # 3b. Fewer chunks (see merge-chunks.py): fewer requests and instantiations at a page's
    #     start, and brotli packs small ones together far better. The small ones are chosen
    #     by their optimised size. The script prints the merged chunks, optimised here.
    merged=$(python3 "$(dirname "$0")/merge-chunks.py" "$TMP/split" "$TMP/split/__wasm_split.js" "$SMALL_CHUNK" "${NAMES[@]}")
    while IFS= read -r chunk; do
      [ -z "$chunk" ] || optimise "$chunk" --strip-target-features
    done <<<"$merged"
  fi

  # 4. Only the module specifier `from "./__wasm_split.js"` changes in the main JS: the
  #    imports-object key "./__wasm_split.js" is the wasm's import module name and must stay.
  LOADER=__wasm_split${HASH:+-$HASH}.js
  sed -i "s#from \"./__wasm_split.js\"#from \"./$LOADER\"#g" "$TMP/bindgen/$BASE.js"
  grep -q "from \"./$LOADER\"" "$TMP/bindgen/$BASE.js" || { log "no loader import in $BASE.js"; exit 1; }
  for chunk in "$TMP"/split/*.wasm; do
    name=$(basename "$chunk" .wasm)
    [ "$name" = "$BASE" ] && continue
    hashed=$name${HASH:+-$HASH}.wasm
    sed -i "s#\"./$name.wasm\"#\"./$hashed\"#g" "$TMP/split/__wasm_split.js"
    grep -q "\"./$hashed\"" "$TMP/split/__wasm_split.js" || { log "the loader does not name $name.wasm"; exit 1; }
    mv "$chunk" "$TMP/split/$hashed.chunk"
  done

  # Trunk's unsplit output is replaced; the loader and the chunks go beside the main JS.
  cp "$TMP/bindgen/$BASE.js" "$STAGE/$BASE.js"
  # The loader stays as written: it is small, and `cargo xtask size` reads it.
  if [ "$RELEASE" = 1 ]; then minify_js "$STAGE/$BASE.js"; fi
  cp "$TMP/bindgen/${BASE}_bg.wasm" "$STAGE/${BASE}_bg.wasm"
  if [ -d "$TMP/bindgen/snippets" ]; then cp -r "$TMP/bindgen/snippets" "$STAGE/"; fi
  cp "$TMP/split/__wasm_split.js" "$STAGE/$LOADER"
  CHANGED=("$BASE.js" "${BASE}_bg.wasm")
  for chunk in "$TMP"/split/*.chunk; do
    name=$(basename "$chunk" .chunk)
    cp "$chunk" "$STAGE/$name"
    log "chunk $name ($(stat -c %s "$chunk") bytes)"
  done
fi

# 5. index.html.
if [ ${#CHANGED[@]} -gt 0 ]; then
  python3 - "$HTML" "$STAGE" "$LOADER" "${CHANGED[@]}" <<'PY'
import base64, hashlib, re, sys
html_path, stage, loader, *changed = sys.argv[1:]
html = open(html_path, encoding="utf-8").read()
for name in changed:
    data = open(f"{stage}/{name}", "rb").read()
    # `<link … href=/<name> … integrity=sha384-…>`: Trunk writes href before integrity, and
    # the release minifier may drop the quotes. Keep the algorithm Trunk chose.
    pattern = re.compile(r'(<link\b[^>]*?href=["\']?[^"\'\s>]*?/' + re.escape(name)
                         + r'["\']?[^>]*?integrity=)(["\']?)sha(256|384|512)-[A-Za-z0-9+/=]+\2')
    def digest(m):
        alg = m.group(3)
        value = base64.b64encode(hashlib.new(f"sha{alg}", data).digest()).decode()
        return f"{m.group(1)}{m.group(2)}sha{alg}-{value}{m.group(2)}"
    html, n = pattern.subn(digest, html)
    if n == 0 and re.search(r"<link\b[^>]*\sintegrity=", html):
        sys.exit(f"split-wasm: no integrity attribute for {name} in index.html")
if loader and loader not in html:
    main_js = next(n for n in changed if n.endswith(".js"))
    m = re.search(r'<link\b[^>]*?href=["\']?([^"\'\s>]*?)' + re.escape(main_js) + r'["\']?[^>]*>', html)
    if m is None:
        sys.exit(f"split-wasm: no <link> for {main_js} in index.html")
    html = html[:m.end()] + f'<link rel="modulepreload" href="{m.group(1)}{loader}" crossorigin>' + html[m.end():]
open(html_path, "w", encoding="utf-8").write(html)
PY
fi
log "done (${#CHANGED[@]} file(s) changed)"
