# shellcheck shell=bash
# Sourced by .ci/run: starts a throwaway PostgreSQL cluster for the tests of
# axis/postgres and cmd/axis, exports AXIS_TEST_POSTGRES with its URL, and
# stops and deletes it when the shell exits (an EXIT trap).
#
#   . .ci/postgres.sh && go test ./postgres/...
#
# Installs Debian's postgresql package only when no initdb is found. Runs
# the server as the postgres user when CI runs as root (initdb refuses
# root), else as the current user. AXIS_PG_PORT picks the port (default:
# the first free one from 55432).

axis_pg_initdb() {
  ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(axis_pg_initdb)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
AXIS_PG_BIN=$(dirname "$(axis_pg_initdb)")

# axis_pg_as runs a command as the server's owner.
axis_pg_as() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sh -c "$*"
  fi
}

if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --no-create-home postgres
fi

AXIS_PG_PORT=${AXIS_PG_PORT:-}
if [ -z "$AXIS_PG_PORT" ]; then
  for p in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      AXIS_PG_PORT=$p
      break
    fi
  done
fi

AXIS_PG_DIR=$(mktemp -d /tmp/axis-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$AXIS_PG_DIR"
fi

axis_pg_stop() {
  if [ -n "${AXIS_PG_DIR:-}" ] && [ -d "$AXIS_PG_DIR" ]; then
    axis_pg_as "'$AXIS_PG_BIN/pg_ctl' -D '$AXIS_PG_DIR' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$AXIS_PG_DIR"
  fi
}
trap axis_pg_stop EXIT

axis_pg_as "'$AXIS_PG_BIN/initdb' -D '$AXIS_PG_DIR' -A trust -U postgres" >/dev/null
if ! axis_pg_as "'$AXIS_PG_BIN/pg_ctl' -D '$AXIS_PG_DIR' -o '-c listen_addresses=127.0.0.1 -p $AXIS_PG_PORT -k $AXIS_PG_DIR' -l '$AXIS_PG_DIR/log' -w start" >/dev/null; then
  cat "$AXIS_PG_DIR/log" >&2
  echo "postgres.sh: the PostgreSQL test server did not start" >&2
  exit 1
fi
export AXIS_TEST_POSTGRES="postgres://postgres@127.0.0.1:$AXIS_PG_PORT/postgres?sslmode=disable"
echo "postgres.sh: PostgreSQL $("$AXIS_PG_BIN/postgres" --version | awk '{print $3}') on port $AXIS_PG_PORT (AXIS_TEST_POSTGRES is set)"
