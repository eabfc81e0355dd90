#!/bin/bash
# Does web traffic disturb cue timing? A drill started through `snapcue serve`
# runs on the simulated station with the real-time runner (waiting like the
# GPIO cue thread: block, then spin to the deadline), once on an idle server
# and once while 200 concurrent clients (wrk, 200 connections) load the
# station's pages and API; then the same with the cue thread's CPU reserved
# (serve --cpu 1: every other thread of the server kept off CPU 1); and, for
# contrast, under load without real-time priority. The clients stand in for
# phones and TVs elsewhere on the gym's network: wrk is kept on CPU 0 so it
# does not take CPU time a station would have (LOAD_CPUS=0,1 lets it use
# both). Each trial's scheduler lateness (cue onset − scheduled onset, as
# stored) is summarised: p50, p99, max. Goal: the p99 under load within 2× the
# idle p99 and under 1 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
TRIALS=${TRIALS:-150}
CLIENTS=${CLIENTS:-200}
LOAD_CPUS=${LOAD_CPUS:-0}
if ! command -v wrk >/dev/null; then
  echo "installing wrk…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
# SNAPCUE_BIN: an already built snapcue (e.g. .build/debug/snapcue) instead of a release build.
if [ -z "${SNAPCUE_BIN:-}" ]; then
  swift build -c release --product snapcue >/dev/null
fi
BIN=${SNAPCUE_BIN:-$(swift build -c release --show-bin-path)/snapcue}
WORK=$(mktemp -d)
SERVER=""
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
DB="$WORK/bench.db"
mkdir -p "$WORK/profiles"
cp Profiles/choice-4.yaml "$WORK/profiles/"
cat > "$WORK/profiles/timing.yaml" <<YAML
name: timing
version: 1
title: Timing benchmark
cues:
  light:
    light: pad
    expect: pad
defaults:
  timeout: 800ms
  anticipation: 100ms
  intertrial: 50ms
blocks:
  - name: work
    trials: $TRIALS
    foreperiod: {distribution: uniform, min: 50ms, max: 150ms}
YAML
# Pages worth loading: 12 athletes with 3 sessions each.
for athlete in $(seq 1 12); do
  for seed in 1 2 3; do
    "$BIN" run Profiles/choice-4.yaml --virtual-athlete --fast --athlete "Athlete $athlete" --add-athlete --seed $((athlete * 10 + seed)) --db "$DB" >/dev/null 2>&1
  done
done
TOKEN=bench-token-0123

serve() {  # serve [extra options]; sets SERVER and URL
  "$BIN" serve --port 0 --db "$DB" --profiles "$WORK/profiles" --token "$TOKEN" "$@" > "$WORK/serve.out" 2> "$WORK/serve.err" &
  SERVER=$!
  for _ in $(seq 1 100); do
    URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.out" || true)
    [ -n "$URL" ] && return
    sleep 0.1
  done
  echo "serve did not start: $(cat "$WORK/serve.err")"; exit 1
}

drill() {  # drill LABEL: runs the timing drill, prints its lateness summary
  local answer id
  answer=$(curl -s -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data '{"profile": "timing", "athletes": ["Timer"], "seed": 7}' "$URL/api/drills")
  id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["session_id"])' <<< "$answer")
  curl -s -N "$URL/api/live/events?until=finished" > /dev/null
  curl -s "$URL/api/sessions/$id" | python3 Benchmarks/lateness_summary.py "$1"
}

load() {  # load: CLIENTS connections loading pages until killed; sets LOAD
  cat > "$WORK/pages.lua" <<'LUA'
local paths = {"/", "/leaderboard/choice-4?min_valid=5", "/athletes/Athlete%201", "/sessions", "/sessions/5",
               "/api/leaderboard/choice-4", "/api/athletes/Athlete%202", "/live", "/assets/snapcue.css"}
local i = 0
request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end
LUA
  taskset -c "$LOAD_CPUS" wrk -t2 -c"$CLIENTS" -d600s --latency -s "$WORK/pages.lua" "$URL" > "$WORK/wrk.out" 2>&1 &
  LOAD=$!
  sleep 2
}

unload() {
  kill -INT $LOAD 2>/dev/null || true
  wait $LOAD 2>/dev/null || true
  local rate latency
  rate=$(grep 'Requests/sec' "$WORK/wrk.out" | awk '{print $2}')
  latency=$(grep -E '^ +99%' "$WORK/wrk.out" | awk '{print $2}')
  echo "    (web load: $CLIENTS clients, ${rate:-?} requests/s served, page p99 ${latency:-?})"
}

echo "web-load: scheduler lateness of a $TRIALS-trial drill started through 'snapcue serve' ($(nproc) CPUs, $(uname -r)); load generator on CPU(s) $LOAD_CPUS"
restart() {  # restart [serve options]
  [ -n "$SERVER" ] && { kill $SERVER; wait $SERVER 2>/dev/null || true; }
  serve "$@"
}
restart
drill "idle server, real-time cue thread"
load
drill "$CLIENTS clients loading pages, real-time cue thread"
unload
restart --cpu 1
drill "idle server, real-time cue thread on reserved CPU 1"
load
drill "$CLIENTS clients loading pages, real-time cue thread on reserved CPU 1"
unload
restart --no-realtime
load
drill "$CLIENTS clients loading pages, no real-time priority"
unload
