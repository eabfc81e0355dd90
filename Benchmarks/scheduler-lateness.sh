#!/bin/bash
# Scheduler lateness of the cue thread (deadline → light-set returned) over
# 10 000 cues, beside cyclictest's wake-up latency measured in the same run
# and environment: on this machine with an in-memory light, and in the
# virtual station with a gpio-sim light. Goal: our p99 below cyclictest's p99,
# with the cue thread using at most 5 % of a core while it waits.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-10000}
if ! command -v cyclictest >/dev/null; then
  echo "installing rt-tests (cyclictest)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rt-tests >/dev/null
fi
swift build -c release --static-swift-stdlib --product scheduler-lateness >/dev/null
BIN=$(swift build -c release --show-bin-path)

echo "== this machine, in-memory light ($(nproc) CPUs, $(uname -r))"
cyclictest -q -m -p 80 -t1 -i 2000 -l "$COUNT" -h 20000 2>/dev/null | python3 Benchmarks/cyclictest_summary.py | grep -v '^RESULT'
"$BIN/scheduler-lateness" --count "$COUNT" | grep -v '^RESULT'

echo "== virtual station, gpio-sim light (qemu TCG: emulated CPU, figures are upper bounds)"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/cmd.sh" <<CMD
set -- \$(gpiosim-mk bench 4)
./scheduler-lateness --count $COUNT --gpio-chip bench --gpio-line 0
./cyclictest -q -m -p 80 -t1 -i 2000 -l $COUNT -h 20000 > cyclictest.txt 2>/dev/null
CMD
cp "$BIN/scheduler-lateness" "$(command -v cyclictest)" "$WORK/"
Hardware/virtual-station/station.sh --timeout 900 "$WORK/cmd.sh" "$WORK/scheduler-lateness" "$WORK/cyclictest" 2>/dev/null | grep -v '^RESULT' || true
SHARE=${SNAPCUE_STATION_CACHE:-$HOME/.cache/snapcue-virtual-station}/run/share
python3 Benchmarks/cyclictest_summary.py < "$SHARE/cyclictest.txt" | grep -v '^RESULT'
