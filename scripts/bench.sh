#!/usr/bin/env bash
# make bench: CMR Desk's release build measured beside a bare Tauri 2 app (benches/bare-app,
# the same WebKitGTK stack, built the same way in the same run): cold start and memory under
# Xvfb, the big account's Mailboxes → Manage and 1,000-record zone in the real window, the bulk
# runner at 5 and 50 requests/s, the account-wide search, and the binaries' sizes. Writes artifacts/bench.md (the table,
# each figure with its reference and goal) and artifacts/bench.json. Not part of `make test`:
# two release builds and many minutes of measuring. Goals are reported, never enforced.
#   BENCH_BUILD=0           measures the binaries already in target/release (no builds)
#   TAURI_DRIVER_PORT=N     tauri-driver's port (default 4444; the native driver takes N+1)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
target="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TARGET_DIR="$target"
out="${ARTIFACTS_DIR:-$PWD/artifacts}"
raw="$out/bench-raw"
rm -rf "$raw"
mkdir -p "$raw"
say() { printf '\n\033[1m=== %s\033[0m\n' "$*"; }

# Both binaries come from the same profile, or the comparison says nothing.
profile() { awk '/^\[profile\.release\]/{f=1; next} /^\[/{f=0} f && NF && !/^#/' "$1"; }
[ "$(profile Cargo.toml)" = "$(profile benches/bare-app/Cargo.toml)" ] ||
  { echo "the [profile.release] of benches/bare-app/Cargo.toml differs from Cargo.toml's: make them the same" >&2; exit 1; }

app_s=null bare_s=null
if [ "${BENCH_BUILD:-1}" != 0 ]; then
  # As make package builds it (tauri build: the UI first, then cargo with the app's protocol).
  say "Release build: CMR Desk"
  start=$SECONDS
  (cd src-tauri && ../ui/node_modules/.bin/tauri build --no-bundle --config '{"bundle":{"createUpdaterArtifacts":false}}')
  app_s=$((SECONDS - start))
  say "Release build: the bare Tauri app"
  start=$SECONDS
  (cd benches/bare-app && ../../ui/node_modules/.bin/tauri build --no-bundle)
  bare_s=$((SECONDS - start))
fi
app="$target/release/cmr-desk" bare="$target/release/bare-app"
APP_BYTES="$(stat -c %s "$app")" BARE_BYTES="$(stat -c %s "$bare")" APP_S="$app_s" BARE_S="$bare_s" \
  PROFILE="$(profile Cargo.toml | paste -sd ';' -)" HOST="$(nproc) cores, $(uname -sr), WebKitGTK $(pkg-config --modversion webkit2gtk-4.1)" \
  node -e 'const e = process.env; console.log(JSON.stringify({ appBytes: +e.APP_BYTES, bareBytes: +e.BARE_BYTES,
    appBuildS: JSON.parse(e.APP_S), bareBuildS: JSON.parse(e.BARE_S), profile: e.PROFILE, host: e.HOST }))' >"$raw/build.json"

# The bulk runner against the sandbox over loopback, its rate limit on: the documented 5/s,
# and 50/s as the earlier figures were taken.
bulk() {
  say "Bulk runner: $1 DNS writes at $2/s"
  cargo run --release -q -p cmr-core --example bulk_bench -- --items "$1" --rps "$2" --json | tee "$raw/bulk.log"
  tail -n1 "$raw/bulk.log" >"$raw/bulk-$2.json"
}
bulk 500 5 || echo '{"error": "the bulk bench at 5/s failed (see the log above)"}' >"$raw/bulk-5.json"
bulk 1000 50 || echo '{"error": "the bulk bench at 50/s failed (see the log above)"}' >"$raw/bulk-50.json"

# The account-wide search (Ctrl+K) over the big account's rows in the cache, as the app queries it.
say "Account-wide search over the big account's cache"
{ cargo run --release -q -p cmr-core --example search_bench -- --json | tee "$raw/search.log" &&
  tail -n1 "$raw/search.log" >"$raw/search.json"; } ||
  echo '{"error": "the search bench failed (see the log above)"}' >"$raw/search.json"

say "In the window (Xvfb): cold starts, memory, the big account"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/data" "$home/config/com.cmrdesk.desktop" "$home/cache" "$home/runtime"
chmod 700 "$home/runtime"
# A returning user: the welcome does not cover the first screen.
printf '{ "welcomeDismissed": true }\n' >"$home/config/com.cmrdesk.desktop/settings.json"
XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime" \
  NO_AT_BRIDGE=1 APP_BIN="$app" BARE_BIN="$bare" BENCH_WINDOW_JSON="$raw/window.json" ARTIFACTS_DIR="$raw" \
  dbus-run-session -- bash scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" bash scripts/bench-window.sh ||
  echo '{"error": "the window bench failed (see the log above)"}' >"$raw/window.json"

say "Results: $out/bench.md"
node tests/e2e/bench/report.mjs "$raw"
