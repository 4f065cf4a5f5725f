#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite, on a loopback port, in a temporary
# directory. `start` prints its SQLAlchemy URL; `stop` stops it and removes the directory.
# Installs Debian's postgresql package when no server binaries are found.
set -euo pipefail
dir=${VRAAGWIJZER_PG_DIR:-/tmp/vraagwijzer-test-pg}
port=${VRAAGWIJZER_PG_PORT:-55432}

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -z "$(bindir)" ]; then
      echo "installing postgresql (Debian package)..." >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    fi
    bin=$(bindir)
    # Tests need no crash safety; a benchmark of production figures does (VRAAGWIJZER_PG_DURABLE=1).
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ -n "${VRAAGWIJZER_PG_DURABLE:-}" ] && durability="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
    [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" stop -m immediate >&2 || true
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U vraagwijzer --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=200" \
      start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U vraagwijzer vraagwijzer_test
    echo "postgresql+psycopg://vraagwijzer@127.0.0.1:$port/vraagwijzer_test"
    ;;
  stop)
    bin=$(bindir)
    if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
