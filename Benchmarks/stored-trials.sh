#!/usr/bin/env bash
# Stored --fast trials per second at 1 000, 10 000 and 100 000 trials in one session
# (issue 14 item 12): storing a trial must cost the same at any session length.
# Goal: >= 5 000 trials/s at 100 000, and the rate at 100 000 >= 0.8 x the rate at 1 000.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product snapcue >/dev/null
binary=.build/release/snapcue
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A rate
for trials in 1000 10000 100000; do
  # One session of $trials trials, in blocks of at most 10 000 (the profile limit per block).
  {
    printf 'name: stored-trials-%s\nversion: 1\ntitle: "Store scale: %s trials"\n' "$trials" "$trials"
    printf 'cues:\n  light: {light: pad, expect: pad}\ndefaults: {timeout: 1s, intertrial: 200ms}\nblocks:\n'
    for ((left = trials; left > 0; left -= 10000)); do
      printf '  - {name: work, trials: %d, foreperiod: {distribution: uniform, min: 500ms, max: 1500ms}}\n' $((left < 10000 ? left : 10000))
    done
  } > "$work/rapid-$trials.yaml"
  rm -f "$work/results.db"*
  start=$(date +%s.%N)
  "$binary" run "$work/rapid-$trials.yaml" --virtual-athlete --fast --seed 7 --athlete Bench --db "$work/results.db" >/dev/null 2>"$work/err" \
    || { cat "$work/err"; exit 1; }
  end=$(date +%s.%N)
  stored=$("$binary" sessions list --json --db "$work/results.db" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["trials"])')
  rate[$trials]=$(python3 -c "print(round($stored / ($end - $start)))")
  printf 'stored --fast trials: %6d in %6.2f s = %6d trials/s\n' "$stored" "$(python3 -c "print($end - $start)")" "${rate[$trials]}"
done
python3 - "${rate[1000]}" "${rate[100000]}" <<'PY'
import sys
small, large = map(int, sys.argv[1:])
ratio = large / small
print(f"rate at 100 000 / rate at 1 000: {ratio:.2f} (goal >= 0.80); rate at 100 000: {large} trials/s (goal >= 5000)")
sys.exit(0 if ratio >= 0.8 and large >= 5000 else 1)
PY
