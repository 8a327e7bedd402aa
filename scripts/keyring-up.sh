#!/usr/bin/env bash
# Run inside scripts/with-keyring.sh's session, before each test stage: makes sure the session's
# unlocked keyring daemon still answers on the bus, and starts it again (same folder, same password)
# when it does not. Two clean-clone runs found it gone by the time the tests started, and D-Bus then
# started a locked keyring in its place that every keychain test met. Outside such a session it
# does nothing.
case "${XDG_RUNTIME_DIR:-}" in
  /tmp/rosterdesk-keyring.*) ;;
  *) exit 0 ;;
esac
command -v gdbus >/dev/null || exit 0
serving() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true
}
serving && exit 0
echo "keyring-up: the test keyring daemon had stopped; starting it again" >&2
echo -n rosterdesk-test | gnome-keyring-daemon --unlock --components=secrets \
  --control-directory="$XDG_RUNTIME_DIR/keyring" >/dev/null || true
for _ in $(seq 1 50); do
  serving && exit 0
  sleep 0.1
done
echo "keyring-up: the test keyring daemon did not answer" >&2
exit 0
