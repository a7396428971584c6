#!/usr/bin/env bash
# The .deb as a person installs it: built by the Tauri bundler, checked with lintian and
# desktop-file-validate, unpacked into a temporary root (dpkg-deb -x), and its binary opened
# under Xvfb through WebDriver (tests/e2e/specs-installed/).
#   scripts/package-check.sh                     bundles target/debug/cmr-desk, which
#                                                scripts/test.sh has just built: seconds instead
#                                                of a release build's many minutes
#   PACKAGE_DEB=path scripts/package-check.sh    checks a given .deb, e.g. make package's
# TAURI_DRIVER_PORT and E2E_DEMO_PORT are passed on to scripts/e2e.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
target="${CARGO_TARGET_DIR:-$PWD/target}"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"

fail() { printf '\033[31mPackage check failed:\033[0m %s\n' "$*" >&2; exit 1; }
# The packaged changelog is the gzip of packaging/changelog and names this version.
packaging=src-tauri/packaging
cmp -s <(zcat "$packaging/changelog.gz") "$packaging/changelog" ||
  fail "$packaging/changelog.gz is not the gzip of $packaging/changelog: run gzip -9nc $packaging/changelog > $packaging/changelog.gz"
head -n1 "$packaging/changelog" | grep -q "^cmr-desk ($version)" ||
  fail "$packaging/changelog does not start with an entry for $version (Cargo.toml's version)"

deb="${PACKAGE_DEB:-}"
lintian_args=()
if [ -z "$deb" ]; then
  # The debug binary keeps its symbols; make package's release profile strips them, and a
  # .deb given as PACKAGE_DEB is held to that.
  lintian_args+=(--suppress-tags unstripped-binary-or-object)
  [ -x "$target/debug/cmr-desk" ] || { echo "build the app first: cargo build -p cmr-desk" >&2; exit 1; }
  rm -rf "$target/debug/bundle/deb"
  # The same bundler and configuration as make package; no updater signature (no release key here).
  (cd src-tauri && CARGO_TARGET_DIR="$target" ../ui/node_modules/.bin/tauri bundle --debug --bundles deb \
    --config '{"bundle":{"createUpdaterArtifacts":false}}')
  deb="$(ls "$target"/debug/bundle/deb/*_"${version}"_*.deb)"
fi
echo "Package: $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb"

[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "package version $(dpkg-deb -f "$deb" Version) is not Cargo.toml's $version"

echo "--- lintian (no errors allowed; every tag is printed)"
# --fail-on error: warnings and informational tags are shown but do not fail the check.
lintian --fail-on error --tag-display-limit 0 "${lintian_args[@]}" "$deb" || fail "lintian reported errors"

root="$(mktemp -d)"
home="$(mktemp -d)"
trap 'rm -rf "$root" "$home"' EXIT
dpkg-deb -x "$deb" "$root"
desktop="$root/usr/share/applications/CMR Desk.desktop"
[ -f "$desktop" ] || desktop="$(ls "$root"/usr/share/applications/*.desktop)"
echo "--- desktop-file-validate $(basename "$desktop")"
cat "$desktop"
desktop-file-validate "$desktop" || fail "desktop-file-validate reported errors"
grep -q '^Categories=.*Office' "$desktop" || fail "the desktop entry has no Office category"
icon="$(sed -n 's/^Icon=//p' "$desktop")"
ls "$root"/usr/share/icons/hicolor/*/apps/"$icon".png >/dev/null || fail "no icon named $icon in the package"
app="$root/usr/bin/$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")"
[ -x "$app" ] || fail "the desktop entry's Exec is not an executable in the package: $app"

echo "--- the unpacked binary under Xvfb: $app"
# A home of its own: the installed app starts as on a new user's machine.
mkdir -p "$home/data" "$home/config" "$home/cache" "$home/runtime"
chmod 700 "$home/runtime"
XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  XDG_RUNTIME_DIR="$home/runtime" NO_AT_BRIDGE=1 ARTIFACTS_DIR="${ARTIFACTS_DIR:-$PWD/artifacts}" APP_BIN="$app" \
  dbus-run-session -- bash scripts/with-keyring.sh \
  xvfb-run -a -s "-screen 0 1280x800x24" bash scripts/e2e.sh specs-installed/installed.test.mjs
echo "Package check passed in $((SECONDS - start)) s"
