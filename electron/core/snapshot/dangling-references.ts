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
  const checks: {
    resource: SyncWarning['resource'];
    field: string;
    /** Distinct ids with how many records name each: (id, n). */
    named: string;
    /** Where an id must be found. */
    known: string;
    records: string;
    ids: string;
    after: string;
  }[] = [
    {
      resource: 'enrollments',
      field: 'userSourcedId',
      named: `SELECT user_id AS id, count(*) AS n FROM ${t.enrollments} INDEXED BY enrollments_user GROUP BY user_id`,
      known: t.users,
      records: 'enrollment',
      ids: 'user',
      after: 'kept, but nobody gets those classes through them',
    },
    {
      resource: 'enrollments',
      field: 'classSourcedId',
      named: `SELECT class_id AS id, count(*) AS n FROM ${t.enrollments} INDEXED BY enrollments_class GROUP BY class_id`,
      known: t.classes,
      records: 'enrollment',
      ids: 'class',
      after: 'kept, but those classes cannot be imported',
    },
    {
      resource: 'classes',
      field: 'schoolSourcedId',
      named: `SELECT school_id AS id, count(*) AS n FROM ${t.classes} WHERE school_id IS NOT NULL GROUP BY school_id`,
      known: t.orgs,
      records: 'class',
      ids: 'school',
      after: 'kept, counted under "No school in the roster"',
    },
  ];
  const out: SyncWarning[] = [];
  for (const c of checks) {
    const m = db
      .prepare(
        `SELECT count(*) AS ids, sum(n) AS records, min(id) AS example FROM (${c.named}) d
         WHERE NOT EXISTS (SELECT 1 FROM ${c.known} k WHERE k.sourced_id = d.id)`,
      )
      .get() as { ids: number; records: number | null; example: string | null };
    if (m.ids === 0) continue;
    out.push({
      resource: c.resource,
      location: c.resource,
      field: c.field,
      reason: `${rows(m.records ?? 0, c.records)} ${verb(m.records)} ${rows(m.ids, c.ids)} the roster does not send (e.g. ${m.example ?? '?'}): ${c.after}`,
    });
  }
  return out;
}
