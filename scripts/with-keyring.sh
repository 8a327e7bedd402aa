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

# The Secret Service must answer on this bus before the command starts: a daemon that did not come
# up (it happened once in many runs: every keychain test then met a locked keyring that D-Bus had
# started in its place) is started again, up to three times, then the command runs all the same.
dbus-run-session -- bash -c '
  serving() {
    command -v gdbus >/dev/null || return 0
    gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true
  }
  for attempt in 1 2 3; do
    echo -n rosterdesk-test | gnome-keyring-daemon --unlock --components=secrets \
      --control-directory="$XDG_RUNTIME_DIR/keyring" >/dev/null || true
    for _ in $(seq 1 50); do
      serving && break 2
      sleep 0.1
    done
    echo "with-keyring: the keyring daemon did not answer (attempt $attempt)" >&2
  done
  exec "$@"
' with-keyring "$@"
