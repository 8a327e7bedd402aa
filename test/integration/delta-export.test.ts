import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../electron/core/ingest/run-ingest';
import { SnapshotStore } from '../../electron/core/snapshot/snapshot-store';
import { CsvSource } from '../../electron/core/sources/csv/csv-source';
import { exportWith } from '../helpers/fixture-export';
import { useTempDatabase } from '../helpers/temp-database';

const temp = useTempDatabase();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function copy(edits: Parameters<typeof exportWith>[0] = {}): string {
  const tmp = exportWith(edits);
  cleanups.push(tmp.cleanup);
  return tmp.dir;
}

const sync = (dir: string) =>
  runIngest(temp.db, new CsvSource(dir), {
    connectionId: 'csv',
    sourceKind: 'oneroster-csv',
    signal: new AbortController().signal,
  });

describe('an export that holds part of a roster', () => {
  it('a delta export is refused, said in words, and the previous snapshot stays current', async () => {
    const whole = await sync(copy());
    expect(whole.state).toBe('complete');
    const delta = copy();
    const manifest = path.join(delta, 'manifest.csv');
    fs.writeFileSync(
      manifest,
      fs
        .readFileSync(manifest, 'utf8')
        .replace('file.users,bulk', 'file.users,delta')
        .replace('file.enrollments,bulk', 'file.enrollments,delta'),
    );
    const result = await sync(delta);
    expect(result.state).toBe('failed');
    expect(result.state === 'failed' ? result.error : '').toContain(
      'holds changes only, not the whole roster: manifest.csv marks enrollments.csv, users.csv as "delta"',
    );
    expect(new SnapshotStore(temp.db).current('csv')?.id).toBe(whole.snapshotId);
  });

  it('records pointing at users, classes or schools the roster does not send are kept and counted', async () => {
    const result = await sync(
      copy({
        'enrollments.csv': {
          e03: { userSourcedId: 'ghost-1' },
          e04: { userSourcedId: 'ghost-1' },
          e12: { classSourcedId: 'c-gone' },
        },
        'classes.csv': { c3: { schoolSourcedId: 's-gone' } },
      }),
    );
    expect(result.state).toBe('complete');
    if (result.state !== 'complete') return;
    expect(result.counts.enrollments).toBe(12);
    const reasons = (
      temp.db
        .prepare('SELECT field, reason FROM sync_warnings WHERE snapshot_id = ? ORDER BY id')
        .all(result.snapshotId) as { field: string; reason: string }[]
    ).map((w) => `${w.field}: ${w.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        'userSourcedId: 2 enrollments name 1 user the roster does not send (e.g. ghost-1): kept, but nobody gets those classes through them',
        'classSourcedId: 1 enrollment names 1 class the roster does not send (e.g. c-gone): kept, but those classes cannot be imported',
        'schoolSourcedId: 1 class names 1 school the roster does not send (e.g. s-gone): kept, counted under "No school in the roster"',
      ]),
    );
  });
});
