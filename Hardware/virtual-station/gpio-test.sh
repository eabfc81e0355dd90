#!/bin/bash
# Snapcue's GPIO tests against a real kernel: builds the static binaries, boots
# the virtual station, runs gpio-scenarios.sh in the guest, checks the results.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=Hardware/virtual-station
echo "building static release binaries (snapcue, snapcue-athlete)…"
swift build -c release --static-swift-stdlib --product snapcue >/dev/null
swift build -c release --static-swift-stdlib --product snapcue-athlete >/dev/null
BIN=$(swift build -c release --show-bin-path)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
cp "$BIN/snapcue" "$BIN/snapcue-athlete" "$OUT/"
"$HERE/station.sh" --timeout 600 "$HERE/gpio-scenarios.sh" "$OUT/snapcue" "$OUT/snapcue-athlete" > "$OUT/guest.log" 2>&1 || true
SHARE=${SNAPCUE_STATION_CACHE:-$HOME/.cache/snapcue-virtual-station}/run/share
python3 "$HERE/check_gpio.py" "$SHARE/results" "$OUT/guest.log"
