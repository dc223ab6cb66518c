#!/usr/bin/env bash
# A class under load (docs/performance.md, "A class under load"):
#   scripts/bench-class.sh [--students 30] [--think 2]
# Builds loupe in release mode, starts `loupe serve --class` on the bundled corpus with a new
# gradebook on a free loopback port, and runs bench/class_load.py: STUDENTS simulated students each
# check a wrong answer and then the model solution for all 12 exercises, THINK seconds apart, while
# the teacher's dashboard reloads every 2 s. Prints the load script's JSON, the gradebook's size per
# 1,000 attempts and the load average; the server is stopped at the end.
# Environment: SCRATCH (build folder, default .build-bench).
set -euo pipefail
students=30; think=2
while [ $# -gt 0 ]; do
  case $1 in
    --students) students=${2:?}; shift 2 ;;
    --think) think=${2:?}; shift 2 ;;
    *) echo "bench-class.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build-bench}
swift build -c release --scratch-path "$scratch" --product loupe >&2
tmp=$(mktemp -d /tmp/loupe-bench-class.XXXXXX)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$tmp"; }
trap cleanup EXIT
"$scratch/release/loupe" serve --corpus corpus --port 0 --class bench --gradebook "$tmp/bench.sqlite" 2>"$tmp/serve.err" &
server=$!
for _ in $(seq 1 600); do grep -q 'login?key=' "$tmp/serve.err" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$tmp/serve.err" | head -1)
key=$(grep -o 'login?key=[0-9a-f]*' "$tmp/serve.err" | cut -d= -f2)
[ -n "$key" ] || { cat "$tmp/serve.err" >&2; echo "bench-class.sh: the server did not start" >&2; exit 1; }
echo "bench-class.sh: $students students at $url, load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 bench/class_load.py "$url" "$key" scripts/exercises --students "$students" --think "$think"
pages=$(python3 -c "import sqlite3; c = sqlite3.connect('$tmp/bench.sqlite'); print(c.execute('pragma page_count').fetchone()[0] * c.execute('pragma page_size').fetchone()[0], c.execute('select count(*) from attempt').fetchone()[0])")
bytes=${pages% *}; attempts=${pages#* }
wal=$(stat -c %s "$tmp/bench.sqlite-wal" 2>/dev/null || echo 0)
echo "gradebook: $attempts attempts in the database, $bytes bytes (+ $wal in the WAL): $(( bytes * 1000 / (attempts > 0 ? attempts : 1) )) bytes per 1,000 attempts"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
