import { syncEnded } from '../helpers/wait-for';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { DataFolderBusyError } from '../../electron/core/db/data-folder-lock';
import {
  SnapshotNotRunningError,
  SnapshotStore,
} from '../../electron/core/snapshot/snapshot-store';
import { SnapshotWriter } from '../../electron/core/snapshot/snapshot-writer';
import { NO_FAULTS } from '../../sandbox/faults';
import { startOneRosterServer } from '../../sandbox/oneroster/oneroster-server';
import { expectedCounts, smallDistrict, storedCounts } from '../helpers/district-fixtures';
import { runCli, startHostProcess, stubRenderer } from '../helpers/processes';
import type { HostProcess } from '../helpers/processes';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let dataDir: string;
const hosts: HostProcess[] = [];
const services: AppServices[] = [];
beforeEach(() => {
  tmp = makeTempDir();
  dataDir = path.join(tmp.dir, 'data');
});
afterEach(async () => {
  for (const h of hosts.splice(0)) {
    h.child.kill('SIGKILL');
    await h.exited;
  }
  for (const s of services.splice(0)) await s.close();
  tmp.cleanup();
});

const open = () => {
  const s = openAppServices({ dataDir, logger: memoryLogger(), owner: 'the test app' });
  services.push(s);
  return s;
};

describe('one owner per data folder', () => {
  it('a second host and `rosterdesk push` are refused with the owner named; a killed owner frees the folder', async () => {
    const renderer = stubRenderer(tmp.dir);
    const first = startHostProcess(dataDir, renderer);
    hosts.push(first);
    expect(await first.ready).toHaveProperty('url');

    const second = startHostProcess(dataDir, renderer);
    hosts.push(second);
    const refused = await second.exited;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `is in use by the RosterDesk browser host (process ${first.child.pid}`,
    );
    expect(refused.stderr).toContain('Nothing was changed');

    const push = await runCli(['push', '--data-dir', dataDir]);
    expect(push.code).toBe(2);
    expect(push.stderr).toContain(`the RosterDesk browser host (process ${first.child.pid}`);
    // Expected, said plainly: it printed "unexpected failure: The data folder … is in use".
    expect(push.stderr).not.toContain('unexpected failure');
    expect(push.stderr).toMatch(
      /^rosterdesk push could not run: The data folder .* is in use by .*Nothing was changed\. To push now, use Push on the Changes screen of the RosterDesk that is open\.\n$/,
    );

    // In this process too (the Electron app and a test are one process each).
    expect(() => open()).toThrow(DataFolderBusyError);

    first.child.kill('SIGKILL');
    await first.exited;
    const third = startHostProcess(dataDir, renderer);
    hosts.push(third);
    expect(await third.ready).toHaveProperty('url');
  }, 60_000);

  it('a sync racing a second start-up completes with every row, and the second start-up is refused', async () => {
    const district = smallDistrict();
    const server = await startOneRosterServer({
      district,
      clientId: 'race-id',
      clientSecret: 'race-secret',
      faults: { ...NO_FAULTS, latencyMs: 3000 },
    });
    try {
      const app = open();
      const connection = app.connections.add({
        name: 'ClassLink',
        settings: {
          kind: 'classlink',
          baseUrl: server.baseUrl,
          authMethod: 'oauth1',
          clientId: 'race-id',
        },
        secrets: { clientSecret: 'race-secret' },
      });
      const job = app.syncJobs.start(connection.id);
      // Start-ups while the sync writes: another host, the CLI, and one more in this process.
      const renderer = stubRenderer(tmp.dir);
      const other = startHostProcess(dataDir, renderer);
      hosts.push(other);
      const [host, push] = await Promise.all([
        other.exited,
        runCli(['push', '--data-dir', dataDir]),
      ]);
      expect(app.syncJobs.get(job.jobId).state).toBe('running');
      expect(host.code).toBe(2);
      expect(host.stderr).toContain('is in use by the test app');
      expect(push.code).toBe(2);
      expect(() => open()).toThrow(/is in use by the test app/);

      const done = await syncEnded(app, job.jobId);
      expect(done.state).toBe('complete');
      const current = app.snapshots.current(connection.id);
      expect(current?.id).toBe(done.snapshotId);
      expect(storedCounts(app.db, current?.id ?? 0)).toEqual(expectedCounts(district));
    } finally {
      await server.close();
    }
  }, 60_000);

  it('complete() only completes a running snapshot, and says so loudly otherwise', () => {
    const app = open();
    const store = new SnapshotStore(app.db);
    const good = store.begin('c1', 'test', 'x');
    new SnapshotWriter(app.db, good).finish();
    store.complete(good, { ...expectedCounts(smallDistrict()) });
    const gutted = store.begin('c1', 'test', 'x');
    store.abandon(gutted, 'failed', 'recovered by another process');
    expect(() => store.complete(gutted, { ...expectedCounts(smallDistrict()) })).toThrow(
      SnapshotNotRunningError,
    );
    expect(store.current('c1')?.id).toBe(good);
    expect(store.get(gutted)?.status).toBe('failed');
    // Completing twice is refused too, and the current snapshot stays.
    expect(() => store.complete(good, { ...expectedCounts(smallDistrict()) })).toThrow(
      /is complete, not running/,
    );
  });
});
