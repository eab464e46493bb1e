#!/usr/bin/env bash
# Runs every test from a plain clone on Debian 12 with the .NET SDK:
#   ./test.sh [extra dotnet test arguments, e.g. --filter Category=Browser]
# 1. installs what the tests need when it is missing (as root; otherwise prints the apt-get line to run):
#    PostgreSQL 15 + PostGIS 3, Chromium + chromedriver and systemd (for systemd-analyze), all Debian packages;
# 2. starts a throwaway PostgreSQL cluster on a free 127.0.0.1 port and exports DGT_TEST_POSTGRES;
# 3. runs `dotnet test DataGouvTerr.sln`, stops the cluster (also on Ctrl-C or failure) and deletes its folder;
# 4. ends with one plain line `tests: N passed, N failed, N skipped` and exits non-zero when a test failed.
# Tests of the category SharedReference read test-only files from ../shared/reference beside the clone: without
# that folder they are skipped (one line says so), except with CI=true (.ci/run) where its absence is a failure.
set -euo pipefail
cd "$(dirname "$0")"

pgbin=/usr/lib/postgresql/15/bin
packages=()
if [ ! -x "$pgbin/postgres" ]; then packages+=(postgresql-15); fi
if [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then packages+=(postgresql-15-postgis-3); fi
if [ ! -x /usr/bin/chromium ]; then packages+=(chromium); fi
if [ ! -x /usr/bin/chromedriver ]; then packages+=(chromium-driver); fi
if [ ! -x /usr/bin/systemd-analyze ]; then packages+=(systemd); fi
if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing Debian packages. Install them, then run ./test.sh again:" >&2
    echo "  sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
  echo "test.sh: installing ${packages[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${packages[@]}" >&2
fi

ci=false
if [ "${CI:-}" = "true" ]; then ci=true; fi
shared="$(cd .. && pwd)/shared/reference"
if [ ! -d "$shared" ] && [ "$ci" = true ]; then
  echo "test.sh: CI=true and $shared is missing: the SharedReference tests must run in CI (test-only reference files, see tests/reference/SOURCES.md)." >&2
  exit 1
fi

# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user the package created.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pgdata=$(mktemp -d /tmp/dgt-test-pg.XXXXXX)
if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pgdata"; fi
stop_cluster() {
  as_owner "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdata"
}
trap stop_cluster EXIT
as_owner "$pgbin/initdb" -D "$pgdata" -A trust -U postgres --no-sync >"$pgdata.initdb.log" 2>&1 \
  || { cat "$pgdata.initdb.log" >&2; rm -f "$pgdata.initdb.log"; exit 1; }
rm -f "$pgdata.initdb.log"

# A free port: the first of 55433… that nothing answers on and where the server then starts.
port=""
for candidate in $(seq 55433 55533); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi
  if as_owner "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $candidate \
      -c unix_socket_directories=$pgdata -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_connections=300" start >/dev/null 2>&1; then
    port=$candidate
    break
  fi
done
if [ -z "$port" ]; then
  echo "test.sh: PostgreSQL did not start on any port of 55433-55533; its log:" >&2
  cat "$pgdata/server.log" >&2 || true
  exit 1
fi
export DGT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"
echo "test.sh: throwaway PostgreSQL 15 + PostGIS 3 on 127.0.0.1:$port ($pgdata)" >&2

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp /tmp/dgt-test-log.XXXXXX)
status=0
dotnet test DataGouvTerr.sln "$@" 2>&1 | tee "$log" || status=$?

# One plain closing line for the whole suite, summed over the test assemblies.
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
rm -f "$log"
if [ ! -d "$shared" ]; then
  echo "SharedReference: $shared is not beside the clone, so the tests of category SharedReference were not run (counted as skipped, not failed)."
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$failed" -gt 0 ]; then status=1; fi
exit "$status"
