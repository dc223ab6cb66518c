#!/usr/bin/env bash
# Builds the Debian package (make deb): scripts/make-deb.sh BINARY [OUT-FOLDER]
# BINARY is a release loupe with the Swift runtime linked in (--static-swift-stdlib), so the
# package needs no Swift: its Depends are the Debian packages that hold the libraries `ldd` lists.
# Writes OUT-FOLDER/loupe_VERSION_ARCH.deb (default dist/); VERSION is `loupe --version`'s.
set -euo pipefail
bin=${1:?binary}; out=${2:-dist}
cd "$(dirname "$0")/.."
version=$("$bin" --version | awk '{ print $2 }')
arch=$(dpkg --print-architecture)
if ldd "$bin" | grep -Eq 'libswift|libFoundation|libdispatch|libBlocksRuntime'; then
  echo "make-deb.sh: $bin links Swift's runtime dynamically; build it with --static-swift-stdlib (make deb does)" >&2
  ldd "$bin" >&2; exit 1
fi
stage=$(mktemp -d); trap 'rm -rf "$stage"' EXIT
pkg="$stage/loupe_${version}_$arch"
bash scripts/install.sh "$bin" "$pkg" /usr >&2
rm "$pkg/usr/share/loupe/installed-files"        # dpkg keeps its own list
gzip -9n "$pkg/usr/share/man/man1/loupe.1"
cat > "$pkg/usr/share/doc/loupe/copyright" <<'TEXT'
Loupe: a workbench for reading a corpus closely and counting in it.
Copyright: the Loupe developers. No licence has been chosen for the code yet.
The bundled corpus's texts belong to their publishers; share/doc/loupe/corpus.md says what each
one is and where it came from.
TEXT
# Depends: the package of every shared library the binary loads
depends=$(ldd "$bin" | awk '/=>/ { print $3 }' | while read -r lib; do
  dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || echo "make-deb.sh: no package holds $lib" >&2
done | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g')
size=$(du -sk "$pkg/usr" | cut -f1)
mkdir -p "$pkg/DEBIAN"
cat > "$pkg/DEBIAN/control" <<TEXT
Package: loupe
Version: $version
Architecture: $arch
Maintainer: The Loupe developers <loupe@invalid>
Depends: $depends
Installed-Size: $size
Section: text
Priority: optional
Description: read a corpus closely and count in it, with Lua
 Loupe loads a folder of documents into memory, indexes them and embeds Lua 5.4,
 so analysts count phrases, read concordances and run source-criticism analyses
 at a REPL, in shared scripts, or in a browser (loupe serve); teachers run
 classes of self-checking exercises with a gradebook (loupe serve --class).
 Comes with a corpus of thirteen texts about the war in Ukraine.
TEXT
mkdir -p "$out"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/loupe_${version}_$arch.deb" >&2
echo "$out/loupe_${version}_$arch.deb"
