#!/usr/bin/env bash
# `loupe serve` under load (docs/performance.md, "loupe serve under load"), from nothing:
#   scripts/bench-serve.sh [--duration 30s] [--connections 50] [--threads 2] [--visitors 100] [--timeout 5]
#                          [--queries FILE (one a line, instead of bench/serve_mix.lua's twelve)]
# Installs wrk (and curl, python3) with apt when missing, generates the 100 MB corpus once
# (scripts/bench-lib.sh, as scripts/bench.sh does), builds loupe in release mode, serves the corpus on
# a free loopback port, and measures:
#   1. memory per idle visitor: the server's RSS (VmRSS) before and after VISITORS visitors, each with
#      a cookie of its own, ran `return 1` (so each holds a Lua environment), over VISITORS;
#   2. wrk, CONNECTIONS connections for DURATION, with bench/serve_mix.lua's mix of /api/count,
#      /api/search?limit=50 and /doc/ID?q=: requests/s, p50/p99 latency, non-2xx and socket errors;
#   3. the same while one more visitor posts `while true do end` again and again (curl, in a loop),
#      each evaluation stopped by the server's --timeout.
# Prints wrk's own reports on stderr and a Markdown table on stdout. The server is stopped at the end.
# Environment: SCRATCH (build folder, default .build-bench), BENCH_DIR (default /tmp/loupe-bench).
set -euo pipefail

duration=30s; connections=50; threads=2; visitors=100; timeout=5; queries=""
while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    --threads) threads=${2:?}; shift 2 ;;
    --visitors) visitors=${2:?}; shift 2 ;;
    --timeout) timeout=${2:?}; shift 2 ;;
    --queries) queries=$(realpath "${2:?}"); shift 2 ;;
    *) echo "bench-serve.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build-bench}
bench_dir=${BENCH_DIR:-/tmp/loupe-bench}
bench_name=bench-serve.sh
. scripts/bench-lib.sh

say() { echo "bench-serve.sh: $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
alive() {   # stops the benchmark when the server has stopped, with what it said
  kill -0 "$server" 2>/dev/null && return 0
  wait "$server" 2>/dev/null && status=0 || status=$?
  server=""; cat "$tmp/serve.err" >&2; say "the server stopped (exit status $status)"; exit 1
}
rss_kib() { alive; awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kib() { alive; awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
cookie() { od -An -tx1 -N16 /dev/urandom | tr -d ' \n'; }

# 1. What it needs.
bench_install wrk curl python3
command -v wrk >/dev/null || { say "wrk is not installed and apt cannot install it"; exit 1; }
bench_corpus 100M "$bench_dir"
swift build -c release --scratch-path "$scratch" --product loupe >&2

# 2. The server, on a free port; stopped however this script ends.
tmp=$(mktemp -d /tmp/loupe-bench-serve.XXXXXX)
server=""; looper=""
cleanup() {
  [ -z "$looper" ] || kill "$looper" 2>/dev/null || true
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# --quiet drops the load summary, not the line with the URL, which gives the port.
"$scratch/release/loupe" serve --corpus "$corpus" --port 0 --quiet --timeout "$timeout" 2>"$tmp/serve.err" &
server=$!
url=""
for _ in $(seq 1 600); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$tmp/serve.err" 2>/dev/null || true)
  [ -n "$url" ] && break
  alive
  sleep 0.5
done
[ -n "$url" ] || { say "the server did not start in 300 s"; exit 1; }
say "serving at $url (pid $server, --timeout $timeout)"

# The document ids, percent-encoded, for the reader's URLs.
curl -sf "$url/api/corpus" | python3 -c '
import json, sys, urllib.parse
for d in json.load(sys.stdin)["documents"]: print(urllib.parse.quote(d["id"], safe=""))' >"$tmp/ids"
say "$(wc -l <"$tmp/ids") document ids"

run() {   # run CODE COOKIE: POST /api/run as that visitor; the JSON answer
  curl -s --max-time 120 -b "loupe_visitor=$2" --data-binary "$1" "$url/api/run"
}

# 3. Memory per idle visitor. The first visitor pays for what all share; it is not counted.
run 'return 1' "$(cookie)" >/dev/null
sleep 1
memory_load=$(load)
before=$(rss_kib "$server")
made=0
for _ in $(seq 1 "$visitors"); do
  answer=$(run 'return 1' "$(cookie)" || true)
  [[ $answer == *'"ok":true'* ]] && made=$((made + 1))
done
sleep 1
after=$(rss_kib "$server")
[ "$made" = "$visitors" ] || say "only $made of $visitors visitors ran their code"
per_visitor=$(( (after - before) / visitors ))
say "RSS $before KiB before, $after KiB after $made visitors: $per_visitor KiB each; load $memory_load"

wrk_run() {   # wrk_run NAME: wrk with the mix; its report on stderr, its serve_mix line in $tmp/NAME
  say "wrk -t$threads -c$connections -d$duration ($1), load before: $(load)"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s bench/serve_mix.lua "$url" -- "$tmp/ids" ${queries:+"$queries"} >"$tmp/$1.out"
  cat "$tmp/$1.out" >&2
  grep '^serve_mix:' "$tmp/$1.out" >"$tmp/$1" || { say "wrk did not finish its report"; exit 1; }
}
field() { tr ' ' '\n' <"$tmp/$1" | sed -n "s/^$2=//p"; }

# 4. Load alone.
load_plain=$(load)
wrk_run plain
after_plain=$(load)

# 5. Load while one visitor loops a cell to its time limit, again and again.
looping=$(cookie)
( while [ ! -e "$tmp/stop" ]; do run 'while true do end' "$looping" >>"$tmp/loops" || true; echo >>"$tmp/loops"; done ) &
looper=$!
sleep 1
load_looping=$(load)
wrk_run looping
after_looping=$(load)
touch "$tmp/stop"
wait "$looper" 2>/dev/null || true; looper=""
evaluations=$(grep -c '"milliseconds"' "$tmp/loops" || true)
stopped=$(grep -c 'time limit exceeded' "$tmp/loops" || true)
busy=$(grep -c '"status":429\|"status":503' "$tmp/loops" || true)
hwm=$(hwm_kib "$server")

# 6. The table.
errors() { echo $(( $(field "$1" non2xx) + $(field "$1" connect) + $(field "$1" read) + $(field "$1" write) + $(field "$1" timeout) )); }
row() {   # row NAME: the columns of one wrk run
  printf '%s | %s | %s | %s | %s (non-2xx %s; socket %s/%s/%s; timeouts %s)' \
    "$(field "$1" requests)" "$(field "$1" rps)" "$(field "$1" p50_ms)" "$(field "$1" p99_ms)" \
    "$(errors "$1")" "$(field "$1" non2xx)" "$(field "$1" connect)" "$(field "$1" read)" "$(field "$1" write)" "$(field "$1" timeout)"
}
echo
echo "loupe serve, corpus $(basename "$corpus") ($(wc -l <"$tmp/ids") documents), $(nproc) cores; wrk -t$threads -c$connections -d$duration, bench/serve_mix.lua${queries:+ with the queries of $queries ($(grep -c . "$queries"))}; --timeout $timeout"
echo
echo "| run | requests | requests/s | p50 ms | p99 ms | errors | load average (1, 5, 15 min) before → after |"
echo "|---|---:|---:|---:|---:|---|---|"
echo "| mix of count, search, reader | $(row plain) | $load_plain → $after_plain |"
echo "| the same, one visitor looping to its time limit | $(row looping) | $load_looping → $after_looping |"
echo "| target | | ≥ 500 | | ≤ 100 | 0 | |"
met() {   # met NAME: whether one wrk run meets the targets
  awk -v rps="$(field "$1" rps)" -v p99="$(field "$1" p99_ms)" -v e="$(errors "$1")" \
    'BEGIN { print (rps >= 500 && p99 <= 100 && e == 0) ? "met" : "not met" }'
}
echo
echo "- targets: $(met plain) alone, $(met looping) with the looping visitor"
echo "- memory per idle visitor environment: $per_visitor KiB of RSS ($before → $after KiB over $visitors visitors running \`return 1\`); load $memory_load"
echo "- the looping visitor: $evaluations evaluations, $stopped ended with the time-limit error, $busy refused (429 or 503)"
echo "- peak RSS of the server: $((hwm / 1024)) MiB; statuses: $(field plain statuses) / $(field looping statuses)"
echo "- latencies are wrk's: every response's time from sending the request to the end of the response, per connection, each connection waiting for its answer before the next request"
