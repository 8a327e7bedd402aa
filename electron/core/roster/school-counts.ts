import type { Db } from '../db/open-database';

/** Live teachers, students and classes per school: the dashboard's per-school chart. One pass per table. */
export function schoolCounts(
  db: Db,
  snapshotId: number | null,
): { sourcedId: string; name: string; teachers: number; students: number; classes: number }[] {
  if (snapshotId === null) return [];
  const rows = db
    .prepare(
      `SELECT o.sourced_id, o.name, coalesce(p.teachers, 0) AS teachers, coalesce(p.students, 0) AS students, coalesce(c.classes, 0) AS classes
       FROM roster_orgs o
       LEFT JOIN (
         SELECT json_extract(org_ids, '$[0]') AS school, sum(role = 'teacher') AS teachers, sum(role = 'student') AS students
         FROM roster_users WHERE snapshot_id = @id AND status = 'active' AND enabled = 1 GROUP BY school
       ) p ON p.school = o.sourced_id
       LEFT JOIN (
         SELECT school_id, count(*) AS classes FROM roster_classes WHERE snapshot_id = @id AND status = 'active' GROUP BY school_id
       ) c ON c.school_id = o.sourced_id
       WHERE o.snapshot_id = @id AND o.type = 'school' AND o.status = 'active' ORDER BY o.name`,
    )
    .all({ id: snapshotId }) as {
    sourced_id: string;
    name: string;
    teachers: number;
    students: number;
    classes: number;
  }[];
  return rows.map((r) => ({
    sourcedId: r.sourced_id,
    name: r.name,
    teachers: r.teachers,
    students: r.students,
    classes: r.classes,
  }));
}
