import Database from 'better-sqlite3';
import type { District, RecordList } from '../../sandbox/district/district';

const CHUNK = 10_000;
const json = (v: unknown) => JSON.stringify(v);

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
    CREATE TABLE users (a, b, c, d, e, f, g, h, i, j, k, l, m, n);
    CREATE TABLE classes (a, b, c, d, e, f, g, h, i, j);
    CREATE TABLE enrollments (a, b, c, d, e, f, g, h);
    CREATE TABLE courses (a, b, c, d, e, f);
    CREATE TABLE sessions (a, b, c, d, e, f, g, h);`);
  let rows = 0;
  let ms = 0;
  const load = <T>(table: string, list: RecordList<T>, toRow: (r: T) => unknown[]) => {
    if (list.count === 0) return;
    const width = toRow(list.at(0)).length;
    const insert = db.prepare(`INSERT INTO ${table} VALUES (${Array(width).fill('?').join(', ')})`);
    const chunk = db.transaction((batch: unknown[][]) => {
      for (const row of batch) insert.run(row);
    });
    for (let i = 0; i < list.count; i += CHUNK) {
      const batch: unknown[][] = [];
      for (let j = i; j < Math.min(list.count, i + CHUNK); j++) batch.push(toRow(list.at(j)));
      const t = performance.now();
      chunk(batch);
      ms += performance.now() - t;
      rows += batch.length;
    }
  };
  load('orgs', district.orgs, (o) => [
    1,
    o.sourcedId,
    o.status,
    o.name,
    o.type,
    o.identifier,
    o.parentSourcedId,
  ]);
  load('users', district.users, (u) => [
    1,
    u.sourcedId,
    u.status,
    u.enabledUser ? 1 : 0,
    u.role,
    u.username,
    u.givenName,
    u.familyName,
    u.middleName,
    u.identifier,
    u.email,
    json(u.orgSourcedIds),
    json(u.grades),
    json(u.userIds),
  ]);
  load('classes', district.classes, (c) => [
    1,
    c.sourcedId,
    c.status,
    c.title,
    c.classCode,
    c.courseSourcedId,
    c.schoolSourcedId,
    json(c.termSourcedIds),
    json(c.grades),
    json(c.subjects),
  ]);
  load('enrollments', district.enrollments, (e) => [
    1,
    e.sourcedId,
    e.status,
    e.classSourcedId,
    e.schoolSourcedId,
    e.userSourcedId,
    e.role,
    e.primary ? 1 : 0,
  ]);
  load('courses', district.courses, (c) => [
    1,
    c.sourcedId,
    c.status,
    c.title,
    c.courseCode,
    c.orgSourcedId,
  ]);
  load('sessions', district.academicSessions, (a) => [
    1,
    a.sourcedId,
    a.status,
    a.title,
    a.type,
    a.startDate,
    a.endDate,
    a.parentSourcedId,
  ]);
  db.close();
  return { rows, seconds: ms / 1000 };
}
