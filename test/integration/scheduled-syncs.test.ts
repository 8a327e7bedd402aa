import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NO_DEFECTS,
  districtSpec,
  generateDistrict,
} from '../../sandbox/district/generate-district';
import { writeCsvFolder } from '../../sandbox/district/write-csv';
import type { HistoryPoint } from '../../shared/domain/watch';
import { DEFAULT_SCHEDULE } from '../../shared/domain/watch';
import { hostApi, startHostProcess, stubRenderer } from '../helpers/processes';
import { makeTempDir } from '../helpers/temp-dir';
import { waitUntil } from '../helpers/wait-for';

const district = generateDistrict(
  districtSpec({ seed: 7, schools: 3, teachers: 30, students: 300, defects: NO_DEFECTS }),
);

/** The roster's counts computed from the district itself, not from RosterDesk. */
function expected() {
  const users = Array.from({ length: district.users.count }, (_, i) => district.users.at(i));
  const live = (role: string) =>
    users.filter((u) => u.role === role && u.status === 'active' && u.enabledUser).length;
  let classes = 0;
  for (let i = 0; i < district.classes.count; i++)
    if (district.classes.at(i).status === 'active') classes++;
  let schools = 0;
  for (let i = 0; i < district.orgs.count; i++)
    if (district.orgs.at(i).type === 'school') schools++;
  return { schools, teachers: live('teacher'), students: live('student'), classes };
}

let tmp: ReturnType<typeof makeTempDir> | null = null;
afterEach(() => {
  tmp?.cleanup();
  tmp = null;
});

describe('scheduled syncs', () => {
  it('a schedule of every few seconds runs three syncs by itself in the host process; the history has three points that match the roster', async () => {
    const work = makeTempDir();
    tmp = work;
    const exportDir = path.join(work.dir, 'export');
    writeCsvFolder(district, exportDir);
    const host = startHostProcess(path.join(work.dir, 'data'), stubRenderer(work.dir));
    try {
      const ready = await host.ready;
      if (!('url' in ready)) throw new Error(`the host did not start: ${ready.stderr}`);
      const call = hostApi(ready.url);
      const connection = (await call('connections.add', {
        name: 'Nightly SIS drop',
        settings: { kind: 'oneroster-csv', path: exportDir },
        secrets: {},
      })) as { id: string };
      // Every 0.0008 hours: about every 3 seconds, nobody pressing Sync.
      await call('watch.setSchedule', {
        connectionId: connection.id,
        schedule: {
          ...DEFAULT_SCHEDULE,
          mode: 'hours',
          everyHours: 0.0008,
          digestFolder: path.join(work.dir, 'digests'),
        },
      });
      let history: HistoryPoint[] = [];
      await waitUntil(
        'three scheduled syncs',
        () => history.filter((p) => p.outcome === 'complete').length >= 3,
        { seconds: 90, everyMs: 500 },
        async () => {
          history = (await call('watch.history', {
            connectionId: connection.id,
          })) as HistoryPoint[];
        },
      );
      // Stop the schedule so no fourth sync starts while the points are read.
      await call('watch.setSchedule', {
        connectionId: connection.id,
        schedule: { ...DEFAULT_SCHEDULE, mode: 'off' },
      });
      history = (await call('watch.history', { connectionId: connection.id })) as HistoryPoint[];
      const points = history.filter((p) => p.outcome === 'complete').slice(0, 3);
      expect(points).toHaveLength(3);
      // Three distinct snapshots, each point's counts the district's own.
      expect(new Set(points.map((p) => p.snapshotId)).size).toBe(3);
      for (const p of points) expect(p.counts).toMatchObject(expected());
      // Each scheduled sync wrote its outcome and digest where the district's monitoring reads it.
      const digests = fs.readdirSync(path.join(work.dir, 'digests')).map(
        (f) =>
          JSON.parse(fs.readFileSync(path.join(work.dir, 'digests', f), 'utf8')) as {
            sync: { state: string };
          },
      );
      expect(digests.length).toBeGreaterThanOrEqual(3);
      expect(digests.every((d) => d.sync.state === 'complete')).toBe(true);
      // The trend's points are the snapshots' own counts too: the dashboard's overview of the last.
      const overview = (await call('roster.overview', {})) as Record<string, number>;
      const last = history.filter((p) => p.outcome === 'complete').at(-1);
      expect(last?.counts).toMatchObject({
        teachers: overview.teachers,
        students: overview.students,
        classes: overview.classes,
        enrollments: overview.enrollments,
      });
    } finally {
      host.child.kill('SIGTERM');
      await host.exited;
    }
  }, 150_000);
});
