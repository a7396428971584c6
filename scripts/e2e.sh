#!/usr/bin/env bash
# WebDriver E2E of the real app window: tauri-driver (→ WebKitWebDriver) + WebdriverIO.
# Expects a display (xvfb-run) and a keychain session (dbus-run-session + with-keyring.sh).
#   scripts/e2e.sh                      every spec in tests/e2e/specs
#   scripts/e2e.sh specs/dns.test.mjs   one spec (paths relative to tests/e2e)
# APP_BIN (default target/debug/cmr-desk) is the binary the specs launch.
# TAURI_DRIVER_PORT (default 4444; the native driver takes the next port) and E2E_DEMO_PORT
# (default 4710, the app's Demo sandbox) let separate runs share a machine.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${TAURI_DRIVER_PORT:-4444}"
mkdir -p "$ARTIFACTS_DIR"
log="$ARTIFACTS_DIR/tauri-driver-$port.log"
# The app's Demo sandbox on a known port and key, so tests can read its state. Set before the
# driver starts: the app inherits the driver's environment.
export CMR_DESK_DEMO_PORT="${E2E_DEMO_PORT:-4710}" CMR_DESK_DEMO_KEY="e2e-demo-key-$$"
target/tools/bin/tauri-driver --port "$port" --native-port "$((port + 1))" >"$log" 2>&1 &
driver=$!
trap 'kill $driver 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
# The specs start as a returning user (welcome already dismissed), so the welcome does not
# cover the screens they test; specs/first-run.test.mjs removes this file to be a new user.
settings="${XDG_CONFIG_HOME:?}/com.cmrdesk.desktop/settings.json"
if [ ! -f "$settings" ]; then
  mkdir -p "$(dirname "$settings")"
  printf '{ "welcomeDismissed": true }\n' >"$settings"
fi
# APP_BIN may name another build of the app (scripts/package-check.sh: the unpacked .deb).
export APP_BIN="${APP_BIN:-$PWD/target/debug/cmr-desk}" TAURI_DRIVER_PORT="$port"
cd tests/e2e
if [ $# -gt 0 ]; then
  node --test --test-concurrency=1 --test-reporter=spec "$@"
else
  npm test
fi
