#!/usr/bin/env bash
# Reproduces the figures in BENCHMARKS.md on this machine (release build, loopback only).
#   scripts/bench.sh            parser + /write end to end against condenserd and Debian's influxd
#   SKIP_INFLUXD=1 scripts/bench.sh   without the influxd comparison
set -euo pipefail
cd "$(dirname "$0")/.."
bench=../shared/bench
[ -x "$bench/write-load" ] || { echo "bench: ../shared/bench not found" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

swift build -c release >/dev/null
python3 "$bench/gen-lines" -n 5000 -s 1000 > "$work/body.lp"

echo "== line-protocol parse, one core (5000-line body, 1000 series)"
for run in 1 2 3; do taskset -c 0 .build/release/LineProtocolBench "$work/body.lp" 5 | tail -n 1; done

wait_port() {
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "bench: $1 did not come up" >&2
  exit 1
}

echo "== /write end to end: condenserd (release)"
KAPACITOR_HTTP_BIND_ADDRESS=127.0.0.1:19092 KAPACITOR_HTTP_LOG_ENABLED=false KAPACITOR_DATA_DIR="$work/condenser" \
  .build/release/condenserd run -config /dev/null -log-level error &
pids+=($!)
condenser_pid=$!
wait_port http://127.0.0.1:19092/kapacitor/v1/ping
"$bench/write-reps" -r 3 -C "1 2" -d 10 -n 5000 -s 1000 -p "$condenser_pid" http://127.0.0.1:19092 | grep -E "^(summary|run)" || true

if [ -z "${SKIP_INFLUXD:-}" ]; then
  if ! command -v influxd >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends influxdb >/dev/null
    systemctl stop influxdb 2>/dev/null || service influxdb stop 2>/dev/null || true
  fi
  echo "== /write end to end: influxd $(influxd version 2>/dev/null | head -n 1)"
  mkdir -p "$work/influx"
  cat > "$work/influxd.conf" <<CONF
reporting-disabled = true
bind-address = "127.0.0.1:18088"
[meta]
  dir = "$work/influx/meta"
[data]
  dir = "$work/influx/data"
  wal-dir = "$work/influx/wal"
  query-log-enabled = false
[monitor]
  store-enabled = false
[http]
  bind-address = "127.0.0.1:18086"
  log-enabled = false
CONF
  influxd run -config "$work/influxd.conf" >"$work/influxd.log" 2>&1 &
  pids+=($!)
  influx_pid=$!
  wait_port http://127.0.0.1:18086/ping
  curl -s -XPOST http://127.0.0.1:18086/query --data-urlencode "q=CREATE DATABASE bench" >/dev/null
  "$bench/write-reps" -r 3 -C "1 2" -d 10 -n 5000 -s 1000 -p "$influx_pid" http://127.0.0.1:18086 | grep -E "^(summary|run)" || true
fi

echo "== TICKscript parse + pipeline build (302-line script)"
for run in 1 2 3; do taskset -c 0 .build/release/TICKscriptBench 3 | tail -n 1; done
