#!/bin/bash
# A throwaway PostgreSQL server on loopback for Snapcue's sync tests and benchmark.
# Installs Debian's postgresql if it is missing, keeps its data in DIR, trusts
# local connections (loopback only, never on a network).
#
#   postgres.sh start [PORT] [DIR]   start (creating the cluster if needed); prints the URL of database snapcue_test
#   postgres.sh stop  [PORT] [DIR]   stop it (fast shutdown)
#   postgres.sh url   [PORT]         the URL for PORT
set -euo pipefail
COMMAND=${1:?usage: postgres.sh start|stop|url [PORT] [DIR]}
PORT=${2:-55432}
DIR=${3:-/tmp/snapcue-postgres-$PORT}
URL="postgres://snapcue@127.0.0.1:$PORT/snapcue_test"
if [ "$COMMAND" = url ]; then echo "$URL"; exit 0; fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing postgresql (Debian package)…" >&2
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
# PostgreSQL refuses to run as root: run its programs as the postgres user then.
AS=()
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); fi

# The server outlives this script: it must not inherit the caller's descriptors
# (a parent waiting for a pipe or socket to close would wait forever).
for fd in $(ls /proc/$$/fd); do
  if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
done

case "$COMMAND" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ ${#AS[@]} -gt 0 ] && chown postgres: "$DIR"
      "${AS[@]}" "$BIN/initdb" -D "$DIR" -A trust -U snapcue -E UTF8 >/dev/null
    fi
    if ! "${AS[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      "${AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    fi
    "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U snapcue -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'snapcue_test'" | grep -q 1 \
      || "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U snapcue -d postgres -qc "CREATE DATABASE snapcue_test" >/dev/null
    echo "$URL"
    ;;
  stop)
    if [ -f "$DIR/PG_VERSION" ]; then "${AS[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null 2>&1 || true; fi
    ;;
  *)
    echo "usage: postgres.sh start|stop|url [PORT] [DIR]" >&2; exit 2 ;;
esac
