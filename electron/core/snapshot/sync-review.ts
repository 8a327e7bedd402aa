import type { HoldThresholds, ReviewedResource, SyncReview } from '../../../shared/domain/watch';
import type { Db } from '../db/open-database';
import { snapshotTables } from './snapshot-files';
import type { SnapshotTables } from './snapshot-files';

const EXAMPLES = 20;
const SCHOOL_ROWS = 40;

/**
 * The live records of each reviewed resource, as SQL over one snapshot's tables: `from` names the
 * table `x`; `where(alias)` is the liveness test of a record named `alias` (the same test, said of
 * the record in the other snapshot).
 */
function live(
  t: SnapshotTables,
  resource: ReviewedResource,
): { from: string; where: (alias: string) => string; school: string; same: string } {
  const of = (where: (alias: string) => string, table: string) => ({
    from: `${table} x WHERE ${where('x')}`,
    where,
  });
  switch (resource) {
    case 'teachers':
    case 'students': {
      const role = resource === 'teachers' ? 'teacher' : 'student';
      return {
        ...of(
          (a) => `${a}.role = '${role}' AND ${a}.status = 'active' AND ${a}.enabled = 1`,
          t.users,
        ),
        school: "json_extract(x.org_ids, '$[0]')",
        same: "coalesce(x.email, '') = coalesce(y.email, '') AND x.given_name = y.given_name AND x.family_name = y.family_name AND x.org_ids = y.org_ids",
      };
    }
    case 'classes':
      return {
        ...of((a) => `${a}.status = 'active'`, t.classes),
        school: 'x.school_id',
        same: "x.title = y.title AND coalesce(x.school_id, '') = coalesce(y.school_id, '') AND x.term_ids = y.term_ids",
      };
    case 'enrollments':
      return {
        ...of((a) => `${a}.status = 'active'`, t.enrollments),
        school: 'x.school_id',
        same: 'x.class_id = y.class_id AND x.user_id = y.user_id AND x.role = y.role',
      };
  }
}

const TABLE: Record<ReviewedResource, 'users' | 'classes' | 'enrollments'> = {
  teachers: 'users',
  students: 'users',
  classes: 'classes',
  enrollments: 'enrollments',
};

const share = (n: number, of: number) => `${Math.round((100 * n) / Math.max(1, of))}%`;

/**
 * What a new snapshot would do to the current one, per resource and per school: records that
 * would disappear (not sent any more, or no longer live) and that would change. `reasons` says,
 * in words, each threshold it passes; empty when the sync may become current by itself.
 */
export function reviewSync(
  db: Db,
  previousId: number,
  nextId: number,
  thresholds: HoldThresholds,
): SyncReview {
  const before = snapshotTables(db, previousId);
  const after = snapshotTables(db, nextId);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const resources: SyncReview['resources'] = [];
  const schools: SyncReview['schools'] = [];
  const reasons: string[] = [];
  const schoolNames = new Map(
    (
      db.prepare(`SELECT sourced_id, name FROM ${before.orgs}`).all() as {
        sourced_id: string;
        name: string;
      }[]
    ).map((o) => [o.sourced_id, o.name]),
  );
  for (const resource of ['teachers', 'students', 'classes', 'enrollments'] as const) {
    const was = live(before, resource);
    const now = live(after, resource);
    const table = after[TABLE[resource]];
    // y: the record in the new snapshot, live and of the same kind (a teacher who became a student
    // disappears as a teacher).
    const nowLive = now.where('y');
    const gone = `FROM ${was.from} AND NOT EXISTS (SELECT 1 FROM ${table} y WHERE y.sourced_id = x.sourced_id AND ${nowLive})`;
    const changed = `FROM ${was.from} AND EXISTS (SELECT 1 FROM ${table} y WHERE y.sourced_id = x.sourced_id AND ${nowLive} AND NOT (${was.same}))`;
    const total = count(`SELECT count(*) FROM ${was.from}`);
    const disappear = count(`SELECT count(*) ${gone}`);
    const change = count(`SELECT count(*) ${changed}`);
    resources.push({ resource, before: total, disappear, change });
    if (total >= thresholds.minimum && total > 0) {
      if (disappear / total > thresholds.disappear)
        reasons.push(
          `${share(disappear, total)} of the ${resource} would disappear (${disappear.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`,
        );
      if (change / total > thresholds.change)
        reasons.push(
          `${share(change, total)} of the ${resource} would change (${change.toLocaleString('en-US')} of ${total.toLocaleString('en-US')})`,
        );
    }
    const perSchool = db
      .prepare(
        `SELECT ${was.school} AS school, count(*) AS n,
           sum(NOT EXISTS (SELECT 1 FROM ${table} y WHERE y.sourced_id = x.sourced_id AND ${nowLive})) AS gone
         FROM ${was.from} GROUP BY 1`,
      )
      .all() as { school: string | null; n: number; gone: number }[];
    // Enrollments follow their people and classes: said district-wide, not school by school.
    for (const row of resource === 'enrollments' ? [] : perSchool) {
      if (row.gone === 0) continue;
      const school = schoolNames.get(row.school ?? '') ?? (row.school ? row.school : 'No school');
      schools.push({ school, resource, before: row.n, disappear: row.gone });
      // A school losing past the threshold is said by name, even when the district as a whole is not.
      if (row.n >= thresholds.minimum && row.gone / row.n > thresholds.disappear)
        reasons.push(
          `${school}: ${row.gone.toLocaleString('en-US')} of ${row.n.toLocaleString('en-US')} ${resource} would disappear`,
        );
    }
  }
  schools.sort((a, b) => b.disappear - a.disappear);
  const examples = db
    .prepare(
      `SELECT x.sourced_id AS id, x.given_name || ' ' || x.family_name AS name, x.role AS role
         FROM ${before.users} x WHERE x.status = 'active' AND x.role IN ('teacher', 'student')
         AND NOT EXISTS (SELECT 1 FROM ${after.users} y WHERE y.sourced_id = x.sourced_id AND y.status = 'active')
         ORDER BY x.role DESC, x.family_name, x.given_name LIMIT ${EXAMPLES}`,
    )
    .all() as { id: string; name: string; role: string }[];
  return { previousId, resources, schools: schools.slice(0, SCHOOL_ROWS), examples, reasons };
}
