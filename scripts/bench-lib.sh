# Shared by scripts/bench.sh and scripts/bench-serve.sh; sourced, not run. Each caller sets
# `bench_name` (the prefix of its messages) first.
#   bench_install PACKAGES…  apt-get install the ones missing that apt knows of (the others: a warning)
#   bench_corpus SIZE DIR    generate DIR/loupe_corpus_SIZE once with bench/make_corpus.py, check it
#                            against its manifest; sets `corpus` to its path
bench_sudo=""; [ "$(id -u)" = 0 ] || bench_sudo=sudo

bench_install() {
  local missing="" installable="" p
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  [ -n "$missing" ] || return 0
  # Fresh package lists first: on a new machine apt knows of nothing yet.
  $bench_sudo apt-get update -qq >&2 || echo "$bench_name: apt-get update failed; installing from the lists there are" >&2
  for p in $missing; do
    if apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then installable="$installable $p"
    else echo "$bench_name: apt has no package $p; its rows will say 'not run'" >&2; fi
  done
  if [ -n "$installable" ]; then
    echo "$bench_name: installing$installable" >&2
    DEBIAN_FRONTEND=noninteractive $bench_sudo apt-get install -y -qq $installable >&2
  fi
}

bench_corpus() {
  local size=$1 dir=$2 actual recorded
  corpus=$dir/loupe_corpus_$size
  if [ ! -f "$corpus/manifest.json" ]; then
    bench_install bible-kjv wamerican-huge python3
    rm -rf "$corpus"; mkdir -p "$dir"
    echo "$bench_name: generating $corpus" >&2
    python3 bench/make_corpus.py --size "$size" --out "$corpus" >&2
  fi
  # The files must still be what the manifest says.
  actual=$(find "$corpus/docs" -name '*.txt' | sort | xargs cat | sha256sum | cut -d' ' -f1)
  recorded=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sha256_docs_in_id_order"])' "$corpus/manifest.json")
  if [ "$actual" != "$recorded" ]; then
    echo "$bench_name: $corpus/docs do not match their manifest (sha256 $actual); delete the folder to regenerate" >&2
    return 1
  fi
  echo "$bench_name: corpus $corpus, sha256 $actual" >&2
}
