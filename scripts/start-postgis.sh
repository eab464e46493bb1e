#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 + PostGIS 3 on 127.0.0.1 for the tests and prints the connection string
# as an export line. Installs the Debian packages when missing. Usage: eval "$(scripts/start-postgis.sh [PORT])"
set -euo pipefail
port="${1:-55432}"
pgbin=/usr/lib/postgresql/15/bin
if [ ! -x "$pgbin/postgres" ] || [ ! -d /usr/share/postgresql/15/extension ] || ! ls /usr/share/postgresql/15/extension/postgis.control >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 >&2
fi
dir="${PGDATA_DIR:-$(mktemp -d /tmp/dgt-pg.XXXXXX)}"
chown postgres:postgres "$dir"
if [ ! -f "$dir/PG_VERSION" ]; then
  runuser -u postgres -- "$pgbin/initdb" -D "$dir" -A trust -U postgres --no-sync >&2
fi
runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >&2
echo "export DGT_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true'"
echo "export DGT_PGDATA='$dir'"
