#!/usr/bin/env bash
# Show each service of the native stack: up/down, address, pid, log file.
# Exit 0 when every service asked about is up, 1 otherwise.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_services

mapfile -t SERVICES < <(resolve_services "$@")

rc=0
printf '%-10s %-8s %-45s %-8s %s\n' SERVICE STATE ADDRESS PID LOG
for svc in "${SERVICES[@]}"; do
  pid="$(svc_pid "$svc" || true)"
  if [ -n "$pid" ] && svc_listens "$svc" "$pid" && "${svc}_health"; then
    state=up
  elif [ -n "$pid" ]; then
    state=starting; rc=1       # our process, not answering (yet)
  elif "${svc}_health"; then
    state=foreign; rc=1        # something answers, but up.sh did not start it
  else
    state=down; rc=1
  fi
  printf '%-10s %-8s %-45s %-8s %s\n' "$svc" "$state" "$("${svc}_addr")" "${pid:--}" "$(log_file "$svc")"
done
exit "$rc"
