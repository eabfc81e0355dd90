#!/bin/bash
# Snapcue's GPIO and sound tests against a real kernel: builds static release
# binaries, boots the virtual station, runs gpio-scenarios.sh in the guest (in
# the libgpiod 1 pass also the sound and end-to-end accuracy scenarios), checks
# the results here on the host with check_gpio.py (check_sound.py, check_accuracy.py),
# which need PyYAML (host-checks.sh installs python3-yaml when it is missing).
#
# usage: gpio-test.sh [--libgpiod 1|2]
#   1 (default): the system's libgpiod 1.6 (Debian 12, Raspberry Pi OS bookworm)
#   2: libgpiod 2.x (Raspberry Pi OS trixie), built from PyPI's gpiod sources
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=Hardware/virtual-station
API=1
[ "${1:-}" = "--libgpiod" ] && API=${2:?--libgpiod takes 1 or 2}
. "$HERE/host-checks.sh"
checker_python
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
STARTED=$SECONDS
stage() { echo "[gpio-test libgpiod $API, $((SECONDS - STARTED)) s] $*"; }
stage "building static release binaries (snapcue, snapcue-athlete)…"
"${BUILD[@]}" --product snapcue >/dev/null
"${BUILD[@]}" --product snapcue-athlete >/dev/null
BIN=$("${BUILD[@]}" --show-bin-path)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
cp "$BIN/snapcue" "$BIN/snapcue-athlete" "$OUT/"
# Swift's backtracer, so a crash in the guest says where (scenario-lib.sh turns it on when it is there).
BACKTRACER=$(dirname "$(readlink -f "$(command -v swift)")")/../libexec/swift/linux/swift-backtrace-static
[ -x "$BACKTRACER" ] && cp "$BACKTRACER" "$OUT/" && EXTRA_FILES=("$OUT/swift-backtrace-static") || EXTRA_FILES=()
# Sound does not touch libgpiod, and the end-to-end accuracy scenario needs one API only: both run in
# the libgpiod 1 pass (make bench runs a longer accuracy scenario).
EXTRA=()
[ "$API" = 1 ] && EXTRA=("$HERE/sound-scenarios.sh" "$HERE/accuracy-scenarios.sh")
stage "booting the virtual station and running the scenarios…"
"$HERE/station.sh" --timeout 900 "$HERE/gpio-scenarios.sh" "$OUT/snapcue" "$OUT/snapcue-athlete" "$HERE/scenario-lib.sh" \
  "$HERE/cue-source-scenarios.sh" "${EXTRA_FILES[@]}" "${EXTRA[@]}" \
  > "$OUT/guest.log" 2>&1 || true
SHARE=${SNAPCUE_STATION_CACHE:-$HOME/.cache/snapcue-virtual-station}/run/share
stage "checking the results"
status=0
"$CHECKER_PYTHON" "$HERE/check_gpio.py" "$SHARE/results" "$OUT/guest.log" "$API" || status=1
"$CHECKER_PYTHON" "$HERE/check_cue_sources.py" "$SHARE/results" || status=1
if [ "$API" = 1 ]; then
  "$CHECKER_PYTHON" "$HERE/check_sound.py" "$SHARE/results" || status=1
  "$CHECKER_PYTHON" "$HERE/check_accuracy.py" "$SHARE/results" || status=1
fi
stage "done"
exit $status
