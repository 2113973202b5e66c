#!/usr/bin/env bash
# Installs the Debian packages Condenser builds and tests with, when they are missing.
# usage: scripts/install-deps.sh [build|test]
#   build: what `make run` needs (SQLite, zlib and librdkafka headers, pkg-config)
#   test:  that plus the real peers the tests talk to (Debian's `influx` CLI and `influxd`, the
#          Mosquitto MQTT broker and its clients, snmptrapd, aiosmtpd, openssl for test certificates)
set -euo pipefail
packages=(libsqlite3-dev zlib1g-dev librdkafka-dev pkg-config)
if [ "${1:-build}" = test ]; then
  packages+=(influxdb-client influxdb mosquitto mosquitto-clients snmptrapd python3-aiosmtpd openssl)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: apt-get not found; please install: ${missing[*]}" >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
