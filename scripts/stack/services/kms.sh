# shellcheck shell=bash
# Local AWS KMS endpoint: moto's server mode (PyPI `moto[server]`). An existing installation is
# used as is; otherwise moto goes into a virtualenv under .stack/cache so the user's Python stays
# untouched.

_kms_url()  { printf '%s' "${KMS_ENDPOINT:-http://127.0.0.1:4566}"; }
_kms_host() { bind_host "$(url_host "$(_kms_url)" 127.0.0.1)"; }
_kms_port() { url_port "$(_kms_url)" 4566; }
_kms_venv() { printf '%s/moto-venv' "$CACHE_DIR"; }

kms_apt_packages() {
  command -v python3 >/dev/null || printf '%s\n' python3 python3-venv
  command -v curl    >/dev/null || echo curl
}
kms_cmd_pattern() { printf 'moto.server'; }
kms_addr()  { printf 'http://%s:%s' "$(_kms_host)" "$(_kms_port)"; }
kms_ports() { printf '%s:%s\n' "$(_kms_host)" "$(_kms_port)"; }

# Print a python interpreter that can run moto's server (needs moto + flask + flask_cors).
_kms_python() {
  local py
  for py in "$(_kms_venv)/bin/python" "$(command -v python3 || true)"; do
    { [ -n "$py" ] && [ -x "$py" ]; } || continue
    if "$py" -c 'import moto.server, flask, flask_cors' >/dev/null 2>&1; then
      # resolve pyenv shims etc. to the real interpreter so the recorded pid is python's own
      "$py" -c 'import sys; print(sys.executable)'
      return 0
    fi
  done
  return 1
}

kms_install() {
  _kms_python >/dev/null && return 0
  log "kms: installing moto[server] into $(_kms_venv)"
  local venv; venv="$(_kms_venv)"
  rm -rf "$venv"
  if ! python3 -m venv "$venv" > "$LOG_DIR/kms-install.log" 2>&1; then
    # Debian's python3 needs python3-venv for ensurepip
    apt_install python3-venv
    python3 -m venv "$venv" > "$LOG_DIR/kms-install.log" 2>&1 || die "kms: cannot create a virtualenv"
  fi
  "$venv/bin/pip" install -q --disable-pip-version-check 'moto[server]' >> "$LOG_DIR/kms-install.log" 2>&1 \
    || { tail -n 20 "$LOG_DIR/kms-install.log" >&2; die "kms: pip install moto[server] failed"; }
  _kms_python >/dev/null || die "kms: moto server still not importable"
}

kms_start() {
  local py; py="$(_kms_python)" || die "kms: moto not installed"
  launch kms "$py" -m moto.server -H "$(_kms_host)" -p "$(_kms_port)"
}

kms_health() {
  # moto answers its own dashboard API; any HTTP response means the server is serving.
  curl -s -o /dev/null --max-time 2 "http://$(_kms_host):$(_kms_port)/moto-api/" 2>/dev/null
}
