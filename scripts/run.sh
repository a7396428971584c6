#!/usr/bin/env bash
# Builds and opens CMR Desk. With no profile key set it opens on the Demo profile.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
npm --prefix ui run build
cargo build -p cmr-desk
exec target/debug/cmr-desk
