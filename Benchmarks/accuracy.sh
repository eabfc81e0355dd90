#!/bin/bash
# End-to-end reaction-time accuracy in the virtual station over TRIALS
# (default 520) trials of a mixed drill: outcome agreement with the athlete's
# truth, Snapcue's error against the station's floor measured in the same run,
# the naive read-time approach for contrast, and sound-onset intervals in the
# loopback capture (timed by the card's own clock). The goals are checks here.
set -euo pipefail
cd "$(dirname "$0")/.."
HERE=Hardware/virtual-station
TRIALS=${TRIALS:-520}
# The checkers run here on the host and need PyYAML (installed when missing).
. "$HERE/host-checks.sh"
checker_python
# The same slim static build as the station tests (no web app or gym sync in the guest).
BUILD=(swift build -c release --static-swift-stdlib --disable-default-traits --scratch-path .build-station)
"${BUILD[@]}" --product snapcue >/dev/null
"${BUILD[@]}" --product snapcue-athlete >/dev/null
BIN=$("${BUILD[@]}" --show-bin-path)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
printf 'TRIALS=%s sh ./accuracy-scenarios.sh\nsh ./sound-scenarios.sh\n' "$TRIALS" > "$WORK/cmd.sh"
"$HERE/station.sh" --timeout 2400 "$WORK/cmd.sh" "$BIN/snapcue" "$BIN/snapcue-athlete" "$HERE/scenario-lib.sh" \
  "$HERE/accuracy-scenarios.sh" "$HERE/sound-scenarios.sh" > "$WORK/guest.log" 2>&1 || true
SHARE=${SNAPCUE_STATION_CACHE:-$HOME/.cache/snapcue-virtual-station}/run/share
status=0
"$CHECKER_PYTHON" "$HERE/check_accuracy.py" "$SHARE/results" --goals || status=1
"$CHECKER_PYTHON" "$HERE/check_sound.py" "$SHARE/results" --goals || status=1
exit $status
