import type { Db } from '../db/open-database';
import { snapshotTables } from './snapshot-files';
import { firstSchoolSql } from './snapshot-stats';

/**
 * The classes each teacher of a snapshot teaches (active enrollments in active classes) and their
 * school's name, by trimmed lower-case email: the evidence beside an unused seat.
 */
export function teacherClassesByEmail(
  db: Db,
  snapshotId: number,
): Map<string, { classes: number; schoolName: string | null }> {
  const t = snapshotTables(db, snapshotId);
  const rows = db
    .prepare(
      `SELECT lower(trim(u.email)) AS email,
         (SELECT count(DISTINCT e.class_id) FROM ${t.enrollments} e JOIN ${t.classes} c ON c.sourced_id = e.class_id AND c.status = 'active'
           WHERE e.user_id = u.sourced_id AND e.role = 'teacher' AND e.status = 'active') AS classes,
         (SELECT o.name FROM ${t.orgs} o WHERE o.sourced_id = ${firstSchoolSql(t)}) AS schoolName
       FROM ${t.users} u WHERE u.role = 'teacher' AND u.email IS NOT NULL AND u.status = 'active'`,
    )
    .all() as { email: string; classes: number; schoolName: string | null }[];
  const out = new Map<string, { classes: number; schoolName: string | null }>();
  for (const r of rows)
    if (!out.has(r.email)) out.set(r.email, { classes: r.classes, schoolName: r.schoolName });
  return out;
}
