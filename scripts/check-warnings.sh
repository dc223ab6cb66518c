#!/usr/bin/env bash
# Builds the whole package, tests included, from scratch in a build folder of its own
# (.build/warnings, so the everyday build is left alone) and fails if the compiler warns
# anywhere: Swift 6 strict concurrency, unused results, C targets. A few minutes on two cores.
#   scripts/check-warnings.sh          (make warnings)
# Environment: SWIFT (default swift).
set -uo pipefail
cd "$(dirname "$0")/.."
scratch=.build/warnings
log=$(mktemp /tmp/loupe-warnings.XXXXXX)
trap 'rm -f "$log"' EXIT

# From scratch: an up-to-date file is not compiled again, and would not warn again.
rm -rf "$scratch"
${SWIFT:-swift} build --build-tests --scratch-path "$scratch" >"$log" 2>&1
status=$?
# The same warning comes once per file that includes it: each once, where it is. Only
# Loupe's own files count: the packages it depends on (checkouts/) are not ours to fix.
warnings=$(grep -E '^/.*: warning: ' "$log" | grep -v '/checkouts/' | sort -u)
if [ "$status" -ne 0 ]; then
  grep -E 'error:' "$log" | sort -u | head -40
  [ -n "$(grep -E 'error:' "$log")" ] || tail -20 "$log"
  echo "=== the build failed (status $status)"
  exit "$status"
fi
if [ -n "$warnings" ]; then
  echo "$warnings"
  echo "=== $(echo "$warnings" | wc -l) warning(s)"
  exit 1
fi
echo "no warnings"
