#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked GNOME Keyring, so tests use
# a real Secret Service without touching the user's own keychain.
set -euo pipefail
if [ -z "${HOME:-}" ] || [ ! -d "$HOME" ]; then
  HOME="$(mktemp -d /tmp/rosterdesk-home.XXXXXX)"
  export HOME
fi
XDG_DATA_HOME="$(mktemp -d /tmp/rosterdesk-keyring.XXXXXX)"
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
dbus-run-session -- bash -c '
  echo -n rosterdesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' with-keyring "$@"
