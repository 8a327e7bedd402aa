#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked GNOME Keyring, so tests use
# a real Secret Service without touching the user's own keychain.
set -euo pipefail
if [ -z "${HOME:-}" ] || [ ! -d "$HOME" ]; then
  HOME="$(mktemp -d /tmp/rosterdesk-home.XXXXXX)"
  export HOME
fi
XDG_DATA_HOME="$(mktemp -d /tmp/rosterdesk-keyring.XXXXXX)"
# The keyring daemon's control socket lives in XDG_RUNTIME_DIR (else under ~/.cache, shared by
# every run of the same user): a private one per run, so a test run beside another run or a
# running app never talks to the other's daemon.
XDG_RUNTIME_DIR="$(mktemp -d /tmp/rosterdesk-runtime.XXXXXX)"
chmod 700 "$XDG_RUNTIME_DIR"
export XDG_DATA_HOME XDG_RUNTIME_DIR
trap 'rm -rf "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"' EXIT
dbus-run-session -- bash -c '
  echo -n rosterdesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-keyring "$@"
