import type { Statement } from 'better-sqlite3';
import type { RosterRecordMap, RosterResource, SyncWarning } from '../../../shared/domain/roster';
import { EMPTY_COUNTS } from '../../../shared/domain/snapshot';
import type { Db } from '../db/open-database';

const json = (v: unknown) => JSON.stringify(v);

/** One batch of records from a source, possibly of several resources (a Clever section gives classes and enrollments). */
export type RecordBatch = { [R in RosterResource]?: RosterRecordMap[R][] };

/**
 * Writes records into one snapshot with prepared statements, one transaction per batch. A
 * sourcedId seen twice in the snapshot keeps the first record and becomes a warning.
 */
export class SnapshotWriter {
  readonly counts: Record<RosterResource, number> = { ...EMPTY_COUNTS };
  private readonly insert: { [R in RosterResource]: (record: RosterRecordMap[R]) => boolean };
  private readonly warn: Statement;
  private readonly writeBatch: (
    batch: RecordBatch,
    warnings: SyncWarning[],
    location: string,
  ) => void;

  constructor(
    private readonly db: Db,
    readonly snapshotId: number,
  ) {
    const s = snapshotId;
    const prep = (sql: string) => db.prepare(sql);
    const orgs = prep(
      'INSERT INTO roster_orgs VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const users = prep(
      'INSERT INTO roster_users VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const classes = prep(
      'INSERT INTO roster_classes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const enrollments = prep(
      'INSERT INTO roster_enrollments VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const courses = prep(
      'INSERT INTO roster_courses VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const sessions = prep(
      'INSERT INTO roster_sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.warn = prep(
      'INSERT INTO sync_warnings (snapshot_id, resource, location, field, reason) VALUES (?, ?, ?, ?, ?)',
    );
    this.insert = {
      orgs: (o) =>
        orgs.run(s, o.sourcedId, o.status, o.name, o.type, o.identifier, o.parentSourcedId)
          .changes === 1,
      users: (u) =>
        users.run(
          s,
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
        ).changes === 1,
      classes: (c) =>
        classes.run(
          s,
          c.sourcedId,
          c.status,
          c.title,
          c.classCode,
          c.courseSourcedId,
          c.schoolSourcedId,
          json(c.termSourcedIds),
          json(c.grades),
          json(c.subjects),
        ).changes === 1,
      enrollments: (e) =>
        enrollments.run(
          s,
          e.sourcedId,
          e.status,
          e.classSourcedId,
          e.schoolSourcedId,
          e.userSourcedId,
          e.role,
          e.primary ? 1 : 0,
        ).changes === 1,
      courses: (c) =>
        courses.run(s, c.sourcedId, c.status, c.title, c.courseCode, c.orgSourcedId).changes === 1,
      academicSessions: (a) =>
        sessions.run(
          s,
          a.sourcedId,
          a.status,
          a.title,
          a.type,
          a.startDate,
          a.endDate,
          a.parentSourcedId,
        ).changes === 1,
    };
    this.writeBatch = db.transaction(
      (batch: RecordBatch, warnings: SyncWarning[], location: string) => {
        for (const resource of Object.keys(batch) as RosterResource[]) {
          const records = batch[resource] as RosterRecordMap[typeof resource][] | undefined;
          if (!records) continue;
          const insert = this.insert[resource] as (r: RosterRecordMap[typeof resource]) => boolean;
          for (const record of records) {
            if (insert(record)) this.counts[resource]++;
            else
              this.addWarning({
                resource,
                location,
                field: 'sourcedId',
                reason: `duplicate sourcedId ${record.sourcedId}: the first record was kept`,
              });
          }
        }
        for (const w of warnings) this.addWarning(w);
      },
    );
  }

  private warnings = 0;
  private static readonly MAX_WARNINGS = 50_000;

  private addWarning(w: SyncWarning): void {
    this.warnings++;
    if (this.warnings <= SnapshotWriter.MAX_WARNINGS)
      this.warn.run(this.snapshotId, w.resource, w.location, w.field, w.reason);
    else if (this.warnings === SnapshotWriter.MAX_WARNINGS + 1) {
      this.warn.run(
        this.snapshotId,
        w.resource,
        w.location,
        null,
        `more than ${SnapshotWriter.MAX_WARNINGS} warnings: the rest were counted, not listed`,
      );
    }
  }

  write(batch: RecordBatch, warnings: SyncWarning[], location: string): void {
    this.writeBatch(batch, warnings, location);
  }

  get warningCount(): number {
    return this.warnings;
  }
}
