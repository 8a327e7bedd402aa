/**
 * Run as its own process by keychain-two-processes.test.ts: checks the keychain as the app does
 * (write, read back, delete a marker) `count` times and prints how many checks called it
 * unavailable, and why.
 */
import { KeyringSecretStore } from '../../electron/core/secrets/keyring-secret-store';

const count = Number(process.argv[2] ?? '200');
const store = new KeyringSecretStore();
let unavailable = 0;
let reason = '';
for (let i = 0; i < count; i++) {
  const status = store.probe();
  if (!status.available) {
    unavailable++;
    reason = status.reason ?? '';
  }
}
process.stdout.write(JSON.stringify({ unavailable, reason }));
