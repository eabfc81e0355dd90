#!/bin/bash
# Gym sync and gym-wide queries at scale against a throwaway PostgreSQL on
# loopback (Tests/postgres/postgres.sh installs and starts it): sync
# throughput in trials per second, and leaderboard/trend latency over
# 50 stations × 100 000 trials. Prints its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVER=$(Tests/postgres/postgres.sh start)
NAME=snapcue_bench_$$
ADMIN=${SERVER%/*}/postgres
psql "$ADMIN" -qc "CREATE DATABASE $NAME"
trap 'psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $NAME" >/dev/null 2>&1 || true' EXIT
swift build -c release --product gym-scale >/dev/null
"$(swift build -c release --show-bin-path)/gym-scale" "${SERVER%/*}/$NAME"
