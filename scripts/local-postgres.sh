#!/bin/sh
# A throw-away PostgreSQL server for trying pwiz's shared register on your own machine.
#
#   sh scripts/local-postgres.sh [FOLDER]        start it (FOLDER defaults to ./.pwiz-postgres)
#   sh scripts/local-postgres.sh stop [FOLDER]   stop it (delete FOLDER to throw it away)
#
# It runs as you (not root), listens only on a unix socket inside FOLDER (no network port),
# and trusts whoever can reach that socket: FOLDER is made private to you. Not for real data:
# a shared register belongs on a server IT runs (README: "Shared register").
# Needs PostgreSQL's server programs (Debian/Ubuntu: apt-get install postgresql).
set -eu

action=start
if [ "${1:-}" = stop ]; then
  action=stop
  shift
fi
folder=${1:-.pwiz-postgres}

fail() {
  echo "local-postgres: $*" >&2
  exit 1
}

[ "$(id -u)" != 0 ] || fail "run this as your own user, not root (PostgreSQL refuses to run as root)"

# initdb and pg_ctl: pg_config's folder, Debian's versioned folders (not on PATH), then PATH.
bindir=""
if command -v pg_config >/dev/null 2>&1; then
  candidate=$(pg_config --bindir 2>/dev/null || true)
  [ -x "$candidate/initdb" ] && bindir=$candidate
fi
if [ -z "$bindir" ]; then
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [ -x "$candidate/initdb" ]; then
      bindir=$candidate
      break
    fi
  done
fi
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v initdb)")
fi
[ -n "$bindir" ] || fail "no PostgreSQL server programs found (Debian/Ubuntu: apt-get install postgresql)"

if [ "$action" = stop ]; then
  [ -d "$folder/data" ] || fail "$folder: no server there"
  if "$bindir/pg_ctl" status -D "$folder/data" >/dev/null 2>&1; then
    "$bindir/pg_ctl" stop -D "$folder/data" -m fast -w -s
    echo "stopped the server in $folder (delete the folder to throw it away)"
  else
    echo "the server in $folder is not running"
  fi
  exit 0
fi

mkdir -p "$folder"
chmod 700 "$folder"
folder=$(cd "$folder" && pwd)
url="postgresql:///pwiz?host=$folder&port=5432"

if [ ! -f "$folder/data/PG_VERSION" ]; then
  locale=C
  if locale -a 2>/dev/null | grep -qi '^c\.utf-*8$'; then locale=C.UTF-8; fi
  "$bindir/initdb" -D "$folder/data" -A trust -E UTF8 --locale="$locale" >"$folder/initdb.log" 2>&1 ||
    fail "initdb failed; see $folder/initdb.log"
  cat >>"$folder/data/postgresql.conf" <<EOF

# scripts/local-postgres.sh: a unix socket in this folder only, no network port
listen_addresses = ''
unix_socket_directories = '$folder'
port = 5432
EOF
fi

if ! "$bindir/pg_ctl" status -D "$folder/data" >/dev/null 2>&1; then
  "$bindir/pg_ctl" start -D "$folder/data" -l "$folder/server.log" -w -s ||
    fail "the server did not start; see $folder/server.log"
fi
"$bindir/psql" -h "$folder" -p 5432 -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'pwiz'" | grep -q 1 ||
  "$bindir/createdb" -h "$folder" -p 5432 pwiz

echo "PostgreSQL is running in $folder (stop it with: sh scripts/local-postgres.sh stop $folder)"
echo "Use it with:"
echo "export PWIZ_DB='$url'"
