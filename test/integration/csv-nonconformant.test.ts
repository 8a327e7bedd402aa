import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIngest } from '../../electron/core/ingest/run-ingest';
import { SnapshotStore } from '../../electron/core/snapshot/snapshot-store';
import { snapshotTables } from '../../electron/core/snapshot/snapshot-files';
import { CsvSource } from '../../electron/core/sources/csv/csv-source';
import { writeCsvFolder, writeCsvZip } from '../../sandbox/district/write-csv';
import { smallDistrict } from '../helpers/district-fixtures';
import { useTempDatabase } from '../helpers/temp-database';

const fixture = path.resolve(import.meta.dirname, '../fixtures/csv-messy');
const temp = useTempDatabase();

const sync = (target: string) =>
  runIngest(temp.db, new CsvSource(target), {
    connectionId: 'csv',
    sourceKind: 'oneroster-csv',
    signal: new AbortController().signal,
  });
const warnings = (snapshotId: number) =>
  (
    temp.db
      .prepare(
        'SELECT resource, location, field, reason FROM sync_warnings WHERE snapshot_id = ? ORDER BY id',
      )
      .all(snapshotId) as {
      resource: string;
      location: string;
      field: string | null;
      reason: string;
    }[]
  ).map((w) => `${w.location} ${w.field ?? '-'}: ${w.reason}`);

describe('a real-world, non-conformant OneRoster CSV export', () => {
  it('imports the good rows, keeps a record whose unneeded field is unreadable, and names every bad one by file, line and field', async () => {
    const result = await sync(fixture);
    expect(result.state).toBe('complete');
    if (result.state !== 'complete') return;
    expect(result.counts).toMatchObject({
      orgs: 2,
      users: 5,
      classes: 1,
      enrollments: 3,
      courses: 0,
      academicSessions: 0,
    });
    expect(warnings(result.snapshotId).sort()).toEqual(
      [
        'users.csv sourcedId: duplicate sourcedId t-1: the first record was kept',
        'users.csv:5 sourcedId: missing sourcedId',
        'users.csv:6 role: unknown role "wizard" (record s-2)',
        // Fields RosterDesk does not need to place a record: the record is kept, said once.
        'users.csv:7 dateLastModified: users.csv: dateLastModified unreadable on 1 row (line 7), e.g. "not-a-date": kept without it',
        'users.csv:8 -: wrong number of columns: 8 instead of 19',
        'enrollments.csv:4 beginDate: enrollments.csv: beginDate not written as YYYY-MM-DD on 1 row (line 4): read where only one reading is possible, e.g. "15/08/2026"',
      ].sort(),
    );
  });

  it('reads reordered columns, ext_ columns, quotes, TRUE/FALSE, empty status and a missing final newline', async () => {
    const result = await sync(fixture);
    const t = snapshotTables(temp.db, result.state === 'complete' ? result.snapshotId : -1);
    const org = temp.db
      .prepare(`SELECT name, status, parent_id FROM ${t.orgs} WHERE sourced_id = 'org-1'`)
      .get() as Record<string, unknown>;
    expect(org).toEqual({
      name: 'Lincoln High, Main Campus',
      status: 'active',
      parent_id: 'org-d',
    });
    const users = temp.db
      .prepare(
        `SELECT sourced_id, status, enabled, family_name, given_name, grades, email FROM ${t.users} ORDER BY sourced_id`,
      )
      .all();
    expect(users).toEqual([
      {
        sourced_id: 's-1',
        status: 'active',
        enabled: 0,
        family_name: "O'Brien",
        given_name: 'Amy "AJ"',
        grades: '["9","10"]',
        email: null,
      },
      {
        sourced_id: 's-3',
        status: 'active',
        enabled: 1,
        family_name: 'Date',
        given_name: 'Late',
        grades: '["9"]',
        email: null,
      },
      {
        sourced_id: 's-5',
        status: 'tobedeleted',
        enabled: 1,
        family_name: 'Student',
        given_name: 'Gone',
        grades: '["9"]',
        email: null,
      },
      {
        sourced_id: 't-1',
        status: 'active',
        enabled: 1,
        family_name: 'Doe',
        given_name: 'Jane',
        grades: '[]',
        email: 'jane.doe@springfield.example',
      },
      {
        sourced_id: 't-2',
        status: 'active',
        enabled: 1,
        family_name: 'Schoen',
        given_name: 'Seth',
        grades: '[]',
        email: 'seth_schoen.springfield.example',
      },
    ]);
  });

  it('a zip missing its classes says which files are missing, and fails instead of passing as a district without classes', async () => {
    const zip = path.join(temp.dir, 'partial.zip');
    const district = smallDistrict();
    await writeCsvZip(district, zip, ['enrollments.csv', 'classes.csv']);
    const result = await sync(zip);
    expect(result).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(
        /^OneRoster CSV sent no classes \(classes\.csv missing or empty, or every row rejected: see the sync warnings\)\. A roster without classes is broken, not empty/,
      ),
    });
    // The two files are read by two lanes at once: each says it is missing, in either order.
    expect(warnings(result.snapshotId).sort()).toEqual([
      'classes.csv -: classes.csv is listed as "bulk" in manifest.csv but is missing',
      'enrollments.csv -: enrollments.csv is listed as "bulk" in manifest.csv but is missing',
    ]);
    expect(new SnapshotStore(temp.db).current('csv')).toBeNull();
  });

  it('a file that is not a OneRoster CSV is a warning, not a crash', async () => {
    const dir = path.join(temp.dir, 'odd');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'users.csv'),
      '<html><body>Session expired, please log in</body></html>\n',
    );
    fs.writeFileSync(
      path.join(dir, 'orgs.csv'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x22, 0x0a, 0x22, 0x22, 0x22]),
    );
    const result = await sync(dir);
    // No users and no classes came through: a failed sync that says why, never a clean empty one.
    expect(result).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('OneRoster CSV sent no users and no classes'),
    });
    const list = warnings(result.snapshotId);
    expect(list).toContain(
      'manifest.csv -: manifest.csv is missing from odd: reading the files that are there',
    );
    expect(list).toContain(
      'users.csv:1 sourcedId: no sourcedId, role, givenName, familyName column: this is not a OneRoster 1.1 users.csv',
    );
    expect(list.some((w) => w.startsWith('orgs.csv:'))).toBe(true);
  });

  it('a path that does not exist fails the sync with its name', async () => {
    const result = await sync(path.join(temp.dir, 'nowhere.zip'));
    expect(result).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('nowhere.zip'),
    });
  });

  it('a quote that never closes: every row it swallowed is reported, at the line where it opened', async () => {
    const dir = path.join(temp.dir, 'export');
    const district = smallDistrict();
    writeCsvFolder(district, dir);
    const file = path.join(dir, 'users.csv');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const total = lines.filter(Boolean).length; // header + users
    const opened = total - 2; // three rows before the end: lines opened..total
    lines[opened - 1] = lines[opened - 1]?.replace(',', ',"') ?? '';
    fs.writeFileSync(file, lines.join('\n'));
    const result = await sync(dir);
    expect(result.state).toBe('complete');
    if (result.state !== 'complete') return;
    expect(result.counts.users).toBe(district.users.count - 3);
    const lost = warnings(result.snapshotId).filter((w) => w.includes('never closed'));
    expect(lost).toEqual(
      [opened, opened + 1, opened + 2].map(
        (line) =>
          `users.csv:${line} -: not valid CSV here: inside a quote opened on line ${opened} that is never closed (lines ${opened}-${opened + 2} are lost)`,
      ),
    );
  });

  it('non-standard "userId" and "grade" columns are read as userIds and grades, with a warning', async () => {
    const dir = path.join(temp.dir, 'export');
    writeCsvFolder(smallDistrict(), dir);
    const file = path.join(dir, 'users.csv');
    const [head = '', ...rest] = fs.readFileSync(file, 'utf8').split('\n');
    const header = head
      .split(',')
      .map((c) => (c === 'userIds' ? 'userId' : c === 'grades' ? 'grade' : c));
    fs.writeFileSync(file, [header.join(','), ...rest].join('\n'));
    const result = await sync(dir);
    expect(result.state).toBe('complete');
    if (result.state !== 'complete') return;
    expect(warnings(result.snapshotId)).toEqual(
      expect.arrayContaining([
        'users.csv:1 userId: non-standard column "userId" read as "userIds" (the OneRoster 1.1 name)',
        'users.csv:1 grade: non-standard column "grade" read as "grades" (the OneRoster 1.1 name)',
      ]),
    );
    const t = snapshotTables(temp.db, result.snapshotId);
    const kept = temp.db
      .prepare(`SELECT count(*) FROM ${t.users} WHERE grades <> '[]' OR user_ids <> '[]'`)
      .pluck()
      .get() as number;
    expect(kept).toBeGreaterThan(0);
  });
});
