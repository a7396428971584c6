#!/usr/bin/env bash
# make package: CMR Desk's .deb and .rpm, built with the Tauri bundler in the release profile.
# The version is the workspace version in Cargo.toml. Packages land in
# target/release/bundle/deb/ and target/release/bundle/rpm/ (under $CARGO_TARGET_DIR if set).
# With TAURI_SIGNING_PRIVATE_KEY set (the release key), the updater's .sig files are made too.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh package
target="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TARGET_DIR="$target"

args=(build --bundles deb rpm)
if [ -z "${TAURI_SIGNING_PRIVATE_KEY:-}" ]; then
  # Signing update artifacts needs the release key, which only the release workflow holds.
  echo "TAURI_SIGNING_PRIVATE_KEY is not set: building the packages without updater signatures."
  args+=(--config '{"bundle":{"createUpdaterArtifacts":false}}')
fi
# The CLI must run from src-tauri: it reads the crate there (tauri.conf.json links to the root one).
(cd src-tauri && ../ui/node_modules/.bin/tauri "${args[@]}")

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
printf '\nPackages of CMR Desk %s:\n' "$version"
ls -l "$target"/release/bundle/deb/*_"$version"_*.deb "$target"/release/bundle/rpm/*-"$version"-*.rpm
