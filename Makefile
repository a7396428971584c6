# The two commands of README.md. Each does its own set-up on a fresh Debian/Ubuntu machine.
.PHONY: run test bindings package

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

# Regenerate ui/src/bindings.ts after changing a command or event.
bindings:
	UPDATE_BINDINGS=1 cargo test -p cmr-desk --lib bindings_are_fresh

# The .deb and .rpm (release profile), in target/release/bundle/{deb,rpm}/.
package:
	bash scripts/package.sh
