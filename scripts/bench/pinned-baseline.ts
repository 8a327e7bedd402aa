import Database from 'better-sqlite3';
import type { District, RecordList } from '../../sandbox/district/district';
import { toRow } from '../../electron/core/snapshot/snapshot-rows';

const CHUNK = 10_000;

/**
 * The ceiling the ingest is compared with, and which no change to RosterDesk's writer can move:
 * the same rows (same values and column counts as RosterDesk stores them) inserted by
 * better-sqlite3 into plain rowid tables with no secondary index, WAL, one prepared statement per
 * table, 10,000-row transactions. Each chunk's rows are built before its clock starts.
 */
export function pinnedBaseline(
  district: District,
  file: string,
): { rows: number; seconds: number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE orgs (a, b, c, d, e, f, g);
    CREATE TABLE users (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o);
    CREATE TABLE classes (a, b, c, d, e, f, g, h, i, j);
    CREATE TABLE enrollments (a, b, c, d, e, f, g, h);
    CREATE TABLE courses (a, b, c, d, e, f);
    CREATE TABLE sessions (a, b, c, d, e, f, g, h, i);`);
  let rows = 0;
  let ms = 0;
  const load = <T>(table: string, list: RecordList<T>, rowOf: (r: T) => unknown[]) => {
    if (list.count === 0) return;
    const width = rowOf(list.at(0)).length;
    const insert = db.prepare(`INSERT INTO ${table} VALUES (${Array(width).fill('?').join(', ')})`);
    const chunk = db.transaction((batch: unknown[][]) => {
      for (const row of batch) insert.run(row);
    });
    for (let i = 0; i < list.count; i += CHUNK) {
      const batch: unknown[][] = [];
      for (let j = i; j < Math.min(list.count, i + CHUNK); j++) batch.push(rowOf(list.at(j)));
      const t = performance.now();
      chunk(batch);
      ms += performance.now() - t;
      rows += batch.length;
    }
  };
  // The values RosterDesk stores (its own record-to-row mapping, run outside the clock), behind the
  // snapshot id the column counts include: users x 14 (15 since a user keeps its OneRoster
  // 1.2 roles), classes x 10, enrollments x 8, orgs x 7.
  load('orgs', district.orgs, (o) => [1, ...toRow.orgs(o)]);
  load('users', district.users, (u) => [1, ...toRow.users(u)]);
  load('classes', district.classes, (c) => [1, ...toRow.classes(c)]);
  load('enrollments', district.enrollments, (e) => [1, ...toRow.enrollments(e)]);
  load('courses', district.courses, (c) => [1, ...toRow.courses(c)]);
  load('sessions', district.academicSessions, (a) => [1, ...toRow.academicSessions(a)]);
  db.close();
  return { rows, seconds: ms / 1000 };
}
