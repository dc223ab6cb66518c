#!/usr/bin/env bash
# The package on a Debian without Swift (make deb-check): scripts/deb-check.sh DIST-FOLDER
# Makes a minimal Debian root with debootstrap (once, in $DEB_CHECK_ROOT, default
# /tmp/loupe-deb-root), installs dist/loupe_*.deb there with apt, and checks that
#   loupe -e 'print(corpus:count("nato"))' prints 69 on the bundled corpus, from any folder;
#   ldd shows no Swift library; man loupe renders; bash completes `loupe exe` to `exercise`.
# Needs root (chroot) and Debian's mirror; minutes the first time.
set -euo pipefail
dist=${1:-dist}
cd "$(dirname "$0")/.."
deb=$(ls -t "$dist"/loupe_*.deb | head -1)
root=${DEB_CHECK_ROOT:-/tmp/loupe-deb-root}
suite=$(. /etc/os-release; echo "${VERSION_CODENAME:-bookworm}")
command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; }
if [ ! -x "$root/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian >&2
fi
cp "$deb" "$root/tmp/"
mounted=""
cleanup() { for m in $mounted; do umount "$root$m" 2>/dev/null || true; done; }
trap cleanup EXIT
for m in /proc /dev; do mount --bind "$m" "$root$m"; mounted="$m $mounted"; done
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb "$@"; }
in_root sh -c 'command -v swift && exit 1; ls /opt/swift 2>/dev/null && exit 1; exit 0' \
  || { echo "deb-check.sh: the root has Swift; it must not" >&2; exit 1; }
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db bash-completion "/tmp/$(basename "$deb")" >&2
count=$(in_root sh -c 'cd /tmp && loupe --quiet -e "print(corpus:count(\"nato\"))"')
[ "$count" = 69 ] || { echo "deb-check.sh: expected 69, got '$count'" >&2; exit 1; }
if in_root ldd /usr/bin/loupe | grep -Ei 'swift|Foundation|dispatch'; then echo "deb-check.sh: a Swift library is linked" >&2; exit 1; fi
in_root sh -c 'MANWIDTH=80 man loupe 2>/dev/null | grep -q "loupe exercise check"' || { echo "deb-check.sh: man loupe does not render" >&2; exit 1; }
completed=$(in_root bash -c '. /usr/share/bash-completion/bash_completion; . /usr/share/bash-completion/completions/loupe;
  COMP_WORDS=(loupe exe); COMP_CWORD=1; COMP_LINE="loupe exe"; COMP_POINT=9; _loupe 2>/dev/null || true; printf "%s\n" "${COMPREPLY[@]}"')
echo "$completed" | grep -qx exercise || { echo "deb-check.sh: loupe exe<Tab> gives '$completed'" >&2; exit 1; }
echo "deb-check.sh: $(basename "$deb") installs and runs on Debian $suite without Swift: 69; no Swift library; man and completion work"
