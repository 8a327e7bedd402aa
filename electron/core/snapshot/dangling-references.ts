import type { SyncWarning } from '../../../shared/domain/roster';
import type { Db } from '../db/open-database';
import { snapshotTables } from './snapshot-files';

const rows = (n: number, what: string) =>
  `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : what.endsWith('s') ? 'es' : 's'}`;
const verb = (n: number | null) => (n === 1 ? 'names' : 'name');

/**
 * Records pointing at what the snapshot does not hold: enrollments of users or classes it does not
 * have, classes of schools it does not have. Kept (nothing is dropped for it), but said with the
 * counts, once the snapshot's files are indexed: a roster sent in part (a delta read alone, a
 * share that leaves a school out) shows here. Walks the enrollments' indexes once per column.
 */
export function danglingReferences(db: Db, snapshotId: number): SyncWarning[] {
  const t = snapshotTables(db, snapshotId);
  const out: SyncWarning[] = [];
  const missing = (sql: string) =>
    db.prepare(sql).get() as { ids: number; records: number | null; example: string | null };
  const users = missing(
    `SELECT count(*) AS ids, sum(n) AS records, min(user_id) AS example FROM (
       SELECT user_id, count(*) AS n FROM ${t.enrollments} INDEXED BY enrollments_user GROUP BY user_id) d
     WHERE NOT EXISTS (SELECT 1 FROM ${t.users} u WHERE u.sourced_id = d.user_id)`,
  );
  if (users.ids > 0)
    out.push({
      resource: 'enrollments',
      location: 'enrollments',
      field: 'userSourcedId',
      reason: `${rows(users.records ?? 0, 'enrollment')} ${verb(users.records)} ${rows(users.ids, 'user')} the roster does not send (e.g. ${users.example ?? '?'}): kept, but nobody gets those classes through them`,
    });
  const classes = missing(
    `SELECT count(*) AS ids, sum(n) AS records, min(class_id) AS example FROM (
       SELECT class_id, count(*) AS n FROM ${t.enrollments} INDEXED BY enrollments_class GROUP BY class_id) d
     WHERE NOT EXISTS (SELECT 1 FROM ${t.classes} c WHERE c.sourced_id = d.class_id)`,
  );
  if (classes.ids > 0)
    out.push({
      resource: 'enrollments',
      location: 'enrollments',
      field: 'classSourcedId',
      reason: `${rows(classes.records ?? 0, 'enrollment')} ${verb(classes.records)} ${rows(classes.ids, 'class')} the roster does not send (e.g. ${classes.example ?? '?'}): kept, but those classes cannot be imported`,
    });
  const schools = missing(
    `SELECT count(*) AS ids, sum(n) AS records, min(school_id) AS example FROM (
       SELECT school_id, count(*) AS n FROM ${t.classes} WHERE school_id IS NOT NULL GROUP BY school_id) d
     WHERE NOT EXISTS (SELECT 1 FROM ${t.orgs} o WHERE o.sourced_id = d.school_id)`,
  );
  if (schools.ids > 0)
    out.push({
      resource: 'classes',
      location: 'classes',
      field: 'schoolSourcedId',
      reason: `${rows(schools.records ?? 0, 'class')} ${verb(schools.records)} ${rows(schools.ids, 'school')} the roster does not send (e.g. ${schools.example ?? '?'}): kept, counted under "No school in the roster"`,
    });
  return out;
}
