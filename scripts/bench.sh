#!/usr/bin/env bash
# The side-by-side benchmark of docs/performance.md, from nothing:
#   scripts/bench.sh [--size 100M|1G|…] [loupe-bench options: --runs N, --skip-python, --markdown, …]
# Installs what is missing (apt: ripgrep, bible-kjv, a word list, sqlite3, python3, time; pip: nltk,
# tantivy, polars), generates /tmp/loupe-bench/loupe_corpus_<size> once with bench/make_corpus.py
# (checked against its manifest), builds loupe-bench in release mode and runs it with the peers' scripts of bench/.
# Environment: SCRATCH (build folder, default .build), BENCH_DIR (default /tmp/loupe-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

size=100M
if [ "${1:-}" = --size ]; then size=${2:?--size needs a value such as 100M or 1G}; shift 2; fi
scratch=${SCRATCH:-.build}
bench_dir=${BENCH_DIR:-/tmp/loupe-bench}
scripts=bench
corpus=$bench_dir/loupe_corpus_$size
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo

# 1. Packages: install the ones apt knows of and that are missing.
packages="ripgrep bible-kjv wamerican-huge sqlite3 python3 time"
known() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; }
missing=""
for p in $packages; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
# Fresh package lists first: on a new machine apt knows of nothing yet.
if [ -n "$missing" ]; then
  $sudo apt-get update -qq >&2 || echo "bench.sh: apt-get update failed; installing from the lists there are" >&2
fi
installable=""
for p in $missing; do
  if known "$p"; then installable="$installable $p"
  else echo "bench.sh: apt has no package $p; its rows will say 'not run'" >&2; fi
done
if [ -n "$installable" ]; then
  echo "bench.sh: installing$installable" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $installable >&2
fi
# pip: the Python peers (NLTK; Tantivy and Polars, the stronger ones). One pip cannot install
# leaves its rows saying 'not run'.
for module in nltk tantivy polars; do
  python3 -c "import $module" 2>/dev/null && continue
  echo "bench.sh: installing $module" >&2
  out=$(python3 -m pip install -q "$module" 2>&1) || {
    if echo "$out" | grep -q externally-managed; then
      python3 -m pip install -q --break-system-packages "$module" >&2 \
        || echo "bench.sh: $module not installed; its rows will say 'not run'" >&2
    else echo "$out" >&2; echo "bench.sh: $module not installed; its rows will say 'not run'" >&2; fi
  }
done

# 2. The corpus, generated once; its files must still be what its manifest says.
if [ ! -f "$corpus/manifest.json" ]; then
  rm -rf "$corpus"; mkdir -p "$bench_dir"
  echo "bench.sh: generating $corpus" >&2
  python3 "$scripts/make_corpus.py" --size "$size" --out "$corpus" >&2
fi
actual=$(find "$corpus/docs" -name '*.txt' | sort | xargs cat | sha256sum | cut -d' ' -f1)
recorded=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256_docs_in_id_order"])' "$corpus/manifest.json")
if [ "$actual" != "$recorded" ]; then
  echo "bench.sh: $corpus/docs do not match their manifest (sha256 $actual); delete the folder to regenerate" >&2; exit 1
fi
echo "bench.sh: corpus $corpus, sha256 $actual" >&2

# 3. Build and run.
swift build --scratch-path "$scratch" -c release --product loupe-bench >&2
exec "$scratch/release/loupe-bench" --corpus "$corpus" --scripts "$scripts" "$@"
