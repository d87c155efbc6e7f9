#!/usr/bin/env bash
# Stop services started by scripts/stack/up.sh, found through their pid files in .stack/run.
# Anything else (e.g. Debian's own postgres cluster) is never touched. Data is kept.
#
#   scripts/stack/down.sh               # everything
#   scripts/stack/down.sh kafka         # one service (fault tests)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_services
ensure_dirs

mapfile -t SERVICES < <(resolve_services "$@")

# Stop in reverse start order: clients of others (registry uses nothing external, but keep the
# habit) go first.
rc=0
for (( i=${#SERVICES[@]}-1; i>=0; i-- )); do
  svc="${SERVICES[$i]}"
  if pid="$(svc_pid "$svc")"; then
    sig=TERM
    declare -F "${svc}_stop_signal" >/dev/null && sig="$("${svc}_stop_signal")"
    log "$svc: stopping pid $pid (SIG$sig)"
    if stop_pid "$svc" "$pid" "$sig" 30; then
      rm -f "$(pid_file "$svc")"
    else
      warn "$svc: pid $pid would not die"; rc=1
    fi
  else
    rm -f "$(pid_file "$svc")"
    log "$svc: not running (no live process from up.sh)"
  fi
done
exit "$rc"
