#!/bin/bash
# Snapcue's GPIO and sound tests against a real kernel: builds static release
# binaries, boots the virtual station, runs gpio-scenarios.sh (which ends with
# sound-scenarios.sh) in the guest, checks the results with check_gpio.py and
# check_sound.py.
#
# usage: gpio-test.sh [--libgpiod 1|2]
#   1 (default): the system's libgpiod 1.6 (Debian 12, Raspberry Pi OS bookworm)
#   2: libgpiod 2.x (Raspberry Pi OS trixie), built from PyPI's gpiod sources
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=Hardware/virtual-station
API=1
[ "${1:-}" = "--libgpiod" ] && API=${2:?--libgpiod takes 1 or 2}
# The guest runs drills, not the web app or the gym sync: build without those traits
# (no Hummingbird, PostgresNIO or TLS to compile), in a scratch folder of its own.
BUILD=(swift build -c release --static-swift-stdlib --disable-default-traits)
if [ "$API" = 1 ]; then BUILD+=(--scratch-path .build-station); fi
if [ "$API" = 2 ]; then
  "$HERE/build-libgpiod2.sh" .build-gpiod2/libgpiod
  export PKG_CONFIG_PATH=$PWD/.build-gpiod2/libgpiod/pkgconfig
  # SwiftPM drops -rpath from pkg-config flags: give it here, so ldd (and the guest) find libgpiod.so.3.
  BUILD+=(--scratch-path .build-gpiod2/build -Xlinker -rpath -Xlinker "$PWD/.build-gpiod2/libgpiod/lib")
fi
echo "building static release binaries against libgpiod $API (snapcue, snapcue-athlete)…"
"${BUILD[@]}" --product snapcue >/dev/null
"${BUILD[@]}" --product snapcue-athlete >/dev/null
BIN=$("${BUILD[@]}" --show-bin-path)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
cp "$BIN/snapcue" "$BIN/snapcue-athlete" "$OUT/"
# The end-to-end accuracy scenario runs in the libgpiod 1 pass (make bench runs a longer one).
EXTRA=()
[ "$API" = 1 ] && EXTRA=("$HERE/accuracy-scenarios.sh")
"$HERE/station.sh" --timeout 900 "$HERE/gpio-scenarios.sh" "$OUT/snapcue" "$OUT/snapcue-athlete" "$HERE/sound-scenarios.sh" "${EXTRA[@]}" > "$OUT/guest.log" 2>&1 || true
SHARE=${SNAPCUE_STATION_CACHE:-$HOME/.cache/snapcue-virtual-station}/run/share
status=0
python3 "$HERE/check_gpio.py" "$SHARE/results" "$OUT/guest.log" "$API" || status=1
python3 "$HERE/check_sound.py" "$SHARE/results" || status=1
if [ "$API" = 1 ]; then python3 "$HERE/check_accuracy.py" "$SHARE/results" || status=1; fi
exit $status
