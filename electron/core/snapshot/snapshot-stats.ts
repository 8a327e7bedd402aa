import type { RosterCounts, SchoolCounts } from '../../../shared/domain/snapshot';
import type { Db } from '../db/open-database';
import { snapshotTables } from './snapshot-files';
import type { SnapshotTables } from './snapshot-files';

export interface SnapshotStats extends RosterCounts {
  /** Bumped when the shape changes: older stored stats are computed again. */
  version: number;
  inactiveUsers: number;
  /**
   * One row per school, plus a "No school" row when needed, so every column adds up to its total:
   * each live person is counted once, at the first school among their orgs; classes and
   * enrollments at the school the roster gives them.
   */
  perSchool: SchoolCounts[];
}

export const STATS_VERSION = 4;
export const NO_SCHOOL = 'No school in the roster';
/** A live user (active and enabled), over the users table aliased `u`. */
export const LIVE = "u.status = 'active' AND u.enabled = 1";

/**
 * The first of a user's orgs that is an active school of the snapshot (SQL over `u`): where the
 * user is counted. A user whose first org is the district still counts at their school.
 */
export const firstSchoolSql = (t: SnapshotTables) => `(SELECT j.value FROM json_each(u.org_ids) j
  JOIN ${t.orgs} o ON o.sourced_id = j.value AND o.type = 'school' AND o.status = 'active'
  ORDER BY j.key LIMIT 1)`;

/** Users counted together: where (live teachers and students only), role, live. */
export interface PeopleCount {
  school: string | null;
  role: string;
  live: number;
  n: number;
}
/** Active classes or enrollments at a school. */
export interface SchoolCount {
  school_id: string | null;
  n: number;
}
/** The snapshot's active schools, by name. */
export type ActiveSchool = { sourced_id: string; name: string };

export function activeSchools(db: Db, t: SnapshotTables): ActiveSchool[] {
  return db
    .prepare(
      `SELECT sourced_id, name FROM ${t.orgs} WHERE type = 'school' AND status = 'active' ORDER BY name`,
    )
    .all() as ActiveSchool[];
}

/** Counts live records of a snapshot in a few passes over its tables. */
export function computeSnapshotStats(db: Db, snapshotId: number): SnapshotStats {
  const t = snapshotTables(db, snapshotId);
  const people = db
    .prepare(
      `SELECT CASE WHEN role IN ('teacher', 'student') AND ${LIVE} THEN ${firstSchoolSql(t)} END AS school,
         role, (${LIVE}) AS live, count(*) AS n
       FROM ${t.users} u GROUP BY school, role, live`,
    )
    .all() as PeopleCount[];
  const grouped = (sql: string) => db.prepare(sql).all() as SchoolCount[];
  const classes = grouped(
    `SELECT school_id, count(*) AS n FROM ${t.classes} WHERE status = 'active' GROUP BY school_id`,
  );
  const enrollments = grouped(
    `SELECT school_id, count(*) AS n FROM ${t.enrollments} WHERE status = 'active' GROUP BY school_id`,
  );
  return assembleStats(
    activeSchools(db, t),
    people,
    classes,
    withoutDead(enrollments, deadEnrollments(db, t)),
  );
}

/**
 * Active enrollments that are not live: of a class that is not active (tobedeleted), or of a user
 * who is not live (tobedeleted or disabled). Counted from the few dead classes and users, not by
 * walking every enrollment.
 */
export function deadEnrollments(db: Db, t: SnapshotTables): SchoolCount[] {
  return db
    .prepare(
      `WITH dead AS (
         SELECT e.rowid AS r, e.school_id AS school_id FROM ${t.classes} c
           JOIN ${t.enrollments} e INDEXED BY enrollments_class ON e.class_id = c.sourced_id
           WHERE c.status != 'active' AND e.status = 'active'
         UNION
         SELECT e.rowid, e.school_id FROM ${t.users} u
           JOIN ${t.enrollments} e INDEXED BY enrollments_user ON e.user_id = u.sourced_id
           WHERE NOT (${LIVE}) AND e.status = 'active')
       SELECT school_id, count(*) AS n FROM dead GROUP BY school_id`,
    )
    .all() as SchoolCount[];
}

/** Enrollment counts by school, less the dead ones: the live enrollments every screen shows. */
export function withoutDead(all: SchoolCount[], dead: SchoolCount[]): SchoolCount[] {
  const less = new Map(dead.map((d) => [d.school_id, d.n]));
  return all.map((e) => ({ school_id: e.school_id, n: e.n - (less.get(e.school_id) ?? 0) }));
}

/** The stats from counts, however they were made (SQL over the tables, or tallied as rows went in). */
export function assembleStats(
  schools: ActiveSchool[],
  people: PeopleCount[],
  classes: SchoolCount[],
  enrollments: SchoolCount[],
): SnapshotStats {
  const perSchool = new Map<string, SchoolCounts>(
    schools.map((s) => [
      s.sourced_id,
      {
        sourcedId: s.sourced_id,
        name: s.name,
        teachers: 0,
        students: 0,
        classes: 0,
        enrollments: 0,
      },
    ]),
  );
  const noSchool: SchoolCounts = {
    sourcedId: '',
    name: NO_SCHOOL,
    teachers: 0,
    students: 0,
    classes: 0,
    enrollments: 0,
  };
  const rowOf = (school: string | null) => perSchool.get(school ?? '') ?? noSchool;
  const totals = {
    teachers: 0,
    students: 0,
    administrators: 0,
    staff: 0,
    contacts: 0,
    inactiveUsers: 0,
  };
  for (const p of people) {
    if (!p.live) {
      totals.inactiveUsers += p.n;
      continue;
    }
    if (p.role === 'teacher' || p.role === 'student') {
      const key = p.role === 'teacher' ? 'teachers' : 'students';
      totals[key] += p.n;
      rowOf(p.school)[key] += p.n;
    } else if (p.role === 'administrator' || p.role === 'district_admin')
      totals.administrators += p.n;
    else if (['parent', 'guardian', 'relative', 'contact'].includes(p.role)) totals.contacts += p.n;
    else totals.staff += p.n;
  }
  for (const c of classes) rowOf(c.school_id).classes += c.n;
  for (const e of enrollments) rowOf(e.school_id).enrollments += e.n;
  const rows = [...perSchool.values()];
  if (noSchool.teachers + noSchool.students + noSchool.classes + noSchool.enrollments > 0)
    rows.push(noSchool);
  return {
    version: STATS_VERSION,
    schools: schools.length,
    ...totals,
    classes: classes.reduce((a, c) => a + c.n, 0),
    enrollments: enrollments.reduce((a, e) => a + e.n, 0),
    perSchool: rows,
  };
}

/** The stored stats of a snapshot, computed (and stored) on first use or when stored by an older version. */
export function snapshotStats(db: Db, snapshotId: number): SnapshotStats {
  const stored = db
    .prepare('SELECT stats FROM snapshot_stats WHERE snapshot_id = ?')
    .pluck()
    .get(snapshotId) as string | undefined;
  if (stored) {
    const parsed = JSON.parse(stored) as Partial<SnapshotStats>;
    if (parsed.version === STATS_VERSION) return parsed as SnapshotStats;
  }
  const stats = computeSnapshotStats(db, snapshotId);
  // A read-only connection (the diagnostics worker) computes without keeping.
  if (!db.readonly)
    db.prepare('INSERT OR REPLACE INTO snapshot_stats (snapshot_id, stats) VALUES (?, ?)').run(
      snapshotId,
      JSON.stringify(stats),
    );
  return stats;
}
