# Sourced (bash) by the host scripts that run the virtual station's checkers (gpio-test.sh,
# Benchmarks/accuracy.sh). The checkers run here on the host, not in the guest.
#
# checker_python: sets CHECKER_PYTHON to a Python 3 that has PyYAML (the checkers read the scenarios'
# station and drill files with it), installing Debian's python3-yaml when none has it, as station.sh
# installs qemu and friends. Debian's package serves Debian's own /usr/bin/python3: a python3 found
# earlier in PATH (a pyenv one, say) may not see it, so that one is tried too.
checker_python() {
  local candidate sudo=
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
      CHECKER_PYTHON=$candidate
      return 0
    fi
  done
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "host-checks: installing python3-yaml (the checkers' YAML parser)" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3 python3-yaml >/dev/null
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
      CHECKER_PYTHON=$candidate
      return 0
    fi
  done
  echo "host-checks: no Python 3 with PyYAML, even after installing python3-yaml" >&2
  return 1
}
