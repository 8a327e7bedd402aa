/**
 * Run as its own process by change-journal.test.ts: opens a data folder, stages 30 invitations and
 * approves 20 of them, checkpoints the WAL into the file, prints the approved changes' keys, then
 * waits to be killed (no closing backup).
 */
import { openAppServices } from '../../electron/core/app/app-services';

const dataDir = process.argv[2] ?? '';
const services = openAppServices({ dataDir, owner: 'the crash test' });
const platform = services.connections.add({
  name: 'Platform',
  settings: { kind: 'platform', baseUrl: 'http://127.0.0.1:9/api', licenseId: 'lic-1' },
  secrets: {},
});
const ids: string[] = [];
for (let i = 0; i < 30; i++) {
  const email = `teacher${i}@springfield.org`;
  ids.push(
    services.changes.stage({
      connectionId: platform.id,
      kind: 'invite',
      targetId: null,
      subject: email,
      dedupeKey: `invite:${email}`,
      before: null,
      after: { email, givenName: null, familyName: null },
      baseVersion: null,
      evidence: [],
      origin: 'crash test',
    }).id,
  );
}
services.changes.approve(ids.slice(0, 20));
const keys = Object.fromEntries(services.changes.outbox().map((c) => [c.id, c.idempotencyKey]));
services.db.pragma('wal_checkpoint(TRUNCATE)');
process.stdout.write(`${JSON.stringify({ keys, staged: ids.slice(20) })}\n`);
setInterval(() => undefined, 1000);
