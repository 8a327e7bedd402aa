import type { RosterRecordMap, RosterResource } from '../../../shared/domain/roster';

/** A record as the values of its snapshot-table row, in column order (see SNAPSHOT_TABLES_SQL). */
export type SnapshotRow = (string | number | null)[];

/** A list column as JSON; an empty list (most users' roles, ids or grades) needs no stringify. */
const json = (v: readonly unknown[]) => (v.length === 0 ? '[]' : JSON.stringify(v));

export const TABLE_OF = {
  orgs: 'orgs',
  users: 'users',
  classes: 'classes',
  enrollments: 'enrollments',
  courses: 'courses',
  academicSessions: 'sessions',
} as const satisfies Record<RosterResource, string>;

export const toRow: { [R in RosterResource]: (record: RosterRecordMap[R]) => SnapshotRow } = {
  orgs: (o) => [o.sourcedId, o.status, o.name, o.type, o.identifier, o.parentSourcedId],
  users: (u) => [
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
    json(u.roles),
  ],
  classes: (c) => [
    c.sourcedId,
    c.status,
    c.title,
    c.classCode,
    c.courseSourcedId,
    c.schoolSourcedId,
    json(c.termSourcedIds),
    json(c.grades),
    json(c.subjects),
  ],
  enrollments: (e) => [
    e.sourcedId,
    e.status,
    e.classSourcedId,
    e.schoolSourcedId,
    e.userSourcedId,
    e.role,
    e.primary ? 1 : 0,
  ],
  courses: (c) => [c.sourcedId, c.status, c.title, c.courseCode, c.orgSourcedId],
  academicSessions: (a) => [
    a.sourcedId,
    a.status,
    a.title,
    a.type,
    a.startDate,
    a.endDate,
    a.parentSourcedId,
    a.schoolYear,
  ],
};

/** Rows of one batch, by resource. */
export type RowBatch = { [R in RosterResource]?: SnapshotRow[] };

/** How many records of each resource a batch holds. */
export function countsOf(batch: { [R in RosterResource]?: unknown[] }): Partial<
  Record<RosterResource, number>
> {
  return Object.fromEntries(Object.entries(batch).map(([r, records]) => [r, records.length]));
}

/** A batch of records as rows, by resource. */
export function toRows(batch: { [R in RosterResource]?: RosterRecordMap[R][] }): RowBatch {
  const rows: RowBatch = {};
  for (const resource of Object.keys(batch) as RosterResource[]) {
    const records = (batch[resource] ?? []) as RosterRecordMap[typeof resource][];
    const convert = toRow[resource] as (r: RosterRecordMap[typeof resource]) => SnapshotRow;
    rows[resource] = records.map(convert);
  }
  return rows;
}
