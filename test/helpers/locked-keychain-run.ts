/**
 * Run by locked-keychain.test.ts inside a keyring session of its own (scripts/with-keyring.sh), so
 * locking it disturbs no other test: saves a ClassLink and a platform connection with their
 * secrets, locks the keychain's collection over D-Bus as the desktop's lock does, then calls
 * `sync.start` and `platform.pull` as the window does and prints their replies.
 */
import { execFileSync } from 'node:child_process';
import { openAppServices } from '../../electron/core/app/app-services';
import { createHandlers } from '../../electron/core/handlers';
import { dispatch } from '../../electron/core/ipc/dispatch';
import { memoryLogger } from './silent-logger';

const services = openAppServices({ dataDir: process.argv[2] ?? '', logger: memoryLogger() });
const classLink = services.connections.add({
  name: 'ClassLink',
  settings: {
    kind: 'classlink',
    baseUrl: 'https://127.0.0.1:9/ims/oneroster/v1p1',
    authMethod: 'oauth1',
    clientId: 'id',
  },
  secrets: { clientSecret: 'the-secret' },
});
const platform = services.connections.add({
  name: 'Platform',
  settings: { kind: 'platform', baseUrl: 'https://127.0.0.1:9/api', licenseId: 'lic-1' },
  secrets: { apiToken: 'the-token' },
});
execFileSync('gdbus', [
  'call',
  '--session',
  '--dest',
  'org.freedesktop.secrets',
  '--object-path',
  '/org/freedesktop/secrets',
  '--method',
  'org.freedesktop.Secret.Service.Lock',
  "['/org/freedesktop/secrets/collection/login']",
]);
const table = createHandlers(services);
const ctx = { transport: 'browser-host' as const };
const replies = {
  sync: await dispatch(table, 'sync.start', { connectionId: classLink.id }, ctx, memoryLogger()),
  pull: await dispatch(table, 'platform.pull', { connectionId: platform.id }, ctx, memoryLogger()),
};
await services.close();
process.stdout.write(JSON.stringify(replies));
