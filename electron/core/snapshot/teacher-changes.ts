import type { Db } from '../db/open-database';
import { snapshotTables } from './snapshot-files';

export interface TeacherRow {
  sourcedId: string;
  givenName: string;
  familyName: string;
  email: string | null;
}

const LIMIT = 500;

/**
 * The teachers that arrived, left, and whose email the source changed between two snapshots of a
 * connection (live teachers only: a teacher marked tobedeleted has left). At most 500 of each,
 * with the totals.
 */
export function teacherChanges(
  db: Db,
  previousId: number,
  currentId: number,
): {
  arrivals: TeacherRow[];
  leavers: TeacherRow[];
  emailChanges: (TeacherRow & { from: string | null })[];
  totals: { arrivals: number; leavers: number; emailChanges: number };
} {
  const before = snapshotTables(db, previousId);
  const now = snapshotTables(db, currentId);
  const liveIn = (table: string, alias: string) =>
    `${alias}.role = 'teacher' AND ${alias}.status = 'active' AND ${alias}.enabled = 1`;
  const columns = (a: string) =>
    `${a}.sourced_id AS sourcedId, ${a}.given_name AS givenName, ${a}.family_name AS familyName, ${a}.email AS email`;
  const onlyIn = (from: typeof before, other: typeof before) =>
    `FROM ${from.users} a WHERE ${liveIn(from.users, 'a')} AND NOT EXISTS (SELECT 1 FROM ${other.users} b WHERE b.sourced_id = a.sourced_id AND ${liveIn(other.users, 'b')})`;
  const changed = `FROM ${now.users} a JOIN ${before.users} b ON b.sourced_id = a.sourced_id
    WHERE ${liveIn(now.users, 'a')} AND ${liveIn(before.users, 'b')} AND lower(coalesce(a.email, '')) <> lower(coalesce(b.email, ''))`;
  const rows = <T>(sql: string) => db.prepare(sql).all() as T[];
  const count = (sql: string) => db.prepare(`SELECT count(*) ${sql}`).pluck().get() as number;
  const order = 'ORDER BY a.family_name, a.given_name';
  return {
    arrivals: rows<TeacherRow>(
      `SELECT ${columns('a')} ${onlyIn(now, before)} ${order} LIMIT ${LIMIT}`,
    ),
    leavers: rows<TeacherRow>(
      `SELECT ${columns('a')} ${onlyIn(before, now)} ${order} LIMIT ${LIMIT}`,
    ),
    emailChanges: rows<TeacherRow & { from: string | null }>(
      `SELECT ${columns('a')}, b.email AS "from" ${changed} ${order} LIMIT ${LIMIT}`,
    ),
    totals: {
      arrivals: count(onlyIn(now, before)),
      leavers: count(onlyIn(before, now)),
      emailChanges: count(changed),
    },
  };
}
