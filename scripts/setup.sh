#!/usr/bin/env bash
# Installs what CMR Desk needs on a fresh Debian/Ubuntu machine, skipping what is present.
#   scripts/setup.sh run    build dependencies only
#   scripts/setup.sh package  also the packaging tools (make package)
#   scripts/setup.sh test   also the test tools (Xvfb, WebKitWebDriver, keyring, tauri-driver,
#                           and the package checks)
# What it cannot install itself (Rust, Node.js) it checks and explains.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf '\033[31mSet-up stopped:\033[0m %s\n' "$*" >&2; exit 1; }

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# --- toolchains the script does not install ---------------------------------------------
command -v cargo >/dev/null && command -v rustc >/dev/null || die "Rust is not installed. \
Install it with rustup (https://rustup.rs: 'curl --proto =https -sSf https://sh.rustup.rs | sh'), \
open a new shell, then run this command again."
rust_version="$(rustc --version | awk '{print $2}')"
version_ge "$rust_version" "1.90.0" || die "Rust $rust_version is too old; CMR Desk needs 1.90 or newer. \
Run 'rustup update stable' and try again."

command -v node >/dev/null && command -v npm >/dev/null || die "Node.js is not installed. \
Install Node.js 20.19 or newer (22 LTS is fine), for example from your distribution's NodeSource \
packages or with nvm ('nvm install 22'), then run this command again."
node_version="$(node --version | sed 's/^v//')"
version_ge "$node_version" "20.19.0" || die "Node.js $node_version is too old; CMR Desk needs 20.19 or newer \
(older distributions ship an older Node). Install Node.js 22 LTS, for example with nvm ('nvm install 22')."

# --- system packages --------------------------------------------------------------------
build_pkgs=(libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libxdo-dev build-essential pkg-config file)
# bind9-utils: named-checkzone, which loads every zone file the DNS tests export.
test_pkgs=(xvfb xauth webkit2gtk-driver gnome-keyring libsecret-tools dbus dbus-x11 at-spi2-core
  fonts-dejavu-core bind9-utils)
# rpm: the bundler's .rpm step and `rpm -qip`; lintian and desktop-file-validate check the .deb.
package_pkgs=(rpm lintian desktop-file-utils)
pkgs=("${build_pkgs[@]}")
[ "$mode" = package ] && pkgs+=("${package_pkgs[@]}")
[ "$mode" = test ] && pkgs+=("${test_pkgs[@]}" "${package_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "These system packages are missing and apt-get is not available: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "Installing ${missing[*]} needs root; run as root or install sudo."
    sudo="sudo"
  fi
  say "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- npm packages: reinstalled only when the lock file changed ---------------------------
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.lock-hash" hash
  hash="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
    say "npm ci in $dir"
    npm --prefix "$dir" ci --no-audit --no-fund --loglevel=error
    echo "$hash" >"$stamp"
  fi
}
npm_ci ui
[ "$mode" = test ] && npm_ci tests/e2e

# --- tauri-driver, the WebDriver bridge for the E2E tests --------------------------------
if [ "$mode" = test ] && [ ! -x target/tools/bin/tauri-driver ]; then
  say "Installing tauri-driver into target/tools"
  cargo install tauri-driver --version "^2" --locked --root target/tools --quiet
fi
say "Set-up complete ($mode)"
