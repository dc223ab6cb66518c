#!/usr/bin/env bash
# Installs Loupe (make install): scripts/install.sh BINARY DESTDIR PREFIX
#   BINARY   the loupe executable to install (make install builds a release one, Swift linked in)
#   DESTDIR  a staging root for packagers ("" for the real one)
#   PREFIX   where it goes, e.g. /usr/local or /usr
# Writes bin/loupe; share/loupe/{corpus,scripts} (the bundled corpus, exercises, lexicons, example
# scripts and plugins, found there by the installed loupe); share/doc/loupe (README and docs/);
# share/man/man1/loupe.1 (`loupe manpage`); completions for bash, zsh and fish (swift-argument-parser's);
# and share/loupe/installed-files, the list `make uninstall` removes and nothing else.
set -euo pipefail
bin=${1:?binary}; destdir=${2-}; prefix=${3:?prefix}
cd "$(dirname "$0")/.."
[ -x "$bin" ] || { echo "install.sh: $bin is not an executable" >&2; exit 2; }
case $prefix in /*) ;; *) echo "install.sh: PREFIX must be an absolute path, got '$prefix'" >&2; exit 2 ;; esac
root="$destdir$prefix"
manifest="share/loupe/installed-files"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
: > "$tmp/list"

put() {   # put MODE SOURCE DEST (DEST relative to PREFIX)
  install -D -m "$1" "$2" "$root/$3"
  printf '%s\n' "$3" >> "$tmp/list"
}
tree() {  # tree SOURCE-FOLDER DEST-FOLDER: every file below, its path kept
  (cd "$1" && find . -type f ! -name '.*' -print0 | sort -z) | while IFS= read -r -d '' f; do
    f=${f#./}
    put 644 "$1/$f" "$2/$f"
  done
}

put 755 "$bin" bin/loupe
tree corpus share/loupe/corpus
# the example scripts and their folders, not the team's shell scripts (bench, test, install)
for f in scripts/*.lua; do put 644 "$f" "share/loupe/scripts/$(basename "$f")"; done
for d in exercises lexicons plugins; do tree "scripts/$d" "share/loupe/scripts/$d"; done
put 644 README.md share/doc/loupe/README.md
for f in docs/*.md; do put 644 "$f" "share/doc/loupe/$(basename "$f")"; done
"$bin" manpage > "$tmp/loupe.1"
put 644 "$tmp/loupe.1" share/man/man1/loupe.1
"$bin" --generate-completion-script bash > "$tmp/loupe.bash"
put 644 "$tmp/loupe.bash" share/bash-completion/completions/loupe
"$bin" --generate-completion-script zsh > "$tmp/_loupe"
put 644 "$tmp/_loupe" share/zsh/site-functions/_loupe
"$bin" --generate-completion-script fish > "$tmp/loupe.fish"
put 644 "$tmp/loupe.fish" share/fish/vendor_completions.d/loupe.fish
printf '%s\n' "$manifest" >> "$tmp/list"
install -D -m 644 "$tmp/list" "$root/$manifest"
echo "install.sh: $(wc -l < "$tmp/list") files under $root (listed in $root/$manifest)"
