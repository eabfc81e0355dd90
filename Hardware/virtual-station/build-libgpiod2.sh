#!/bin/bash
# Builds libgpiod 2.x from the C sources that PyPI's `gpiod` source package
# vendors (Debian 12 ships only 1.6), with a pkg-config file, so Snapcue can be
# built and tested against the libgpiod 2 API that Raspberry Pi OS trixie uses.
#
# usage: build-libgpiod2.sh DIR     (creates DIR/lib/libgpiod.so.3, DIR/include/gpiod.h, DIR/pkgconfig/libgpiod.pc)
set -euo pipefail
DIR=$(mkdir -p "$1" && cd "$1" && pwd)
VERSION=2.5.0
[ -f "$DIR/pkgconfig/libgpiod.pc" ] && [ -f "$DIR/lib/libgpiod.so.3" ] && exit 0
SRC=$(mktemp -d)
trap 'rm -rf "$SRC"' EXIT
python3 -m pip download -q --no-deps --no-binary :all: "gpiod==$VERSION" -d "$SRC"
tar -xzf "$SRC/gpiod-$VERSION.tar.gz" -C "$SRC"
G=$SRC/gpiod-$VERSION
API=$(cat "$G/libgpiod-version.txt")
mkdir -p "$DIR/lib" "$DIR/include" "$DIR/pkgconfig"
gcc -O2 -fPIC -shared -D_GNU_SOURCE -I"$G/include" -I"$G/lib" -DGPIOD_API_VERSION_STR="\"$API\"" \
  -Wl,-soname,libgpiod.so.3 "$G"/lib/*.c -o "$DIR/lib/libgpiod.so.3"
ln -sf libgpiod.so.3 "$DIR/lib/libgpiod.so"
cp "$G/include/gpiod.h" "$DIR/include/"
cat > "$DIR/pkgconfig/libgpiod.pc" <<PC
prefix=$DIR
Name: libgpiod
Description: libgpiod $API (built from PyPI gpiod $VERSION for Snapcue's tests)
Version: $API
Cflags: -I\${prefix}/include
Libs: -L\${prefix}/lib -lgpiod
PC
echo "libgpiod $API built in $DIR"
