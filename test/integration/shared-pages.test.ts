import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../electron/core/ingest/run-ingest';
import { snapshotDir, snapshotTables } from '../../electron/core/snapshot/snapshot-files';
import { OneRosterSource } from '../../electron/core/sources/oneroster/oneroster-source';
import { startOneRosterServer } from '../../sandbox/oneroster/oneroster-server';
import type { RunningServer } from '../../sandbox/oneroster/oneroster-server';
import { NO_FAULTS } from '../../sandbox/faults';
import { expectedCounts, smallDistrict, storedCounts } from '../helpers/district-fixtures';
import { useTempDatabase } from '../helpers/temp-database';

const temp = useTempDatabase();
const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("OneRoster's enrollments, read by both lanes of a sync", () => {
  it('the lane done first helps: each page is fetched once, every row is stored once, no helper file is left', async () => {
    const district = smallDistrict({ students: 600, classesPerTeacher: 6, studentsPerClass: 30 });
    const creds = { clientId: 'c', clientSecret: 's' };
    // A little latency on every request, so the lane with users and classes is done long before
    // the enrollments (about 6 times as many pages) and takes some of their pages.
    const server = await startOneRosterServer({
      district,
      ...creds,
      faults: { ...NO_FAULTS, latencyMs: 5 },
    });
    servers.push(server);
    const dir = snapshotDir(temp.db);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const seen = new Set<string>();
    const watcher = fs.watch(dir, (_event, name) => {
      if (name) seen.add(String(name));
    });
    const pageSize = 10;
    const result = await runIngest(
      temp.db,
      new OneRosterSource({
        baseUrl: server.baseUrl,
        auth: { method: 'oauth1', ...creds },
        pageSize,
        concurrency: 2,
      }),
      { connectionId: 'c1', sourceKind: 'test', signal: new AbortController().signal },
    );
    watcher.close();
    expect(result.state).toBe('complete');
    expect([...seen].some((name) => name.endsWith('.lane-1-help.partial'))).toBe(true);
    expect(storedCounts(temp.db, result.snapshotId)).toEqual(expectedCounts(district));
    const pages = Math.ceil(district.enrollments.count / pageSize);
    expect(server.served.get('enrollments')).toBe(pages);
    const t = snapshotTables(temp.db, result.snapshotId);
    const distinct = temp.db
      .prepare(`SELECT count(DISTINCT sourced_id) FROM ${t.enrollments}`)
      .pluck()
      .get();
    expect(distinct).toBe(district.enrollments.count);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
