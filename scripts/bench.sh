#!/usr/bin/env bash
# The side-by-side benchmark of docs/performance.md, from nothing:
#   scripts/bench.sh [--size 100M|1G|…] [loupe-bench options: --runs N, --skip-python, --markdown, …]
# Installs what is missing (apt: ripgrep, bible-kjv, word lists, sqlite3, python3, time; pip: nltk),
# generates /tmp/loupe-bench/corpus_<size> with ../shared/bench/make_corpus.py and checks its
# sha256 against ../shared/bench/anchors.md, builds Loupe in release mode and runs `loupe-bench`.
# Environment: SCRATCH (build folder, default .build), BENCH_DIR (default /tmp/loupe-bench),
# ANCHORS (default ../shared/bench).
set -euo pipefail
cd "$(dirname "$0")/.."

size=100M
if [ "${1:-}" = --size ]; then size=${2:?--size needs a value such as 100M or 1G}; shift 2; fi
scratch=${SCRATCH:-.build}
bench_dir=${BENCH_DIR:-/tmp/loupe-bench}
anchors=${ANCHORS:-../shared/bench}
corpus=$bench_dir/corpus_$size
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo

# 1. Packages: install the ones apt knows of and that are missing.
packages="ripgrep bible-kjv bible-kjv-text wamerican-huge wbritish-huge sqlite3 python3 time"
known() { apt-cache policy "$1" 2>/dev/null | grep -q 'Candidate: [0-9]'; }
missing="" unknown=""
for p in $packages; do
  dpkg -s "$p" >/dev/null 2>&1 && continue
  missing="$missing $p"
  known "$p" || unknown="$unknown $p"
done
# A package apt does not know yet may only need fresh package lists.
if [ -n "$unknown" ]; then $sudo apt-get update -qq >&2 || true; fi
installable=""
for p in $missing; do
  if known "$p"; then installable="$installable $p"
  else echo "bench.sh: apt has no package $p; its rows will say 'not run'" >&2; fi
done
if [ -n "$installable" ]; then
  echo "bench.sh: installing$installable" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $installable >&2
fi
if ! python3 -c 'import nltk' 2>/dev/null; then
  echo "bench.sh: installing nltk" >&2
  out=$(python3 -m pip install -q nltk 2>&1) || {
    if echo "$out" | grep -q externally-managed; then python3 -m pip install -q --break-system-packages nltk
    else echo "$out" >&2; echo "bench.sh: nltk not installed; its row will say 'not run'" >&2; fi
  }
fi

# 2. The corpus, generated once, checked against anchors.md.
if [ ! -f "$corpus/manifest.json" ]; then
  rm -rf "$corpus"; mkdir -p "$bench_dir"
  echo "bench.sh: generating $corpus" >&2
  python3 "$anchors/make_corpus.py" --size "$size" --out "$corpus" >&2
fi
actual=$(find "$corpus/docs" -name '*.txt' | sort | xargs cat | sha256sum | cut -d' ' -f1)
recorded=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256_docs_in_id_order"])' "$corpus/manifest.json")
# The corpus table's row (the statistics table has rows of the same name, without a sha256).
expected=$(grep -E "^\| $size realistic \|" "$anchors/anchors.md" | grep -oE '\b[0-9a-f]{64}\b' | head -n1 || true)
if [ "$actual" != "$recorded" ]; then
  echo "bench.sh: $corpus/docs do not match their manifest (sha256 $actual); delete the folder to regenerate" >&2; exit 1
elif [ -z "$expected" ]; then
  echo "bench.sh: anchors.md has no sha256 for $size; corpus sha256 $actual" >&2
elif [ "$actual" != "$expected" ]; then
  echo "bench.sh: warning: corpus sha256 $actual differs from anchors.md's $expected (other word lists?)" >&2
else
  echo "bench.sh: corpus sha256 matches anchors.md ($actual)" >&2
fi

# 3. Build and run.
swift build --scratch-path "$scratch" -c release --product loupe-bench >&2
exec "$scratch/release/loupe-bench" --corpus "$corpus" --anchors "$anchors" "$@"
