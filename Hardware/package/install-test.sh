#!/bin/bash
# Installs snapcue's Debian package into a clean Debian root (debootstrap: the base system,
# only the packages the .deb depends on, and systemd) with 'dpkg --root', and checks what an
# appliance needs: the files, the 'snapcue' user and its groups, the settings, the enabled
# unit (systemd-analyze verify), the service's own command line serving the web app as that
# user and storing a drill's trials, then reinstalling, removing and purging.
#
# usage (as root): install-test.sh DEB
# env: SNAPCUE_DEBIAN_MIRROR (default http://deb.debian.org/debian); the clean root is cached
#      in ~/.cache/snapcue-package-root, keyed by the release and the package's dependencies.
set -euo pipefail
cd "$(dirname "$0")/../.."
DEB=$(readlink -f "${1:?usage: install-test.sh DEB}")
[ "$(id -u)" = 0 ] || { echo "install-test.sh: run as root (it uses chroot and dpkg --root)" >&2; exit 2; }

failures=0
check() { # check NAME COMMAND...: runs the command, says ok or FAIL with the name
  local name=$1; shift
  if "$@" >/tmp/snapcue-check.$$ 2>&1; then echo "ok   $name"
  else echo "FAIL $name"; sed 's/^/     /' /tmp/snapcue-check.$$; failures=$((failures + 1)); fi
  rm -f /tmp/snapcue-check.$$
}

# ------------------------------------------------------------------ a clean root
CODENAME=$(. /etc/os-release && echo "$VERSION_CODENAME")
MIRROR=${SNAPCUE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# "libasound2 (>= 1.0.29), libc6 (>= 2.35) | libc6-udeb" -> "libasound2,libc6": the first of each alternative.
NEEDS=$(dpkg-deb -f "$DEB" Depends | sed -e 's/([^)]*)//g' -e 's/|[^,]*//g' -e 's/[[:space:]]//g')
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/snapcue-package-root
BASE=$CACHE/$CODENAME-$(dpkg --print-architecture)-$(echo "$NEEDS,systemd" | sha256sum | cut -c1-12).tar
if [ ! -f "$BASE" ]; then
  echo "making a clean $CODENAME root with $NEEDS,systemd (debootstrap, once)…"
  mkdir -p "$CACHE"
  FRESH=$(mktemp -d)
  debootstrap --variant=minbase --include="$NEEDS,systemd" "$CODENAME" "$FRESH" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
    { tail -20 "$CACHE/debootstrap.log"; rm -rf "$FRESH"; exit 1; }
  tar -C "$FRESH" -cf "$BASE.part" . && mv "$BASE.part" "$BASE"
  rm -rf "$FRESH"
fi
ROOT=$(mktemp -d /tmp/snapcue-root.XXXXXX)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  mountpoint -q "$ROOT/proc" && umount "$ROOT/proc"
  rm -rf "$ROOT"
}
trap cleanup EXIT
tar -C "$ROOT" -xf "$BASE"
chmod 755 "$ROOT"   # its / must be open to the snapcue user (mktemp made it root's alone)
mount -t proc proc "$ROOT/proc"
in_root() { chroot "$ROOT" "$@"; }

# ------------------------------------------------------------------ install
echo "installing $(basename "$DEB") into a clean $CODENAME root ($ROOT)"
check "dpkg --root installs it, its dependencies met by the clean root" dpkg --root="$ROOT" -i "$DEB"
check "dpkg says it is installed" sh -c "dpkg --root='$ROOT' -s snapcue | grep -qx 'Status: install ok installed'"

# ------------------------------------------------------------------ files
VERSION=$(dpkg-deb -f "$DEB" Version)
check "snapcue runs in the clean root (its libraries are the declared dependencies)" \
  sh -c "[ \"\$(chroot '$ROOT' snapcue --version)\" = '$VERSION' ]"
check "every shipped drill is in /usr/share/snapcue/profiles" \
  sh -c "[ $(ls Profiles/*.yaml | wc -l) -eq \$(ls '$ROOT'/usr/share/snapcue/profiles/*.yaml | wc -l) ]"
check "every station file is in /usr/share/snapcue/stations" \
  sh -c "[ $(ls Hardware/stations/*.yaml | wc -l) -eq \$(ls '$ROOT'/usr/share/snapcue/stations/*.yaml | wc -l) ]"
check "the shipped drills pass the station's check on the simulated station" \
  in_root sh -c 'snapcue profile validate /usr/share/snapcue/profiles/*.yaml --station sim'
for file in lib/systemd/system/snapcue.service usr/lib/systemd/user/snapcue-tv.service \
  lib/udev/rules.d/60-snapcue-gpio.rules usr/share/doc/snapcue/copyright usr/share/doc/snapcue/changelog.gz \
  usr/share/man/man1/snapcue.1.gz; do
  check "/$file is installed" test -s "$ROOT/$file"
done
check "the man page renders" in_root sh -c 'zcat /usr/share/man/man1/snapcue.1.gz | grep -q "^\.SH FILES"'

# ------------------------------------------------------------------ user, data, settings
check "the snapcue user is a system user at home in /var/lib/snapcue, without a login shell" \
  in_root sh -c 'getent passwd snapcue | awk -F: "\$3 < 1000 && \$6 == \"/var/lib/snapcue\" && \$7 ~ /nologin\$/ {ok=1} END {exit !ok}"'
check "the snapcue user is in the gpio and audio groups" \
  in_root sh -c 'id -nG snapcue | tr " " "\n" | grep -qx gpio && id -nG snapcue | tr " " "\n" | grep -qx audio'
check "/var/lib/snapcue and its drills belong to snapcue" \
  in_root sh -c '[ "$(stat -c %U /var/lib/snapcue)" = snapcue ] && [ -z "$(find /var/lib/snapcue/profiles ! -user snapcue)" ]'
check "the shipped drills are offered from /var/lib/snapcue/profiles" \
  sh -c "[ $(ls Profiles/*.yaml | wc -l) -eq \$(ls '$ROOT'/var/lib/snapcue/profiles/*.yaml | wc -l) ]"
check "/etc/snapcue/snapcue.env is root's alone and holds a random trainer token" \
  sh -c "[ \"\$(stat -c %a:%U '$ROOT/etc/snapcue/snapcue.env')\" = 600:root ] &&
         grep -Eq '^SNAPCUE_TOKEN=[A-Za-z0-9]{20,}$' '$ROOT/etc/snapcue/snapcue.env'"
check "with no Raspberry Pi recognised, the station is the simulated one, and the file says how to change it" \
  sh -c "grep -qx 'SNAPCUE_STATION=sim' '$ROOT/etc/snapcue/snapcue.env' && grep -q 'usr/share/snapcue/stations' '$ROOT/etc/snapcue/snapcue.env'"

# ------------------------------------------------------------------ the unit
check "the service is enabled at boot" \
  test "$(readlink "$ROOT/etc/systemd/system/multi-user.target.wants/snapcue.service")" = /lib/systemd/system/snapcue.service
check "systemd-analyze verify passes the unit" in_root systemd-analyze verify --man=no snapcue.service
# The TV's browser is only suggested, and the clean root has none: that one complaint is expected.
check "systemd-analyze verify finds nothing wrong with the TV's user unit but the browser this root lacks" \
  sh -c "! chroot '$ROOT' systemd-analyze verify --man=no /usr/lib/systemd/user/snapcue-tv.service 2>&1 |
         grep -v 'Command /usr/bin/chromium is not executable' | grep ."

# ------------------------------------------------------------------ the service's command, as the snapcue user
# The unit's ExecStart with its variables from the settings file, on a free port instead of 8080.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
set -a; . "$ROOT/etc/snapcue/snapcue.env"; set +a
COMMAND=$(sed -n 's/^ExecStart=//p' "$ROOT/lib/systemd/system/snapcue.service" |
  sed -e "s|\${SNAPCUE_STATION}|$SNAPCUE_STATION|" -e "s|--port 8080|--port $PORT|" -e "s|--host 0.0.0.0|--host 127.0.0.1|")
chroot --userspec=snapcue:gpio --groups=audio "$ROOT" env -i HOME=/var/lib/snapcue SNAPCUE_TOKEN="$SNAPCUE_TOKEN" \
  PATH=/usr/bin:/bin $COMMAND >"$ROOT/tmp/serve.log" 2>&1 &
SERVER=$!
URL=http://127.0.0.1:$PORT
for _ in $(seq 60); do curl -fs -o /dev/null "$URL/" && break; sleep 0.5; done
check "the service's command serves the web app as the snapcue user" curl -fs -o /dev/null "$URL/"
check "the gym TV page is served" sh -c "curl -fs '$URL/tv' | grep -q '<html'"
check "a trainer action without the token is refused" sh -c "[ \"\$(curl -s -o /dev/null -w %{http_code} -X POST '$URL/api/drills/stop')\" = 401 ]"
check "the trainer starts quick-start for a new athlete" \
  curl -fs -X POST -H "Authorization: Bearer $SNAPCUE_TOKEN" -H 'Content-Type: application/json' \
  -d '{"profile":"quick-start","athletes":["Kim"],"add_athlete":true}' "$URL/api/drills"
# Wait for the virtual athlete's first two trials (quick-start's warm-up waits 1.5 s), then stop.
stored_trials() { in_root runuser -u snapcue -- snapcue export --db /var/lib/snapcue/snapcue.db --athlete Kim 2>/dev/null | tail -n +2 | wc -l; }
for _ in $(seq 60); do [ "$(stored_trials)" -ge 2 ] && break; sleep 0.5; done
check "the trainer stops it" curl -fs -X POST -H "Authorization: Bearer $SNAPCUE_TOKEN" "$URL/api/drills/stop"
sleep 2
check "the stopped drill's trials are stored in /var/lib/snapcue/snapcue.db" test "$(stored_trials)" -ge 2
kill -TERM "$SERVER" 2>/dev/null || true
check "SIGTERM ends the service cleanly (what 'systemctl stop' sends)" wait "$SERVER"
SERVER=
echo "     (the service's output:)"; sed 's/^/     | /' "$ROOT/tmp/serve.log" | head -8

# ------------------------------------------------------------------ reinstall, remove, purge
TOKEN_BEFORE=$(grep '^SNAPCUE_TOKEN=' "$ROOT/etc/snapcue/snapcue.env")
check "installing it again keeps the token and the results" \
  sh -c "dpkg --root='$ROOT' -i '$DEB' && [ \"\$(grep '^SNAPCUE_TOKEN=' '$ROOT/etc/snapcue/snapcue.env')\" = '$TOKEN_BEFORE' ] && [ -s '$ROOT/var/lib/snapcue/snapcue.db' ]"
check "removing it takes the program and keeps settings and results" \
  sh -c "dpkg --root='$ROOT' -r snapcue && [ ! -e '$ROOT/usr/bin/snapcue' ] && [ -e '$ROOT/etc/snapcue/snapcue.env' ] && [ -s '$ROOT/var/lib/snapcue/snapcue.db' ]"
check "purging it deletes the settings and still keeps the athletes' results" \
  sh -c "dpkg --root='$ROOT' -P snapcue && [ ! -e '$ROOT/etc/snapcue' ] && [ -s '$ROOT/var/lib/snapcue/snapcue.db' ] && [ ! -e '$ROOT/etc/systemd/system/multi-user.target.wants/snapcue.service' ]"

if [ "$failures" -gt 0 ]; then echo "install test: $failures check(s) failed"; exit 1; fi
echo "install test: every check passed"
