# shellcheck shell=bash
# Shared helpers for the native local stack (scripts/stack/{up,down,status}.sh).
#
# Everything the stack creates lives under $STACK_DIR (/work/main/.stack, git-ignored):
#   cache/  downloads and builds that survive `down.sh` (maven repo, Kafka jars, Apicurio, pgvector build)
#   data/   service data directories
#   conf/   generated config files
#   logs/   one <svc>.log per service
#   run/    one <svc>.pid per service (only processes started by up.sh)
#
# Service definitions live in services/<svc>.sh and provide, for svc in $ALL_SERVICES:
#   <svc>_apt_packages   print the Debian packages the service needs (installed in one batch)
#   <svc>_install        fetch/build whatever is not cached yet (idempotent)
#   <svc>_start          launch the process in the background (must not wait for readiness)
#   <svc>_health         return 0 when the service answers on its address
#   <svc>_ports          print the TCP ports (host:port) the service binds, for conflict detection
#   <svc>_addr           print the URL clients use
#   <svc>_post_start     (optional) one-off setup once healthy: databases, extensions
#   <svc>_stop_signal    (optional) signal for a graceful stop (default TERM)
#   <svc>_cmd_pattern    a substring of /proc/<pid>/cmdline proving a pid is really ours

STACK_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$STACK_LIB_DIR/../.." && pwd)"
STACK_DIR="${STACK_DIR:-$PROJECT_ROOT/.stack}"
CACHE_DIR="$STACK_DIR/cache"
DATA_DIR="$STACK_DIR/data"
CONF_DIR="$STACK_DIR/conf"
LOG_DIR="$STACK_DIR/logs"
RUN_DIR="$STACK_DIR/run"

# Start order matters only for readability of output: all services are launched first and
# health-checked afterwards, so the slow JVMs start in parallel with the rest.
ALL_SERVICES=(postgres redis clickhouse kms kafka registry)

export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------------------------
log()  { printf '[stack] %s\n' "$*" >&2; }
warn() { printf '[stack] WARNING: %s\n' "$*" >&2; }
die()  { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

ensure_dirs() {
  mkdir -p "$CACHE_DIR" "$DATA_DIR" "$CONF_DIR" "$LOG_DIR" "$RUN_DIR"
}

load_services() {
  local f
  for f in "$STACK_LIB_DIR"/services/*.sh; do
    # shellcheck source=/dev/null
    source "$f"
  done
}

# Validate service names given on the command line; no names means all of them.
resolve_services() {
  local s ok known
  if [ "$#" -eq 0 ]; then
    printf '%s\n' "${ALL_SERVICES[@]}"
    return
  fi
  for s in "$@"; do
    ok=0
    for known in "${ALL_SERVICES[@]}"; do [ "$s" = "$known" ] && ok=1; done
    [ "$ok" = 1 ] || die "unknown service '$s' (known: ${ALL_SERVICES[*]})"
    printf '%s\n' "$s"
  done
}

# ---------------------------------------------------------------------------------------------
# addresses: every service reads its host/port from the env var the application uses
# ---------------------------------------------------------------------------------------------
# url_host URL DEFAULT / url_port URL DEFAULT: tolerate scheme://user:pw@host:port/path,
# host:port and comma-separated broker lists (first entry wins).
_url_hostport() {
  local u="$1"
  u="${u%%,*}"          # first broker of a list
  u="${u#*://}"         # strip scheme
  u="${u%%/*}"          # strip path
  u="${u%%\?*}"         # strip query
  u="${u##*@}"          # strip credentials
  printf '%s' "$u"
}
url_host() {
  local hp; hp="$(_url_hostport "$1")"
  local h="${hp%%:*}"
  [ -n "$h" ] && printf '%s' "$h" || printf '%s' "$2"
}
url_port() {
  local hp; hp="$(_url_hostport "$1")"
  if [[ "$hp" == *:* ]] && [ -n "${hp##*:}" ]; then printf '%s' "${hp##*:}"; else printf '%s' "$2"; fi
}
# The stack only ever binds loopback; "localhost" may resolve to ::1 first, so bind 127.0.0.1.
bind_host() {
  case "$1" in localhost|"") printf '127.0.0.1' ;; *) printf '%s' "$1" ;; esac
}

# ---------------------------------------------------------------------------------------------
# ports and processes
# ---------------------------------------------------------------------------------------------
# port_open HOST PORT: a TCP connect succeeds within 1 s (bash /dev/tcp, no extra tools).
port_open() {
  timeout 1 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# port_listener PORT: describe the process listening on PORT (for error messages).
port_listener() {
  ss -ltnpH "sport = :$1" 2>/dev/null | sed -n '1,3p'
}

# pid_running PID: the process exists and is not a zombie. A killed daemon stays a zombie until
# PID 1 reaps it (on these machines that can take a moment), and `kill -0` succeeds on zombies.
pid_running() {
  local st
  st="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }

# svc_pid SVC: print the recorded pid if that process is alive AND is the one we started
# (its command line contains <svc>_cmd_pattern), so a recycled pid is never mistaken for ours.
svc_pid() {
  local svc="$1" f pid pattern
  f="$(pid_file "$svc")"
  [ -s "$f" ] || return 1
  pid="$(head -n1 "$f" | tr -dc '0-9')"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  pattern="$("${svc}_cmd_pattern")"
  [[ "$(tr '\0' ' ' < "/proc/$pid/cmdline")" == *"$pattern"* ]] || return 1
  printf '%s' "$pid"
}

# svc_main_hp SVC: the first host:port of <svc>_ports (its client-facing address).
# (No `| head`: with pipefail, head closing the pipe early can kill the writer with SIGPIPE.)
svc_main_hp() {
  local hps
  mapfile -t hps < <("${1}_ports")
  printf '%s' "${hps[0]}"
}

# svc_listens SVC PID: PID is the process listening on the service's main (first) port, i.e. the
# running process really serves the address configured now (and not an older config's port).
svc_listens() {
  local hp port line
  hp="$(svc_main_hp "$1")"; port="${hp##*:}"
  line="$(ss -ltnpH "sport = :$port" 2>/dev/null)"
  [ -n "$line" ] || return 1
  # without root, ss cannot name other users' processes: then the port being open must do
  [[ "$line" == *users:* ]] || return 0
  [[ "$line" == *"pid=$2,"* ]]
}

# launch SVC CMD...: run CMD detached (own session, immune to SIGHUP, stdin closed), append its
# output to the service log and record its pid. The pid is written by the wrapper shell right
# before it execs CMD, so it is the service's pid even if setsid had to fork.
launch() {
  local svc="$1"; shift
  local lf pf
  lf="$(log_file "$svc")"; pf="$(pid_file "$svc")"
  printf '\n===== %s: started by scripts/stack/up.sh =====\n' "$(date -Is)" >> "$lf"
  rm -f "$pf"
  # shellcheck disable=SC2016
  setsid nohup bash -c 'echo $$ > "$0"; exec "$@"' "$pf" "$@" >> "$lf" 2>&1 < /dev/null &
  # wait (briefly) for the pid file so callers can rely on it
  for _ in $(seq 1 50); do [ -s "$pf" ] && return 0; sleep 0.1; done
  die "$svc: launcher did not record a pid"
}

# stop_pid SVC PID SIGNAL TIMEOUT: graceful signal, wait, then SIGKILL.
stop_pid() {
  local svc="$1" pid="$2" sig="$3" t="$4"
  kill "-$sig" "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((t * 10))); do
    pid_running "$pid" || return 0
    sleep 0.1
  done
  warn "$svc (pid $pid) did not stop within ${t}s after SIG$sig; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do pid_running "$pid" || return 0; sleep 0.1; done
  return 1
}

# wait_healthy SVC TIMEOUT_SECONDS: poll <svc>_health; fail early if our process died.
wait_healthy() {
  local svc="$1" t="$2" start now
  start=$(date +%s)
  while :; do
    if "${svc}_health"; then return 0; fi
    if ! svc_pid "$svc" >/dev/null; then
      log "$svc: process exited during startup"
      return 1
    fi
    now=$(date +%s)
    [ $((now - start)) -lt "$t" ] || { log "$svc: not healthy after ${t}s"; return 1; }
    sleep 0.5
  done
}

# ---------------------------------------------------------------------------------------------
# Debian packages: `apt-get update` at most once per run, and only when something is missing.
# ---------------------------------------------------------------------------------------------
APT_UPDATED=0
pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

apt_install() {
  local missing=() p
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "need root to install Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  # Debian's postinst scripts start redis-server, clickhouse-server and the default postgres
  # cluster on their standard ports, where they would collide with ours. A policy-rc.d that
  # answers 101 ("action forbidden") keeps invoke-rc.d from starting them; only add one if the
  # machine has none, and remove it again afterwards.
  local added_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from scripts/stack/lib.sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    added_policy=1
  fi
  local rc=0
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > "$LOG_DIR/apt.log" 2>&1 || rc=$?
  [ "$added_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ "$rc" = 0 ] || { tail -n 20 "$LOG_DIR/apt.log" >&2; die "apt-get install failed (see $LOG_DIR/apt.log)"; }
}

# ---------------------------------------------------------------------------------------------
# Maven (Kafka jars, Apicurio distribution). A project-local repository keeps .stack self-contained.
# ---------------------------------------------------------------------------------------------
# Version that still runs on Debian's Maven 3.8.7 (3.9+ plugins need Maven 3.9 APIs in places).
# shellcheck disable=SC2034  # used by services/*.sh
MAVEN_DEPENDENCY_PLUGIN_VERSION="3.8.1"
mvn_run() {
  mvn -B -q -Dmaven.repo.local="$CACHE_DIR/m2" "$@"
}

# java_major JAVA_BIN: print the feature version (17, 21, 25...).
java_major() {
  "$1" -XX:+IgnoreUnrecognizedVMOptions -version 2>&1 | awk -F'"' '/version/ {print $2; exit}' | awk -F. '{print ($1 == "1") ? $2 : $1}'
}
