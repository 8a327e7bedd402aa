import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import { studentOf, withoutStudentsOf } from '../../sandbox/district/district-changes';
import { writeCsvFolder } from '../../sandbox/district/write-csv';
import type { District } from '../../sandbox/district/district';
import { runCli } from '../helpers/processes';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

const district = generateDistrict(
  districtSpec({ seed: 29, schools: 4, teachers: 40, students: 600 }),
);
const schools = Array.from({ length: district.orgs.count }, (_, i) => district.orgs.at(i)).filter(
  (o) => o.type === 'school',
);

/** Live students whose first school is `schoolId`, counted from the district itself. */
function studentsAt(d: District, schoolId: string): number {
  let n = 0;
  for (let i = 0; i < d.users.count; i++) {
    const u = d.users.at(i);
    if (studentOf(schoolId)(u) && u.status === 'active' && u.enabledUser) n++;
  }
  return n;
}

let tmp: ReturnType<typeof makeTempDir> | null = null;
afterEach(() => {
  tmp?.cleanup();
  tmp = null;
});

/** Writes `d` as the export the connection reads (the same folder each time, as an SIS drop does). */
function writeExport(dir: string, d: District): void {
  fs.rmSync(dir, { recursive: true, force: true });
  writeCsvFolder(d, dir);
}

describe('holds: a suspicious sync never becomes current on its own', () => {
  it('one school loses its students: rosterdesk sync exits 3, the current snapshot stays, the held sync names the school; --accept-held makes it current; a sync under the thresholds is not held', async () => {
    tmp = makeTempDir();
    const dataDir = path.join(tmp.dir, 'data');
    const exportDir = path.join(tmp.dir, 'export');
    const lee = schools[1];
    if (!lee) throw new Error('the district has no second school');
    const leeStudents = studentsAt(district, lee.sourcedId);
    expect(leeStudents).toBeGreaterThan(20);

    // The first sync of a connection is never held.
    writeExport(exportDir, district);
    const first = await runCli(['sync', '--data-dir', dataDir, '--oneroster-csv', exportDir]);
    expect(first.stderr).toMatch(/synced/);
    expect(first.code).toBe(0);
    const before = openAppServices({ dataDir, logger: memoryLogger(), dueSyncs: () => [] });
    const [connection] = before.connections.list();
    const current = before.snapshots.current(connection?.id ?? '');
    const overview = before.roster.overview();
    await before.close();
    expect(current).not.toBeNull();

    // The same district with Lee's students removed.
    writeExport(exportDir, withoutStudentsOf(district, lee.sourcedId));
    const held = await runCli([
      'sync',
      '--data-dir',
      dataDir,
      '--oneroster-csv',
      exportDir,
      '--json',
      path.join(tmp.dir, 'out.json'),
    ]);
    expect(held.code, held.stderr).toBe(3);
    expect(held.stderr).toContain(
      `${lee.name}: ${leeStudents} of ${leeStudents} students would disappear`,
    );
    const written = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'out.json'), 'utf8')) as {
      syncs: { state: string }[];
    };
    expect(written.syncs.map((s) => s.state)).toEqual(['held']);

    const during = openAppServices({ dataDir, logger: memoryLogger(), dueSyncs: () => [] });
    try {
      // The current snapshot is the same one, with the same counts, and the dashboard says so.
      expect(during.snapshots.current(connection?.id ?? '')?.id).toBe(current?.id);
      expect(during.snapshots.current(connection?.id ?? '')?.counts).toEqual(current?.counts);
      expect(during.roster.overview().students).toBe(overview.students);
      // The held sync names the school and its count, per school and per resource.
      const [review] = during.held.list();
      expect(review?.review.schools).toContainEqual({
        school: lee.name,
        resource: 'students',
        before: leeStudents,
        disappear: leeStudents,
      });
      expect(review?.review.resources.find((r) => r.resource === 'students')?.disappear).toBe(
        leeStudents,
      );
      expect(review?.review.reasons.join(' ')).toContain(lee.name);
      // History has both syncs, the second marked held.
      expect(during.snapshots.history.list(connection?.id).map((p) => p.outcome)).toEqual([
        'complete',
        'held',
      ]);
    } finally {
      await during.close();
    }

    // Accepted from the terminal: current, and in the audit log.
    const accepted = await runCli(['sync', '--data-dir', dataDir, '--accept-held']);
    expect(accepted.code, accepted.stderr).toBe(0);
    const after = openAppServices({ dataDir, logger: memoryLogger(), dueSyncs: () => [] });
    try {
      expect(after.held.list()).toEqual([]);
      expect(after.roster.overview().students).toBe(overview.students - leeStudents);
      const audit = after.audit.list(0, 50);
      expect(audit.rows.map((r) => r.action)).toContain('sync-accepted');
    } finally {
      await after.close();
    }

    // The same export again: nothing disappears, nothing is held.
    const again = await runCli(['sync', '--data-dir', dataDir, '--oneroster-csv', exportDir]);
    expect(again.code, again.stderr).toBe(0);
  }, 180_000);

  it('rejecting a held sync discards it and keeps the current snapshot; both answers are audited', async () => {
    tmp = makeTempDir();
    const services = openAppServices({
      dataDir: path.join(tmp.dir, 'data'),
      logger: memoryLogger(),
      dueSyncs: () => [],
    });
    try {
      const exportDir = path.join(tmp.dir, 'export');
      writeExport(exportDir, district);
      const connection = services.connections.add({
        name: 'SIS drop',
        settings: { kind: 'oneroster-csv', path: exportDir },
        secrets: {},
      });
      const sync = async () => {
        const job = services.syncJobs.start(connection.id, { hold: true });
        while (services.syncJobs.get(job.jobId).state === 'running')
          await new Promise((r) => setTimeout(r, 50));
        return services.syncJobs.get(job.jobId);
      };
      expect((await sync()).state).toBe('complete');
      const current = services.snapshots.current(connection.id);
      const moore = schools[2];
      writeExport(exportDir, withoutStudentsOf(district, moore?.sourcedId ?? ''));
      const job = await sync();
      expect(job.state).toBe('held');
      expect(job.error).toMatch(/Held for review: .*students would disappear/);
      const heldId = job.snapshotId ?? 0;
      expect(services.held.list().map((h) => h.snapshotId)).toEqual([heldId]);
      services.held.reject(heldId);
      expect(services.held.list()).toEqual([]);
      expect(services.snapshots.current(connection.id)?.id).toBe(current?.id);
      expect(services.snapshots.get(heldId)).toBeNull();
      expect(fs.existsSync(path.join(tmp.dir, 'data', 'snapshots', `${heldId}.db`))).toBe(false);
      expect(services.snapshots.history.list(connection.id).map((p) => p.outcome)).toEqual([
        'complete',
        'rejected',
      ]);
      expect(services.audit.list(0, 50).rows.map((r) => r.action)).toContain('sync-rejected');
      // Without holds asked for (a connection with no saved schedule, synced by hand), the same
      // export becomes current: holds are for syncs that run on their own.
      const manual = services.syncJobs.start(connection.id);
      while (services.syncJobs.get(manual.jobId).state === 'running')
        await new Promise((r) => setTimeout(r, 50));
      expect(services.syncJobs.get(manual.jobId).state).toBe('complete');
      // The rejected sync's point stays in the history beside the new one (its id came back).
      expect(services.snapshots.history.list(connection.id).map((p) => p.outcome)).toEqual([
        'complete',
        'rejected',
        'complete',
      ]);
    } finally {
      await services.close();
    }
  }, 120_000);
});

describe('rosterdesk sync refuses and fails loudly', () => {
  it('beside a running app it exits 2 and changes nothing; a failed sync exits 2 with the reason, the previous snapshot current', async () => {
    tmp = makeTempDir();
    const dataDir = path.join(tmp.dir, 'data');
    const exportDir = path.join(tmp.dir, 'export');
    writeExport(exportDir, district);
    expect((await runCli(['sync', '--data-dir', dataDir, '--oneroster-csv', exportDir])).code).toBe(
      0,
    );
    const app = openAppServices({
      dataDir,
      logger: memoryLogger(),
      dueSyncs: () => [],
      owner: 'the RosterDesk window',
    });
    const [connection] = app.connections.list();
    const before = app.snapshots.list(connection?.id);
    try {
      const refused = await runCli(['sync', '--data-dir', dataDir, '--all']);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/in use by the RosterDesk window.*nothing was changed/s);
      expect(app.snapshots.list(connection?.id)).toEqual(before);
    } finally {
      await app.close();
    }
    // The export is emptied (users.csv gone): the sync fails, says why, and the first stays current.
    fs.rmSync(path.join(exportDir, 'users.csv'));
    const failed = await runCli(['sync', '--data-dir', dataDir, '--all']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/failed: .*users/);
    const after = openAppServices({ dataDir, logger: memoryLogger(), dueSyncs: () => [] });
    try {
      expect(after.snapshots.current(connection?.id ?? '')?.id).toBe(before[0]?.id);
    } finally {
      await after.close();
    }
  }, 120_000);
});
