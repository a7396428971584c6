#!/usr/bin/env bash
# A second launch of the app hands over to the running one (which comes to the front) and
# exits by itself with status 0, leaving the first one running: two instances on one data
# folder would run two trackers and two job runners, and could send the same call twice.
#   APP_BIN=target/debug/cmr-desk xvfb-run -a bash scripts/single-instance-check.sh
# Needs an X display. The instance lock is a name on the D-Bus session bus: without one the
# app starts normally, so a private bus is started here when none is set.
set -euo pipefail
: "${APP_BIN:?set APP_BIN to the app binary, e.g. target/debug/cmr-desk}"
: "${DISPLAY:?needs an X display, e.g. run under xvfb-run -a}"
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- bash "$0" "$@"
fi

home="$(mktemp -d)"
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" NO_AT_BRIDGE=1
# A random Demo port and key: this run must not collide with another app on the machine.
unset CMR_DESK_DEMO_PORT CMR_DESK_DEMO_KEY
data="$XDG_DATA_HOME/com.cmrdesk.desktop"
first=""
cleanup() {
  if [ -n "$first" ]; then
    kill "$first" 2>/dev/null || true
    wait "$first" 2>/dev/null || true
  fi
  rm -rf "$home"
}
trap cleanup EXIT
fail() {
  echo "single-instance: FAIL: $*" >&2
  for log in "$home"/*.log; do [ -s "$log" ] && { echo "--- $log" >&2; tail -20 "$log" >&2; }; done
  exit 1
}

"$APP_BIN" >"$home/first.log" 2>&1 &
first=$!
# The data folder is made in the app's setup, after the plugin has taken the instance lock;
# the database follows once the window has asked for data. Wait for it (up to 20 s).
for _ in $(seq 100); do
  kill -0 "$first" 2>/dev/null || fail "the first instance exited on its own"
  [ -f "$data/cmr-desk.sqlite" ] && break
  sleep 0.2
done
[ -d "$data" ] || fail "the first instance never set up $data"
[ -f "$data/cmr-desk.sqlite" ] || echo "single-instance: note: no database yet; the app is up (its data folder exists)"

started=$SECONDS
status=0
timeout 10 "$APP_BIN" >"$home/second.log" 2>&1 || status=$?
[ "$status" -ne 124 ] || fail "the second instance was still running after 10 s"
[ "$status" -eq 0 ] || fail "the second instance exited with status $status"
kill -0 "$first" 2>/dev/null || fail "the first instance is gone after the second launch"
echo "single-instance: ok: the second launch handed over and exited in $((SECONDS - started)) s; the first is still running"
