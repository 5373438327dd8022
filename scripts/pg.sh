#!/usr/bin/env bash
# A throwaway PostgreSQL server for marsad's tests, on loopback only.
#   bash scripts/pg.sh start   installs Debian's postgresql if it is missing, starts a server, prints its URL
#   bash scripts/pg.sh stop    stops it
# Data lives in $MARSAD_PG_DIR (default /tmp/marsad-pg); the port is $MARSAD_PG_PORT (default 54329).
set -euo pipefail
DIR=${MARSAD_PG_DIR:-/tmp/marsad-pg}
PORT=${MARSAD_PG_PORT:-54329}
URL="postgresql://postgres@127.0.0.1:${PORT}/postgres"

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -z "$d" ] && [ "$(id -u)" = 0 ]; then
    echo "pg.sh: installing postgresql from Debian" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    d=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  fi
  [ -n "$d" ] || { echo "pg.sh: no PostgreSQL installed and not root to install it" >&2; exit 1; }
  echo "$d"
}

as_owner() {  # initdb and postgres refuse to run as root
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

case "${1:-start}" in
  start)
    BIN=$(bindir)
    if [ -f "$DIR/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl -D $DIR/data status" >/dev/null 2>&1; then
      echo "$URL"; exit 0
    fi
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      as_owner "$BIN/initdb -D $DIR/data -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8" >/dev/null
    fi
    as_owner "$BIN/pg_ctl -D $DIR/data -l $DIR/log -w -o \"-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
    echo "$URL"
    ;;
  stop)
    BIN=$(bindir)
    as_owner "$BIN/pg_ctl -D $DIR/data -m fast stop" >/dev/null || true
    ;;
  *) echo "usage: pg.sh start|stop" >&2; exit 2 ;;
esac
