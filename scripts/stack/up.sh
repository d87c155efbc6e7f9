#!/usr/bin/env bash
# Start the native local stack (no Docker): Kafka, Apicurio registry, PostgreSQL+pgvector, Redis,
# ClickHouse and a moto KMS endpoint, all on 127.0.0.1, all state under .stack/ (git-ignored).
#
#   scripts/stack/up.sh                 # everything
#   scripts/stack/up.sh kafka redis     # only these (e.g. after a fault test stopped them)
#
# Idempotent: a service whose own process is already healthy is left alone, so a rerun with the
# stack up takes a few seconds. Installs whatever is missing (apt, Maven Central, PyPI) and caches
# downloads/builds under .stack/cache. Exits non-zero naming each service that did not come up.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_services
ensure_dirs

mapfile -t SERVICES < <(resolve_services "$@")

# Health timeouts (seconds) after launch. JVMs on 2 cores are the slow ones.
declare -A TIMEOUT=([postgres]=60 [redis]=20 [clickhouse]=60 [kms]=60 [kafka]=120 [registry]=180)

t0=$(date +%s)

# 1. Which services are already up (our own, healthy process)? Those are left alone.
declare -A STATE
TO_START=()
FAILED=()
for svc in "${SERVICES[@]}"; do
  if pid="$(svc_pid "$svc")"; then
    main_hp="$(svc_main_hp "$svc")"
    if ! svc_listens "$svc" "$pid" && port_open "${main_hp%:*}" "${main_hp##*:}"; then
      # ours, but something else serves the configured address (our process runs with an older
      # address): do not report someone else's server as ours
      log "$svc: our process (pid $pid) does not serve $("${svc}_addr"), something else does; run scripts/stack/down.sh $svc first"
      FAILED+=("$svc")
      continue
    fi
    if svc_listens "$svc" "$pid" && "${svc}_health"; then
      STATE[$svc]=running
      continue
    fi
  fi
  TO_START+=("$svc")
done

# 2. Install what the services to start need: Debian packages in one batch, then per service.
if [ "${#TO_START[@]}" -gt 0 ]; then
  pkgs=()
  command -v ss >/dev/null || pkgs+=(iproute2)
  for svc in "${TO_START[@]}"; do
    mapfile -t -O "${#pkgs[@]}" pkgs < <("${svc}_apt_packages")
  done
  [ "${#pkgs[@]}" -eq 0 ] || apt_install "${pkgs[@]}"
  for svc in "${TO_START[@]}"; do "${svc}_install"; done
fi

# 3. Launch. A process of ours that is alive but unhealthy (still starting, or hung) is given the
#    health timeout below rather than a second instance; a port held by anyone else is an error.
LAUNCHED=()
for svc in "${TO_START[@]}"; do
  if svc_pid "$svc" >/dev/null; then
    log "$svc: process $(svc_pid "$svc") is ours but not healthy yet; waiting for it"
    LAUNCHED+=("$svc")
    continue
  fi
  conflict=""
  while read -r hp; do
    [ -n "$hp" ] || continue
    if port_open "${hp%:*}" "${hp##*:}"; then
      conflict+="  $hp is in use: $(port_listener "${hp##*:}" | tr -s ' ')"$'\n'
    fi
  done < <("${svc}_ports")
  if [ -n "$conflict" ]; then
    log "$svc: cannot start, its port is held by a process up.sh did not start:"
    printf '%s' "$conflict" >&2
    [ "$svc" = postgres ] && log "  (Debian's own cluster? stop it with: pg_ctlcluster 15 main stop)"
    log "  free the port, or move the service with its env var (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL, REDIS_URL, CLICKHOUSE_URL, KMS_ENDPOINT)"
    FAILED+=("$svc")
    continue
  fi
  log "$svc: starting"
  "${svc}_start"
  LAUNCHED+=("$svc")
done

# 4. Wait for health, then one-off setup (databases, extensions).
for svc in "${LAUNCHED[@]}"; do
  if wait_healthy "$svc" "${TIMEOUT[$svc]}"; then
    if declare -F "${svc}_post_start" >/dev/null; then "${svc}_post_start"; fi
    STATE[$svc]=started
  else
    log "$svc: FAILED to come up; last lines of $(log_file "$svc"):"
    tail -n 25 "$(log_file "$svc")" 2>/dev/null | sed 's/^/    /' >&2 || true
    FAILED+=("$svc")
  fi
done
# A service that was already running still gets its post-start check (cheap, idempotent), so
# e.g. a dropped database is recreated by the next up.sh.
for svc in "${SERVICES[@]}"; do
  if [ "${STATE[$svc]:-}" = running ] && declare -F "${svc}_post_start" >/dev/null; then "${svc}_post_start"; fi
done

for svc in "${SERVICES[@]}"; do
  case "${STATE[$svc]:-}" in
    running) printf '  %-10s already up  %s\n' "$svc" "$("${svc}_addr")" ;;
    started) printf '  %-10s started     %s\n' "$svc" "$("${svc}_addr")" ;;
    *)       printf '  %-10s FAILED      %s  (log: %s)\n' "$svc" "$("${svc}_addr")" "$(log_file "$svc")" ;;
  esac
done
log "done in $(( $(date +%s) - t0 ))s"

if [ "${#FAILED[@]}" -gt 0 ]; then
  die "not up: ${FAILED[*]}"
fi
