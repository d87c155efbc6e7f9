# shellcheck shell=bash
# Redis from Debian's redis-server package: no persistence (a cache/queue for development),
# daemonized by redis itself, pidfile and logfile under .stack.

_redis_url()  { printf '%s' "${REDIS_URL:-redis://127.0.0.1:6379}"; }
_redis_host() { bind_host "$(url_host "$(_redis_url)" 127.0.0.1)"; }
_redis_port() { url_port "$(_redis_url)" 6379; }

redis_apt_packages() {
  command -v redis-server >/dev/null || echo redis-server
  command -v redis-cli    >/dev/null || echo redis-tools
}
redis_cmd_pattern() { printf 'redis-server'; }
redis_addr()  { printf 'redis://%s:%s' "$(_redis_host)" "$(_redis_port)"; }
redis_ports() { printf '%s:%s\n' "$(_redis_host)" "$(_redis_port)"; }

redis_install() { command -v redis-server >/dev/null || die "redis: redis-server missing"; }

redis_start() {
  local lf; lf="$(log_file redis)"
  mkdir -p "$DATA_DIR/redis"
  printf '\n===== %s: started by scripts/stack/up.sh =====\n' "$(date -Is)" >> "$lf"
  rm -f "$(pid_file redis)"
  # --daemonize yes: redis forks and writes its own pidfile (our .stack/run/redis.pid).
  redis-server --bind "$(_redis_host)" --port "$(_redis_port)" --save "" --appendonly no \
    --daemonize yes --pidfile "$(pid_file redis)" --logfile "$lf" --dir "$DATA_DIR/redis" \
    >> "$lf" 2>&1 || die "redis: redis-server failed to start (see $lf)"

  for _ in $(seq 1 50); do [ -s "$(pid_file redis)" ] && return 0; sleep 0.1; done
  die "redis: no pidfile written (see $lf)"
}

redis_health() {
  [ "$(redis-cli -h "$(_redis_host)" -p "$(_redis_port)" ping 2>/dev/null)" = "PONG" ]
}
