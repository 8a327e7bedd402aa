import { syncEnded } from '../helpers/wait-for';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { openDemoDistrict } from '../helpers/demo-district';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let services: AppServices;
beforeEach(() => {
  tmp = makeTempDir();
  services = openAppServices({ dataDir: tmp.dir, logger: memoryLogger() });
});
afterEach(async () => {
  for (const c of services.connections.list()) services.connections.remove(c.id);
  await services.close();
  tmp.cleanup();
});

async function sync(connectionId: string) {
  const job = services.syncJobs.start(connectionId);
  expect((await syncEnded(services, job.jobId)).state).toBe('complete');
}
const codes = async () => (await services.diagnostics.current())?.findings ?? [];

describe('demo district: email mismatches fixed end to end', () => {
  it('propose, approve, push, re-sync: the mismatches are gone and the platform holds the roster emails', async () => {
    const connectionIds = await openDemoDistrict(services);
    const mismatches = (await codes()).filter((f) => f.code === 'EMAIL_MISMATCH');
    expect(mismatches.length).toBeGreaterThan(3);
    expect((await codes()).some((f) => f.code === 'DUPLICATE_ACCOUNT')).toBe(true);
    // One bucket per person: an old manual account with a rostered twin is a duplicate account,
    // not also a license entry "not in the roster".
    const twins = new Set(
      (await codes())
        .filter((f) => f.code === 'DUPLICATE_ACCOUNT')
        .map((f) => f.subjects[0]?.email?.toLowerCase())
        .filter(Boolean),
    );
    const both = (await codes()).filter(
      (f) => f.code === 'NOT_IN_ROSTER' && twins.has(f.subjects[0]?.email?.toLowerCase()),
    );
    expect(both).toEqual([]);
    // With the license pulled from the platform, the preview knows the free seats.
    const view = services.license.view({ offset: 0, limit: 1 }, () => []);
    expect((await (await services.diagnostics.current())?.preview)?.seatsAvailable).toBe(
      (view.seats ?? 0) - (view.seatsUsed ?? 0),
    );

    const { staged, skipped } = await services.staging.stageEmailFixes(0);
    expect(skipped).toEqual([]);
    expect(staged).toBe(mismatches.length);
    services.changes.approve('all');
    services.push.start();
    const final = await services.push.wait();
    expect(final).toMatchObject({ state: 'completed', applied: staged, rejected: 0, conflicts: 0 });

    await sync(connectionIds[0] ?? '');
    const after = await codes();
    expect(after.filter((f) => f.code === 'EMAIL_MISMATCH')).toEqual([]);
    for (const m of mismatches)
      expect(services.license.teacherByEmail(m.suggestion?.rosterEmail ?? '')).not.toBeNull();
  }, 60_000);
});
