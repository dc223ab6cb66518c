#!/usr/bin/env bash
# Runs the built test suite (`make test` builds first) with a time limit, so a hang
# fails in minutes with a diagnosis instead of eating CI's whole budget: on timeout it
# names the tests that started and never finished and prints every thread's stack.
#   scripts/test.sh [swift test options, e.g. --filter ExerciseTests]
# Environment: LOUPE_TEST_TIMEOUT (seconds, default 1500), SWIFT (default swift).
set -uo pipefail
cd "$(dirname "$0")/.."
limit=${LOUPE_TEST_TIMEOUT:-1500}
log=$(mktemp /tmp/loupe-test.XXXXXX)
trap 'rm -f "$log"' EXIT

${SWIFT:-swift} test --skip-build "$@" > >(tee "$log") 2>&1 &
pid=$!
start=$SECONDS
while kill -0 "$pid" 2>/dev/null; do
  if (( SECONDS - start > limit )); then
    echo
    echo "=== the tests did not finish within ${limit} s (LOUPE_TEST_TIMEOUT) ==="
    echo "--- started and never finished:"
    grep -o '◇ Test .* started\.' "$log" | sed 's/^◇ Test //; s/ started\.$//' | sort -u > "$log.started"
    grep -oE '[✔✘➜] Test .* (passed|failed|skipped)' "$log" \
      | sed -E 's/^[^ ]+ Test //; s/ (passed|failed|skipped).*$//; s/ with [0-9]+ test cases?$//' | sort -u > "$log.ended"
    comm -23 "$log.started" "$log.ended" | grep -v '^Test case' | sed 's/^/    /'
    rm -f "$log.started" "$log.ended"
    for p in $(pgrep -f 'PackageTests.xctest'); do
      echo "--- stacks of process $p:"
      timeout 120 gdb -p "$p" -batch -ex 'thread apply all bt 12' 2>/dev/null | grep -E '^(Thread|#)' | head -400
    done
    pkill -KILL -f 'PackageTests.xctest'
    kill -KILL "$pid" 2>/dev/null
    exit 124
  fi
  sleep 0.2   # how late the run ends after the tests do
done
wait "$pid"
status=$?
if [ "$status" -ne 0 ]; then
  echo
  echo "=== failed (status $status):"
  grep -E '^✘ Test .*recorded an issue' "$log" | cut -c1-400 | head -60
fi
exit "$status"
