#!/bin/bash
# Builds snapcue's Debian package from a release binary: snapcue_VERSION_ARCH.deb for
# this machine's architecture (amd64 here, arm64 on a 64-bit Pi).
#
# usage: build-deb.sh BINARY SCRATCH_PATH OUTDIR
#   BINARY        the release snapcue (swift build -c release --static-swift-stdlib)
#   SCRATCH_PATH  its build folder (for the licences of the Swift packages built into it)
#   OUTDIR        where the .deb goes; its path is the last line printed
# needs: dpkg-dev (dpkg-shlibdeps), binutils (strip), help2man, python3
set -euo pipefail
cd "$(dirname "$0")/../.."
BINARY=${1:?usage: build-deb.sh BINARY SCRATCH_PATH OUTDIR}
SCRATCH=${2:?usage: build-deb.sh BINARY SCRATCH_PATH OUTDIR}
OUTDIR=${3:?usage: build-deb.sh BINARY SCRATCH_PATH OUTDIR}
HERE=Hardware/package

VERSION=$("$BINARY" --version)
ARCH=$(dpkg --print-architecture)
CHANGELOG_VERSION=$(sed -n '1s/^snapcue (\([^)]*\)).*/\1/p' "$HERE/changelog")
if [ "$VERSION" != "$CHANGELOG_VERSION" ]; then
  echo "build-deb.sh: snapcue says version $VERSION but $HERE/changelog's newest entry is $CHANGELOG_VERSION." >&2
  echo "  Fix: add a changelog entry for $VERSION at the top of $HERE/changelog (or change the version in Sources/snapcue/Commands/Snapcue.swift)." >&2
  exit 2
fi
# Reproducible: every file dated by the last commit.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
umask 022
ROOT=$STAGE/debian/snapcue   # dpkg-shlibdeps expects debhelper's layout
DOC=$ROOT/usr/share/doc/snapcue

install -D -m 755 "$BINARY" "$ROOT/usr/bin/snapcue"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$ROOT/usr/bin/snapcue"
install -D -m 644 -t "$ROOT/usr/share/snapcue/profiles" Profiles/*.yaml
install -D -m 644 -t "$ROOT/usr/share/snapcue/stations" Hardware/stations/*.yaml
install -D -m 644 Hardware/systemd/snapcue.service "$ROOT/lib/systemd/system/snapcue.service"
install -D -m 644 Hardware/systemd/snapcue-tv.service "$ROOT/usr/lib/systemd/user/snapcue-tv.service"
install -D -m 644 Hardware/udev/99-snapcue-gpio.rules "$ROOT/lib/udev/rules.d/60-snapcue-gpio.rules"

install -D -m 644 "$HERE/lintian-overrides" "$ROOT/usr/share/lintian/overrides/snapcue"
install -d -m 755 "$ROOT/usr/share/man/man1"
help2man --no-info --section=1 --name="reactive-drill cue and timing engine for gym stations" \
  --include="$HERE/man-extra.h2m" "$ROOT/usr/bin/snapcue" | gzip -9n > "$ROOT/usr/share/man/man1/snapcue.1.gz"

install -D -m 644 README.md "$DOC/README.md"
install -D -m 644 -t "$DOC/docs" docs/*.md
install -D -m 644 -t "$DOC/hardware" Hardware/README.md Hardware/WIRING.md
gzip -9n -c "$HERE/changelog" > "$DOC/changelog.gz"
python3 "$HERE/copyright.py" Package.resolved "$SCRATCH/checkouts" \
  "$(dirname "$(readlink -f "$(command -v swift)")")/../share/swift/LICENSE.txt" > "$DOC/copyright"
# Debian policy 12.3: documentation over 4 kB is compressed.
find "$DOC" -type f -size +4k ! -name copyright ! -name '*.gz' -exec gzip -9n {} +

# The shared libraries it needs, as this system's packages name them (libgpiod2 on bookworm, libgpiod3 on trixie).
install -d -m 755 "$ROOT/DEBIAN"
printf 'Source: snapcue\n\nPackage: snapcue\nArchitecture: any\n' > "$STAGE/debian/control"
SHLIBS=$(cd "$STAGE" && dpkg-shlibdeps -O debian/snapcue/usr/bin/snapcue | sed -n 's/^shlibs:Depends=//p')
[ -n "$SHLIBS" ] || { echo "build-deb.sh: dpkg-shlibdeps found no libraries for snapcue" >&2; exit 1; }
install -m 755 -t "$ROOT/DEBIAN" "$HERE/postinst" "$HERE/prerm" "$HERE/postrm"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@DEPENDS@/adduser, $SHLIBS/" \
  -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)/" "$HERE/control.in" > "$ROOT/DEBIAN/control"
(cd "$ROOT" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$ROOT/DEBIAN/md5sums"
chmod 644 "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/md5sums"
find "$ROOT" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +

mkdir -p "$OUTDIR"
DEB=$OUTDIR/snapcue_${VERSION}_${ARCH}.deb
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$DEB" >/dev/null
echo "$DEB"
