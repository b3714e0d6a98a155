#!/usr/bin/env bash
# Makes sure the services the tests need are on this machine: Chromium (Debian's package) for the
# browser tests. Installs it with apt when missing and allowed (root with apt-get); otherwise says
# loudly which suites will be skipped. With CI=true a missing service is an error: nothing may be skipped.
set -uo pipefail

missing=()
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test services: installing Debian's chromium (browser tests)…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/suyuan-apt-chromium.log 2>&1 \
      || echo "test services: apt-get install chromium failed, see /tmp/suyuan-apt-chromium.log"
  fi
  command -v chromium >/dev/null 2>&1 || missing+=("chromium")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "!!! test services missing: ${missing[*]} — the browser suites will be SKIPPED."
  echo "!!! Install them (as root: scripts/test-services.sh) to run every test."
  if [ "${CI:-}" = "true" ]; then
    echo "!!! CI=true: refusing to skip." >&2
    exit 1
  fi
fi
exit 0
