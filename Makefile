# The two commands of README.md. Each does its own set-up on a fresh Debian/Ubuntu machine.
.PHONY: run test bindings package fuzz bench

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

# Regenerate ui/src/bindings.ts after changing a command or event, and the rule vectors the
# UI's tests read (ui/src/lib/rules.vectors.json) after changing a rule in cmr-core.
bindings:
	UPDATE_BINDINGS=1 cargo test -p cmr-desk --lib bindings_are_fresh
	UPDATE_BINDINGS=1 cargo test -p cmr-core --test rule_vectors

# The .deb and .rpm (release profile), in target/release/bundle/{deb,rpm}/.
package:
	bash scripts/package.sh

# Each fuzz target for FUZZ_SECONDS (default 30) on the stable toolchain, starting from and
# adding to fuzz/corpus/<target>/. Needs cargo-fuzz (installed into target/tools on first use).
# Not part of `make test`.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?= client_responses zone_import mailbox_csv spf_dmarc dns_validate endpoints_file settings_file profiles_file
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# CMR Desk's release build measured beside a bare Tauri 2 app (benches/bare-app) built in the
# same run: cold start, memory, the big account in the window, the bulk runner at 5/s and 50/s,
# binary size. Writes artifacts/bench.md and artifacts/bench.json. Not part of `make test`.
bench:
	bash scripts/bench.sh
