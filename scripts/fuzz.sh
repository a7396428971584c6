#!/usr/bin/env bash
# Runs each fuzz target for a bounded time: scripts/fuzz.sh SECONDS TARGET...
# cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain take them, and
# `--sanitizer none` avoids the sanitizer runtimes a stable toolchain lacks. A crash stops that
# target (the others still run) and leaves its input in fuzz/artifacts/<target>/. New inputs that reach new code go into
# fuzz/corpus/<target>/; before committing, trim it: `cargo fuzz cmin`, then keep the seed-*
# files and at most 100 others per target.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
targets=("$@")
tools="$PWD/target/tools"
if ! command -v cargo-fuzz >/dev/null && [ ! -x "$tools/bin/cargo-fuzz" ]; then
  cargo install cargo-fuzz --locked --root "$tools"
fi
export PATH="$tools/bin:$PATH"
export RUSTC_BOOTSTRAP=1
cd fuzz
# Each target's log goes here; on a fresh clone nothing has built the folder yet.
mkdir -p target
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list)
crashed=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t (${seconds}s)"
  set +e
  cargo fuzz run --sanitizer none "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=8192 -rss_limit_mb=1024 >"target/$t.log" 2>&1
  status=$?
  set -e
  grep -E "^(Done [0-9]+ runs|==[0-9]+== ERROR|SUMMARY|Test unit written)|panicked at" "target/$t.log" || true
  [ "$status" -eq 0 ] || crashed+=("$t")
done
if [ ${#crashed[@]} -gt 0 ]; then
  echo "crashed: ${crashed[*]} (inputs in fuzz/artifacts/<target>/, logs in fuzz/target/<target>.log)"
  exit 1
fi
