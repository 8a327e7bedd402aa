import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../electron/core/ingest/run-ingest';
import { SnapshotStore } from '../../electron/core/snapshot/snapshot-store';
import { CsvSource } from '../../electron/core/sources/csv/csv-source';
import { writeCsvFolder } from '../../sandbox/district/write-csv';
import { smallDistrict } from '../helpers/district-fixtures';
import { useTempDatabase } from '../helpers/temp-database';
import { makeTempDir } from '../helpers/temp-dir';

const temp = useTempDatabase();
const sync = (target: string) =>
  runIngest(temp.db, new CsvSource(target), {
    connectionId: 'csv',
    sourceKind: 'oneroster-csv',
    signal: new AbortController().signal,
  });
const reasons = (snapshotId: number) =>
  temp.db
    .prepare('SELECT reason FROM sync_warnings WHERE snapshot_id = ? ORDER BY id')
    .pluck()
    .all(snapshotId) as string[];

/** A good export, then `extra` lines appended to its users.csv. */
function exportWith(extra: (header: string, first: string) => string[]): string {
  const dir = makeTempDir('rosterdesk-flood-');
  const folder = path.join(dir.dir, 'export');
  writeCsvFolder(smallDistrict(), folder);
  const file = path.join(folder, 'users.csv');
  const [header = '', first = ''] = fs.readFileSync(file, 'utf8').split('\n');
  fs.appendFileSync(file, `${extra(header, first).join('\n')}\n`);
  return folder;
}

describe('a flood of bad rows fails the sync as broken, its warnings capped', () => {
  it('4,000 rows of the wrong width among a district: broken, previous snapshot current, 1,000 listed and the rest counted', async () => {
    const good = await sync(exportWith(() => []));
    expect(good.state).toBe('complete');
    const flooded = await sync(exportWith(() => Array.from({ length: 4000 }, (_, i) => `x${i},y`)));
    expect(flooded.state).toBe('failed');
    if (flooded.state !== 'failed') return;
    expect(flooded.error).toMatch(
      /^users\.csv: [\d,]+ records read, [\d,]+ kept; the rest were rejected or repeated \(see the sync warnings\)\. A roster that loses more than half of its users is broken: the previous snapshot stays current\.$/,
    );
    expect(new SnapshotStore(temp.db).current('csv')?.id).toBe(good.snapshotId);
    const said = reasons(flooded.snapshotId);
    expect(said.filter((r) => r.startsWith('wrong number of columns'))).toHaveLength(1000);
    expect(said).toContain(
      '3,000 more warnings like the 1,000 above (wrong number of columns: 2 instead of 18): counted, not listed',
    );
  });

  it('one user row repeated 3,000 times: broken, not a district of one extra user', async () => {
    const flooded = await sync(exportWith((_, first) => Array.from({ length: 3000 }, () => first)));
    expect(flooded.state).toBe('failed');
    if (flooded.state !== 'failed') return;
    expect(flooded.error).toMatch(
      /^users\.csv: [\d,]+ records read, [\d,]+ kept; the rest were rejected or repeated/,
    );
    const duplicates = reasons(flooded.snapshotId).filter((r) =>
      r.startsWith('duplicate sourcedId'),
    );
    expect(duplicates).toHaveLength(1000);
  });
});
