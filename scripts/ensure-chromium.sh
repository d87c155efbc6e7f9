#!/usr/bin/env bash
# Installs Debian's chromium when /usr/bin/chromium is missing: the report test drives it headless
# with playwright-core (which downloads no browser of its own). Idempotent: a no-op when present.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "[chromium] installing Debian's chromium (report rendering test)" >&2
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Only refresh the package lists when the first attempt cannot find the package (fresh image).
if ! $sudo_cmd apt-get install -y --no-install-recommends chromium >/dev/null; then
  $sudo_cmd apt-get update >/dev/null
  $sudo_cmd apt-get install -y --no-install-recommends chromium >/dev/null
fi
test -x /usr/bin/chromium
echo "[chromium] $(/usr/bin/chromium --version 2>/dev/null || echo installed)" >&2
