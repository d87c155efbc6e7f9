# shellcheck shell=bash
# PostgreSQL 15 (Debian) + pgvector >= 0.8, as our OWN cluster under .stack/data/postgres.
# Debian's default cluster (/var/lib/postgresql/15/main, port 5432) is never touched: if it (or
# anything else) holds our port, up.sh fails with a message instead of fighting it.
#
# pgvector has no bookworm package, so it is built from Debian trixie's source package against
# postgresql-server-dev-15, using a temporary apt source list so the system's sources are untouched
# (ARCHITECTURE.md section 4). The built tree is cached in .stack/cache/pgvector; a rerun only
# runs `make install` when the extension files are missing from the PostgreSQL directories.

PG_MAJOR=15
PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PGVECTOR_MIN="0.8"

_pg_url()  { printf '%s' "${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sentinel}"; }
_pg_host() { bind_host "$(url_host "$(_pg_url)" 127.0.0.1)"; }
_pg_port() { url_port "$(_pg_url)" 5432; }
_pg_db()   {
  local u db
  u="$(_pg_url)"
  u="${u#*://}"; db="${u#*/}"; [ "$db" = "$u" ] && db=""; db="${db%%\?*}"
  printf '%s' "${db:-sentinel}"
}
_pg_data() { printf '%s/postgres' "$DATA_DIR"; }

postgres_apt_packages() {
  [ -x "$PG_BIN/postgres" ] || echo "postgresql-$PG_MAJOR"
  pkg_installed "postgresql-client-$PG_MAJOR" || echo "postgresql-client-$PG_MAJOR"
}
postgres_cmd_pattern() { printf '%s' "$PG_BIN/postgres"; }
postgres_addr()  { printf 'postgres://postgres@%s:%s/%s' "$(_pg_host)" "$(_pg_port)" "$(_pg_db)"; }
postgres_ports() { printf '%s:%s\n' "$(_pg_host)" "$(_pg_port)"; }
# SIGINT = "fast" shutdown: disconnect clients and stop. SIGTERM ("smart") would wait for every
# client (e.g. a test's idle pool) to disconnect first.
postgres_stop_signal() { printf 'INT'; }

# postgres refuses to run as root: run server-side commands as the `postgres` user.
_as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

_pgvector_installed_version() {
  local ctl="/usr/share/postgresql/$PG_MAJOR/extension/vector.control"
  [ -f "$ctl" ] && [ -f "/usr/lib/postgresql/$PG_MAJOR/lib/vector.so" ] || return 1
  sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" "$ctl"
}

_version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | sed -n 1p)" = "$2" ]; }

_pgvector_install() {
  local v
  if v="$(_pgvector_installed_version)" && _version_ge "$v" "$PGVECTOR_MIN"; then return 0; fi
  local build="$CACHE_DIR/pgvector" src
  mkdir -p "$build"
  src="$(find "$build" -maxdepth 1 -type d -name 'pgvector-*' | sort -V | tail -n1)"
  if [ -z "$src" ] || [ ! -f "$src/vector.so" ]; then
    log "postgres: building pgvector from Debian trixie's source package"
    apt_install "postgresql-server-dev-$PG_MAJOR" dpkg-dev make gcc
    local aptdir="$CACHE_DIR/apt-trixie-src"
    mkdir -p "$aptdir/lists/partial" "$build"
    # Dedicated list + state dir: only this apt invocation sees trixie; /etc/apt is untouched.
    echo 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' \
      > "$aptdir/sources.list"
    local aptopts=(-o "Dir::Etc::sourcelist=$aptdir/sources.list" -o Dir::Etc::sourceparts=/dev/null
                   -o "Dir::State::Lists=$aptdir/lists" -o APT::Sandbox::User=root)
    apt-get "${aptopts[@]}" update -qq > "$LOG_DIR/postgres-install.log" 2>&1 \
      || { tail -n 20 "$LOG_DIR/postgres-install.log" >&2; die "postgres: apt-get update (trixie deb-src) failed"; }
    ( cd "$build" && rm -rf pgvector-* pgvector_* && apt-get "${aptopts[@]}" source -qq pgvector ) \
      >> "$LOG_DIR/postgres-install.log" 2>&1 \
      || { tail -n 20 "$LOG_DIR/postgres-install.log" >&2; die "postgres: apt-get source pgvector failed"; }
    src="$(find "$build" -maxdepth 1 -type d -name 'pgvector-*' | sort -V | tail -n1)"
    [ -n "$src" ] || die "postgres: pgvector source tree not found in $build"
    make -C "$src" -j"$(nproc)" PG_CONFIG="$PG_BIN/pg_config" >> "$LOG_DIR/postgres-install.log" 2>&1 \
      || { tail -n 20 "$LOG_DIR/postgres-install.log" >&2; die "postgres: pgvector build failed"; }
  fi
  make -C "$src" install PG_CONFIG="$PG_BIN/pg_config" >> "$LOG_DIR/postgres-install.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/postgres-install.log" >&2; die "postgres: pgvector make install failed"; }
  v="$(_pgvector_installed_version)" || die "postgres: pgvector not installed after make install"
  _version_ge "$v" "$PGVECTOR_MIN" || die "postgres: pgvector $v < $PGVECTOR_MIN"
  log "postgres: pgvector $v installed"
}

postgres_install() {
  [ -x "$PG_BIN/postgres" ] || die "postgres: $PG_BIN/postgres missing"
  _pgvector_install
  local data; data="$(_pg_data)"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "postgres: initdb $data"
    rm -rf "$data"; mkdir -p "$data"
    chown -R postgres:postgres "$data"; chmod 700 "$data"
    # trust auth: a loopback-only development cluster (listen_addresses is 127.0.0.1 only).
    _as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      > "$LOG_DIR/postgres-install.log" 2>&1 \
      || { tail -n 20 "$LOG_DIR/postgres-install.log" >&2; die "postgres: initdb failed"; }
  fi
}

postgres_start() {
  local data sock lf
  data="$(_pg_data)"; sock="$RUN_DIR/pgsock"; lf="$(log_file postgres)"
  mkdir -p "$sock"; touch "$lf"
  chown postgres:postgres "$sock" "$lf" 2>/dev/null || true
  # Settings on the command line so the cluster follows DATABASE_URL without editing its files;
  # the socket lives under .stack so we never depend on /var/run/postgresql. fsync/full_page_writes
  # off: a throwaway dev cluster; a killed postgres process still recovers (only an OS crash could
  # lose data), and tests run much faster.
  printf '\n===== %s: started by scripts/stack/up.sh =====\n' "$(date -Is)" >> "$lf"
  # After a crash (kill -9) postmaster.pid is stale. postgres copes with that itself, but we read
  # the new pid from that file, so drop a stale one now (up.sh already saw our port free).
  local old=""
  [ -s "$data/postmaster.pid" ] && old="$(head -n1 "$data/postmaster.pid")"
  # a postmaster that was just killed can take a moment to be gone
  for _ in $(seq 1 50); do { [ -n "$old" ] && pid_running "$old"; } || break; sleep 0.1; done
  if [ -n "$old" ] && ! pid_running "$old"; then
    # postgres itself would still see a not-yet-reaped zombie as "another postmaster running",
    # through postmaster.pid and through the socket lock file (the socket dir is ours alone)
    rm -f "$data/postmaster.pid" "$sock"/.s.PGSQL.*.lock; old=""
  fi
  _as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$lf" -s \
    -o "-c listen_addresses=$(_pg_host) -p $(_pg_port) -c unix_socket_directories=$sock -c max_connections=200 -c shared_buffers=256MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start -W > /dev/null 2>>"$lf" || die "postgres: pg_ctl start failed (see $lf)"
  # The postmaster writes postmaster.pid early in its start; wait for a live pid there and record it.
  local pid=""
  for _ in $(seq 1 100); do
    pid="$(head -n1 "$data/postmaster.pid" 2>/dev/null || true)"
    [ -n "$pid" ] && [ "$pid" != "$old" ] && pid_running "$pid" && break
    pid=""; sleep 0.1
  done
  [ -n "$pid" ] || die "postgres: no live postmaster pid in $data/postmaster.pid (see $lf)"
  printf '%s\n' "$pid" > "$(pid_file postgres)"
}

_psql() { psql -X -q -v ON_ERROR_STOP=1 -h "$(_pg_host)" -p "$(_pg_port)" -U postgres "$@"; }

postgres_health() {
  pg_isready -q -h "$(_pg_host)" -p "$(_pg_port)" -U postgres -d postgres -t 2 2>/dev/null
}

postgres_post_start() {
  local db; db="$(_pg_db)"
  [[ "$db" =~ ^[A-Za-z0-9_]+$ ]] || die "postgres: unsupported database name '$db'"
  if [ -z "$(_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    log "postgres: creating database $db"
    _psql -d postgres -c "CREATE DATABASE \"$db\""
  fi
  _psql -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS vector' 2>&1 | grep -v 'already exists, skipping' >&2 || true
  [ -n "$(_psql -d "$db" -tAc "SELECT extversion FROM pg_extension WHERE extname = 'vector'")" ] \
    || die "postgres: extension vector missing in $db"
}
