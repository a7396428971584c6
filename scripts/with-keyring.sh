#!/usr/bin/env bash
# Runs a command with an unlocked Secret Service keychain (gnome-keyring) on the current
# D-Bus session. Use inside dbus-run-session; the keyring file goes to $XDG_DATA_HOME/keyrings.
set -euo pipefail
: "${DBUS_SESSION_BUS_ADDRESS:?run this under dbus-run-session}"
# The password only guards a throwaway keyring in the test folder.
printf 'cmr-desk-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
