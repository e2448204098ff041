#!/usr/bin/env bash
# What the tests need from the system besides npm packages: Debian's Chromium (browser tests)
# and PostgreSQL 15 (the service suite runs on it too). Installs them when missing and we are
# root on Debian; otherwise says what to install and fails, because tests never skip.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# Fonts so that screenshots and layout measurements show real text.
[ -d /usr/share/fonts/truetype/dejavu ] || missing+=(fonts-dejavu-core)

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing test prerequisites: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "The tests need these Debian packages: ${missing[*]}" >&2
echo "Install them (sudo apt-get install ${missing[*]}) and run the tests again." >&2
exit 1
