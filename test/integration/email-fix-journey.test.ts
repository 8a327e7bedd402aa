import { syncEnded } from '../helpers/wait-for';
import { describe, expect, it } from 'vitest';
import { openDemoDistrict, servicesPerTest } from '../helpers/demo-district';

const app = servicesPerTest();

async function sync(connectionId: string) {
  const job = app.services.syncJobs.start(connectionId);
  expect((await syncEnded(app.services, job.jobId)).state).toBe('complete');
}
const codes = async () => (await app.services.diagnostics.current())?.findings ?? [];

describe('demo district: email mismatches fixed end to end', () => {
  it('propose, approve, push, re-sync: the mismatches are gone and the platform holds the roster emails', async () => {
    const connectionIds = await openDemoDistrict(app.services);
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
    const view = app.services.license.view({ offset: 0, limit: 1 }, () => []);
    expect((await (await app.services.diagnostics.current())?.preview)?.seatsAvailable).toBe(
      (view.seats ?? 0) - (view.seatsUsed ?? 0),
    );

    const { staged, skipped } = await app.services.staging.stageEmailFixes(0);
    expect(skipped).toEqual([]);
    expect(staged).toBe(mismatches.length);
    app.services.changes.approve('all');
    app.services.push.start();
    const final = await app.services.push.wait();
    expect(final).toMatchObject({ state: 'completed', applied: staged, rejected: 0, conflicts: 0 });

    await sync(connectionIds[0] ?? '');
    const after = await codes();
    expect(after.filter((f) => f.code === 'EMAIL_MISMATCH')).toEqual([]);
    for (const m of mismatches)
      expect(app.services.license.teacherByEmail(m.suggestion?.rosterEmail ?? '')).not.toBeNull();
  }, 60_000);
});
