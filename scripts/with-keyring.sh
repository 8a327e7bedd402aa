#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked GNOME Keyring, so tests use
# a real Secret Service without touching the user's own keychain. Everything the session writes
# (the keyring, its control sockets, caches, settings) lives in one private folder of its own,
# removed at the end with the keyring daemon it started: a second test run, or a RosterDesk open as
# the same user, shares nothing with it.
set -euo pipefail
if [ -z "${HOME:-}" ] || [ ! -d "$HOME" ]; then
  HOME="$(mktemp -d /tmp/rosterdesk-home.XXXXXX)"
  export HOME
fi
SESSION_DIR="$(mktemp -d /tmp/rosterdesk-keyring.XXXXXX)"
mkdir -m 0700 "$SESSION_DIR/runtime" "$SESSION_DIR/cache" "$SESSION_DIR/config" "$SESSION_DIR/data"
export XDG_RUNTIME_DIR="$SESSION_DIR/runtime" XDG_CACHE_HOME="$SESSION_DIR/cache"
export XDG_CONFIG_HOME="$SESSION_DIR/config" XDG_DATA_HOME="$SESSION_DIR/data"

# The daemon detaches from the session: stop the one whose command line names this folder.
stop_daemon() {
  local proc
  for proc in /proc/[0-9]*; do
    if tr '\0' ' ' <"$proc/cmdline" 2>/dev/null | grep -q -- "--control-directory=$SESSION_DIR/"; then
      kill "${proc#/proc/}" 2>/dev/null || true
    fi
  done
  rm -rf "$SESSION_DIR"
}
trap stop_daemon EXIT

dbus-run-session -- bash -c '
  echo -n rosterdesk-test | gnome-keyring-daemon --unlock --components=secrets \
    --control-directory="$XDG_RUNTIME_DIR/keyring" >/dev/null
  exec "$@"
' with-keyring "$@"
