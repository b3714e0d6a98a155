#!/usr/bin/env bash
# Makes sure the services the tests need are on this machine:
#
# - Chromium (Debian's package) for the browser tests;
# - PostgreSQL (Debian's package) for the platform's PostgreSQL store tests, with a role `suyuan`
#   (password `suyuan`, CREATEDB) owning a database `suyuan_test`, reachable at
#   postgres://suyuan:suyuan@127.0.0.1:5432/suyuan_test (the tests' default; they read
#   SUYUAN_TEST_POSTGRES_URL instead when it is set, and then this script only checks that URL).
#
# Installs what is missing with apt when allowed (root with apt-get), starts the PostgreSQL cluster
# when it is down, and creates the role and database when they are missing; running it again changes
# nothing. Otherwise it says loudly which suites will be skipped. With CI=true a missing service is
# an error: nothing may be skipped.
set -uo pipefail

PG_ROLE=suyuan
PG_PASSWORD=suyuan
PG_DATABASE=suyuan_test
PG_DEFAULT_URL="postgres://${PG_ROLE}:${PG_PASSWORD}@127.0.0.1:5432/${PG_DATABASE}"
PG_APT_LOG=/tmp/suyuan-apt-postgresql.log

missing=()
skipped=()

is_root_with_apt() {
  [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1
}

# --- Chromium ----------------------------------------------------------------------------------
if ! command -v chromium >/dev/null 2>&1; then
  if is_root_with_apt; then
    echo "test services: installing Debian's chromium (browser tests)…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/suyuan-apt-chromium.log 2>&1 \
      || echo "test services: apt-get install chromium failed, see /tmp/suyuan-apt-chromium.log"
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    missing+=("chromium")
    skipped+=("the browser suites")
  fi
fi

# --- PostgreSQL --------------------------------------------------------------------------------

# True when Debian's PostgreSQL server and cluster tools are installed.
postgres_installed() {
  command -v pg_ctlcluster >/dev/null 2>&1 && command -v pg_lsclusters >/dev/null 2>&1 \
    && compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null
}

# Runs psql as the postgres superuser over the local socket, quietly, one value per line.
psql_admin() {
  runuser -u postgres -- psql -X -q -t -A -v ON_ERROR_STOP=1 -d postgres "$@"
}

# True when the test URL answers a query (with the test role's password).
postgres_url_reachable() {
  command -v psql >/dev/null 2>&1 && psql -X -q -t -A -d "$1" -c 'SELECT 1' >/dev/null 2>&1
}

# Installs Debian's postgresql package when missing and allowed.
install_postgres() {
  postgres_installed && return 0
  is_root_with_apt || return 1
  echo "test services: installing Debian's postgresql (PostgreSQL store tests)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >"$PG_APT_LOG" 2>&1 \
    || echo "test services: apt-get install postgresql failed, see $PG_APT_LOG"
  postgres_installed
}

# Starts the first cluster (creating `main` of the newest version when there is none); prints "<version> <name> <port>".
start_postgres_cluster() {
  local cluster
  cluster=$(pg_lsclusters -h 2>/dev/null | head -n 1)
  if [ -z "$cluster" ]; then
    local version
    version=$(basename "$(compgen -G "/usr/lib/postgresql/*" | sort -V | tail -n 1)")
    echo "test services: creating PostgreSQL cluster ${version}/main…" >&2
    pg_createcluster "$version" main >>"$PG_APT_LOG" 2>&1 || return 1
    cluster=$(pg_lsclusters -h 2>/dev/null | head -n 1)
  fi
  local version name port status
  read -r version name port status _ <<<"$cluster"
  if [ "$status" != "online" ]; then
    echo "test services: starting PostgreSQL cluster ${version}/${name}…" >&2
    pg_ctlcluster "$version" "$name" start >>"$PG_APT_LOG" 2>&1 || return 1
  fi
  echo "$version $name $port"
}

# Creates (or updates) the test role and database; idempotent.
provision_postgres_test_database() {
  psql_admin <<SQL || return 1
SELECT format('CREATE ROLE %I LOGIN CREATEDB', '${PG_ROLE}')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${PG_ROLE}') \\gexec
ALTER ROLE ${PG_ROLE} WITH LOGIN CREATEDB PASSWORD '${PG_PASSWORD}';
SELECT format('CREATE DATABASE %I OWNER %I', '${PG_DATABASE}', '${PG_ROLE}')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${PG_DATABASE}') \\gexec
SQL
}

# Makes the default test database available on this machine; true when it answers.
ensure_local_postgres() {
  install_postgres || return 1
  [ "$(id -u)" = "0" ] || return 1
  local version name port
  read -r version name port < <(start_postgres_cluster) || return 1
  [ -n "${port:-}" ] || return 1
  if [ "$port" != "5432" ]; then
    echo "test services: PostgreSQL cluster ${version}/${name} listens on port ${port}, not 5432;" \
      "set SUYUAN_TEST_POSTGRES_URL to postgres://${PG_ROLE}:${PG_PASSWORD}@127.0.0.1:${port}/${PG_DATABASE}" >&2
  fi
  # A freshly started server may take a moment to accept connections.
  for _ in $(seq 1 30); do
    runuser -u postgres -- pg_isready -q -p "$port" && break
    sleep 1
  done
  provision_postgres_test_database >>"$PG_APT_LOG" 2>&1 \
    || { echo "test services: creating the PostgreSQL test role/database failed, see $PG_APT_LOG" >&2; return 1; }
  postgres_url_reachable "$PG_DEFAULT_URL"
}

postgres_ready=false
if [ -n "${SUYUAN_TEST_POSTGRES_URL:-}" ]; then
  # Someone else provides the database: only check that it answers.
  postgres_url_reachable "$SUYUAN_TEST_POSTGRES_URL" && postgres_ready=true
elif postgres_url_reachable "$PG_DEFAULT_URL"; then
  postgres_ready=true
elif ensure_local_postgres; then
  postgres_ready=true
fi
if [ "$postgres_ready" = "true" ]; then
  echo "test services: PostgreSQL ready at ${SUYUAN_TEST_POSTGRES_URL:-$PG_DEFAULT_URL}"
else
  missing+=("postgresql (${SUYUAN_TEST_POSTGRES_URL:-$PG_DEFAULT_URL})")
  skipped+=("the PostgreSQL store suites")
fi

# --- Verdict -----------------------------------------------------------------------------------
if [ ${#missing[@]} -gt 0 ]; then
  skipped_list=$(IFS=,; echo "${skipped[*]}" | sed 's/,/, /g')
  echo "!!! test services missing: ${missing[*]} — ${skipped_list} will be SKIPPED."
  echo "!!! Install them (as root: scripts/test-services.sh) to run every test."
  if [ "${CI:-}" = "true" ]; then
    echo "!!! CI=true: refusing to skip." >&2
    exit 1
  fi
fi
exit 0
