#!/usr/bin/env bash
# Removes what scripts/install.sh installed (make uninstall): scripts/uninstall.sh DESTDIR PREFIX
# Exactly the files in PREFIX/share/loupe/installed-files, then Loupe's own folders (share/loupe,
# share/doc/loupe and below) that are left empty; shared folders such as share/man stay.
set -euo pipefail
destdir=${1-}; prefix=${2:?prefix}
root="$destdir$prefix"
manifest="$root/share/loupe/installed-files"
[ -f "$manifest" ] || { echo "uninstall.sh: no $manifest: Loupe is not installed under $root" >&2; exit 2; }
mapfile -t files < "$manifest"
for f in "${files[@]}"; do
  case $f in ""|/*|*..*) echo "uninstall.sh: skipping a strange line in the list: '$f'" >&2; continue ;; esac
  rm -f -- "$root/$f"
done
# Loupe's own folders left empty, deepest first
for f in "${files[@]}"; do dirname -- "$f"; done | sort -u | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2- |
while IFS= read -r d; do
  while case $d in share/loupe|share/loupe/*|share/doc/loupe|share/doc/loupe/*) true ;; *) false ;; esac \
        && [ -d "$root/$d" ] && rmdir -- "$root/$d" 2>/dev/null; do
    d=$(dirname -- "$d")
  done
done
echo "uninstall.sh: removed ${#files[@]} files from $root"
