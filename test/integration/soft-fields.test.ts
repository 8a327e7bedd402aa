import { afterEach, describe, expect, it } from 'vitest';
import { runDiagnostics } from '../../electron/core/diagnostics/run-diagnostics';
import { completed, runIngest } from '../../electron/core/ingest/run-ingest';
import { snapshotTables } from '../../electron/core/snapshot/snapshot-files';
import { CsvSource } from '../../electron/core/sources/csv/csv-source';
import type { Finding } from '../../shared/domain/finding';
import { exportWith as rewritten } from '../helpers/fixture-export';
import { useTempDatabase } from '../helpers/temp-database';

/**
 * Strict is not the same as dropping: a record whose field RosterDesk does not need to place it is
 * kept when that field cannot be read, and the export is told about once per file and field.
 */

const temp = useTempDatabase();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A copy of the 1.2 fixture with some cells rewritten. */
function exportWith(edits: Parameters<typeof rewritten>[0]): string {
  const tmp = rewritten(edits);
  cleanups.push(tmp.cleanup);
  return tmp.dir;
}

async function sync(dir: string) {
  const result = await runIngest(temp.db, new CsvSource(dir), {
    connectionId: dir,
    sourceKind: 'oneroster-csv',
    signal: new AbortController().signal,
  });
  if (!completed(result)) throw new Error(`sync ${result.state}: ${result.error}`);
  const warnings = temp.db
    .prepare('SELECT location, field, reason FROM sync_warnings WHERE snapshot_id = ? ORDER BY id')
    .all(result.snapshotId) as { location: string; field: string | null; reason: string }[];
  const { findings } = runDiagnostics(temp.db, result.snapshotId, null);
  return { ...result, warnings, findings };
}

const findingKeys = (findings: Finding[]) =>
  findings.map((f) => `${f.code} ${f.subjects.map((s) => s.id).join(' ')}`).sort();

describe('fields RosterDesk does not need to place a record', () => {
  it('an export with each unreadable field keeps every record, warns once per file and field, and gives no false finding', async () => {
    const clean = await sync(exportWith({}));
    const messy = await sync(
      exportWith({
        'users.csv': {
          st2: { dateLastModified: '15/06/2023' },
          st3: { enabledUser: 'Y' },
          st4: { enabledUser: 'no' },
        },
        'enrollments.csv': {
          '*': { beginDate: '03/15/2022' },
          e02: { primary: 'Y' },
          e03: { primary: 'maybe' },
        },
        'classes.csv': { c1: { dateLastModified: '25/05/2023 18:25' } },
        'roles.csv': { r01: { beginDate: '06/03/2024' } },
      }),
    );
    // Every record is kept, and reads the same as in the clean export.
    expect(messy.counts).toEqual(clean.counts);
    const t = snapshotTables(temp.db, messy.snapshotId);
    const teacher = temp.db
      .prepare(`SELECT role, roles FROM ${t.users} WHERE sourced_id = 't1'`)
      .get() as { role: string; roles: string };
    expect(teacher.role).toBe('teacher');
    expect(JSON.parse(teacher.roles)[0]).toMatchObject({ role: 'teacher', beginDate: null });
    const enabled = temp.db
      .prepare(
        `SELECT sourced_id, enabled FROM ${t.users} WHERE sourced_id IN ('st3', 'st4') ORDER BY 1`,
      )
      .all();
    expect(enabled).toEqual([
      { sourced_id: 'st3', enabled: 1 },
      { sourced_id: 'st4', enabled: 0 },
    ]);
    const primary = temp.db
      .prepare(
        `SELECT sourced_id, is_primary FROM ${t.enrollments} WHERE sourced_id IN ('e02', 'e03') ORDER BY 1`,
      )
      .all();
    expect(primary).toEqual([
      { sourced_id: 'e02', is_primary: 1 },
      { sourced_id: 'e03', is_primary: 0 },
    ]);
    // No false finding: the same findings as the clean export.
    expect(findingKeys(messy.findings)).toEqual(findingKeys(clean.findings));
    // One warning per file and field, with the count, the lines and an example.
    expect(
      messy.warnings.map((w) => `${w.location} ${w.field ?? '-'}: ${w.reason}`).sort(),
    ).toEqual(
      [
        'classes.csv:2 dateLastModified: classes.csv: dateLastModified unreadable on 1 row (line 2), e.g. "25/05/2023 18:25": kept without it',
        'enrollments.csv:2 beginDate: enrollments.csv: beginDate not written as YYYY-MM-DD on 12 rows (lines 2–13): read where only one reading is possible, e.g. "03/15/2022"',
        'enrollments.csv:4 primary: enrollments.csv: primary unreadable on 1 row (line 4), e.g. "maybe": kept without it',
        'roles.csv:2 role.beginDate: roles.csv: role.beginDate unreadable on 1 row (line 2), e.g. "06/03/2024" (a day and a month could be read either way, so it is not guessed): kept without it',
        'users.csv:8 dateLastModified: users.csv: dateLastModified unreadable on 1 row (line 8), e.g. "15/06/2023": kept without it',
      ].sort(),
    );
  });

  it('US-format session dates keep their sessions, read where only one reading is possible, with one warning', async () => {
    const clean = await sync(exportWith({}));
    const us = await sync(
      exportWith({
        'academicSessions.csv': {
          y2027: { startDate: '8/27/2018', endDate: '6/30/2019' },
          fall: { startDate: '8/27/2018', endDate: '12/20/2018' },
          spring: { startDate: '1/05/2019' },
        },
      }),
    );
    expect(us.counts.academicSessions).toBe(clean.counts.academicSessions);
    const t = snapshotTables(temp.db, us.snapshotId);
    const sessions = temp.db
      .prepare(`SELECT sourced_id, start_date, end_date FROM ${t.sessions} ORDER BY sourced_id`)
      .all();
    expect(sessions).toContainEqual({
      sourced_id: 'y2027',
      start_date: '2018-08-27',
      end_date: '2019-06-30',
    });
    // 1/05/2019 is 5 January or 1 May: not guessed.
    expect(sessions).toContainEqual(
      expect.objectContaining({ sourced_id: 'spring', start_date: null }),
    );
    const about = us.warnings.filter((w) => w.location.startsWith('academicSessions.csv'));
    expect(about.map((w) => w.field).sort()).toEqual(['endDate', 'startDate']);
    expect(about.find((w) => w.field === 'startDate')?.reason).toMatch(
      /^academicSessions\.csv: startDate unreadable on 1 row \(line \d\), e\.g\. "1\/05\/2019" \(a day and a month could be read either way, so it is not guessed\): kept without it; startDate not written as YYYY-MM-DD on 2 rows/,
    );
  });

  it('reads a day one way only when there is one way to read it', async () => {
    const { readDay } = await import('../../electron/core/sources/record-fields');
    expect(readDay('2023-06-15T10:00:00Z')).toEqual({ day: '2023-06-15', how: 'iso' });
    expect(readDay('15/06/2023')).toEqual({ day: '2023-06-15', how: 'only-reading' });
    expect(readDay('03/15/2022')).toEqual({ day: '2022-03-15', how: 'only-reading' });
    expect(readDay('1/05/2023')).toEqual({ day: null, how: 'ambiguous' });
    expect(readDay('5/5/2023')).toEqual({ day: '2023-05-05', how: 'only-reading' });
    expect(readDay('31/02/2023')).toEqual({ day: null, how: 'unreadable' });
    expect(readDay('2023-02-30')).toEqual({ day: null, how: 'unreadable' });
    expect(readDay('soon')).toEqual({ day: null, how: 'unreadable' });
  });
});
