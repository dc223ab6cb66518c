#!/usr/bin/env bash
# The side-by-side benchmark of docs/performance.md, from nothing:
#   scripts/bench.sh [--size 100M|1G|…] [loupe-bench options: --runs N, --skip-python, --markdown, …]
# Installs what is missing (apt: ripgrep, bible-kjv, a word list, sqlite3, python3, time; pip: nltk,
# tantivy, polars), generates /tmp/loupe-bench/loupe_corpus_<size> once with bench/make_corpus.py
# (checked against its manifest; both through scripts/bench-lib.sh), builds loupe-bench in release
# mode and runs it with the peers' scripts of bench/.
# Environment: SCRATCH (build folder, default .build), BENCH_DIR (default /tmp/loupe-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

size=100M
if [ "${1:-}" = --size ]; then size=${2:?--size needs a value such as 100M or 1G}; shift 2; fi
scratch=${SCRATCH:-.build}
bench_dir=${BENCH_DIR:-/tmp/loupe-bench}
scripts=bench
bench_name=bench.sh
. scripts/bench-lib.sh

# 1. Packages: install the ones apt knows of and that are missing.
bench_install ripgrep bible-kjv wamerican-huge sqlite3 python3 time
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
bench_corpus "$size" "$bench_dir"

# 3. Build and run.
swift build --scratch-path "$scratch" -c release --product loupe-bench >&2
exec "$scratch/release/loupe-bench" --corpus "$corpus" --scripts "$scripts" "$@"
