#!/usr/bin/env bash
# The window part of make bench (scripts/bench.sh runs it under Xvfb, a session bus and a
# keychain): tauri-driver up, then tests/e2e/bench/window.mjs, which finds the launched apps'
# processes below this tauri-driver to read their memory.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${TAURI_DRIVER_PORT:-4444}"
# The Demo's sandbox on a port of its own choosing.
unset CMR_DESK_DEMO_PORT CMR_DESK_DEMO_KEY
target/tools/bin/tauri-driver --port "$port" --native-port "$((port + 1))" >"$ARTIFACTS_DIR/tauri-driver.log" 2>&1 &
driver=$!
trap 'kill $driver 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
TAURI_DRIVER_PID="$driver" TAURI_DRIVER_PORT="$port" node tests/e2e/bench/window.mjs
