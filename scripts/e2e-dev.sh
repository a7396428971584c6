#!/usr/bin/env bash
# A quick E2E run while working on a screen: builds the UI and the app, then runs the given
# specs in a throwaway home, keychain session and X display. Assumes scripts/test.sh ran once
# (it installs the tools). Example: bash scripts/e2e-dev.sh specs/dns.test.mjs
set -euo pipefail
cd "$(dirname "$0")/.."
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/data" "$home/config" "$home/cache" "$home/runtime"
chmod 700 "$home/runtime"
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
export XDG_RUNTIME_DIR="$home/runtime" NO_AT_BRIDGE=1 ARTIFACTS_DIR="${ARTIFACTS_DIR:-$PWD/artifacts}"
npm --prefix ui run build >/dev/null
cargo build -p cmr-desk
dbus-run-session -- bash scripts/with-keyring.sh \
  xvfb-run -a -s "-screen 0 1280x800x24" bash scripts/e2e.sh "$@"
