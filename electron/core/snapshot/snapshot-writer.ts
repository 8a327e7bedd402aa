import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { RosterRecordMap, RosterResource, SyncWarning } from '../../../shared/domain/roster';
import { EMPTY_COUNTS } from '../../../shared/domain/snapshot';
import type { Db } from '../db/open-database';
import { makePrivateDir, makePrivateFile } from '../db/private-files';
import type { RecordBatch } from '../sources/roster-source';
import type { KEYED_TABLES } from './snapshot-files';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_INDEXES_SQL,
  SNAPSHOT_TABLES_SQL,
  snapshotDir,
  snapshotFile,
} from './snapshot-files';

const json = (v: unknown) => JSON.stringify(v);

const TABLE_OF: Record<RosterResource, (typeof KEYED_TABLES)[number]> = {
  orgs: 'orgs',
  users: 'users',
  classes: 'classes',
  enrollments: 'enrollments',
  courses: 'courses',
  academicSessions: 'sessions',
};

/**
 * Writes one snapshot into its own file: plain rowid tables, no journal and no index while the rows
 * arrive (the file is only read once it is complete, renamed and attached, so a crash leaves a
 * `.partial` file that is deleted, never a half snapshot), then the unique and search indexes built
 * once. A sourcedId seen twice keeps the first record and becomes a warning. Warnings go to the
 * cache (`sync_warnings`), so a failed sync keeps them for diagnosis.
 */
export class SnapshotWriter {
  readonly counts: Record<RosterResource, number> = { ...EMPTY_COUNTS };
  private readonly file: string;
  private readonly out: Db;
  private readonly insert: { [R in RosterResource]: (record: RosterRecordMap[R]) => void };
  private readonly warn: Statement;
  private readonly writeBatch: (
    batch: RecordBatch,
    warnings: SyncWarning[],
    location: string,
  ) => void;
  /** Where each resource came from (a file name or URL path), for duplicate warnings. */
  private readonly origin = new Map<RosterResource, string>();
  private warnings = 0;
  private static readonly MAX_WARNINGS = 50_000;
  private closed = false;

  constructor(
    private readonly db: Db,
    readonly snapshotId: number,
  ) {
    const dir = snapshotDir(db);
    makePrivateDir(dir);
    this.file = `${snapshotFile(dir, snapshotId)}.partial`;
    fs.rmSync(this.file, { force: true });
    makePrivateFile(this.file);
    const out = new Database(this.file);
    this.out = out;
    out.pragma('journal_mode = OFF');
    out.pragma('synchronous = OFF');
    out.pragma('main.locking_mode = EXCLUSIVE');
    out.pragma('cache_size = -16000');
    out.pragma('threads = 2');
    out.exec(SNAPSHOT_TABLES_SQL);
    out.pragma(`user_version = ${SNAPSHOT_FORMAT}`);
    const prep = (table: string, columns: number) =>
      out.prepare(`INSERT INTO ${table} VALUES (${Array(columns).fill('?').join(', ')})`);
    const orgs = prep('orgs', 6);
    const users = prep('users', 13);
    const classes = prep('classes', 9);
    const enrollments = prep('enrollments', 7);
    const courses = prep('courses', 5);
    const sessions = prep('sessions', 7);
    this.warn = db.prepare(
      'INSERT INTO sync_warnings (snapshot_id, resource, location, field, reason) VALUES (?, ?, ?, ?, ?)',
    );
    this.insert = {
      orgs: (o) => orgs.run(o.sourcedId, o.status, o.name, o.type, o.identifier, o.parentSourcedId),
      users: (u) =>
        users.run(
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
        ),
      classes: (c) =>
        classes.run(
          c.sourcedId,
          c.status,
          c.title,
          c.classCode,
          c.courseSourcedId,
          c.schoolSourcedId,
          json(c.termSourcedIds),
          json(c.grades),
          json(c.subjects),
        ),
      enrollments: (e) =>
        enrollments.run(
          e.sourcedId,
          e.status,
          e.classSourcedId,
          e.schoolSourcedId,
          e.userSourcedId,
          e.role,
          e.primary ? 1 : 0,
        ),
      courses: (c) => courses.run(c.sourcedId, c.status, c.title, c.courseCode, c.orgSourcedId),
      academicSessions: (a) =>
        sessions.run(
          a.sourcedId,
          a.status,
          a.title,
          a.type,
          a.startDate,
          a.endDate,
          a.parentSourcedId,
        ),
    };
    const rows = out.transaction((batch: RecordBatch) => {
      for (const resource of Object.keys(batch) as RosterResource[]) {
        const records = batch[resource] as RosterRecordMap[typeof resource][] | undefined;
        if (!records) continue;
        const insert = this.insert[resource] as (r: RosterRecordMap[typeof resource]) => void;
        for (const record of records) insert(record);
        this.counts[resource] += records.length;
      }
    });
    const warn = db.transaction((warnings: SyncWarning[]) => {
      for (const w of warnings) this.addWarning(w);
    });
    this.writeBatch = (batch, warnings, location) => {
      for (const resource of Object.keys(batch) as RosterResource[])
        if (!this.origin.has(resource)) this.origin.set(resource, originOf(location));
      rows(batch);
      if (warnings.length > 0) warn(warnings);
    };
  }

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

  /** Rows copied in bulk by SQL on the snapshot's own file (the one-time move of older caches). */
  bulk(copy: (out: Db) => Partial<Record<RosterResource, number>>): void {
    const added = copy(this.out);
    for (const [resource, n] of Object.entries(added) as [RosterResource, number][])
      this.counts[resource] += n;
  }

  /**
   * Drops duplicate sourcedIds (the first record stays), builds the indexes and statistics, makes
   * the file durable and gives it its final name. Only then may the snapshot become current.
   */
  finish(onStep?: (step: string) => void): void {
    const out = this.out;
    for (const resource of Object.keys(TABLE_OF) as RosterResource[]) {
      const table = TABLE_OF[resource];
      onStep?.(`checking ${resource}`);
      const dropped = this.uniqueKey(table, resource);
      this.counts[resource] -= dropped;
    }
    for (const sql of SNAPSHOT_INDEXES_SQL) {
      onStep?.('indexing');
      out.exec(sql);
    }
    onStep?.('statistics');
    out.pragma('analysis_limit = 1000');
    out.exec('ANALYZE');
    out.pragma('journal_mode = DELETE');
    out.close();
    this.closed = true;
    const fd = fs.openSync(this.file, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(this.file, snapshotFile(snapshotDir(this.db), this.snapshotId));
  }

  /** The unique sourced_id index; on duplicates, the later copies become warnings and go. */
  private uniqueKey(table: string, resource: RosterResource): number {
    const out = this.out;
    try {
      out.exec(`CREATE UNIQUE INDEX ${table}_id ON ${table} (sourced_id)`);
      return 0;
    } catch (error) {
      if (!String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw error;
    }
    out.exec(`CREATE INDEX ${table}_dup ON ${table} (sourced_id)`);
    const extra = out
      .prepare(
        `SELECT a.rowid AS row, a.sourced_id AS id FROM ${table} a
         WHERE EXISTS (SELECT 1 FROM ${table} b WHERE b.sourced_id = a.sourced_id AND b.rowid < a.rowid)
         ORDER BY a.rowid`,
      )
      .all() as { row: number; id: string }[];
    const remove = out.prepare(`DELETE FROM ${table} WHERE rowid = ?`);
    out.transaction(() => {
      for (const r of extra) remove.run(r.row);
    })();
    this.db.transaction(() => {
      for (const r of extra)
        this.addWarning({
          resource,
          location: this.origin.get(resource) ?? resource,
          field: 'sourcedId',
          reason: `duplicate sourcedId ${r.id}: the first record was kept`,
        });
    })();
    out.exec(`DROP INDEX ${table}_dup`);
    out.exec(`CREATE UNIQUE INDEX ${table}_id ON ${table} (sourced_id)`);
    return extra.length;
  }

  /** A sync that did not finish: its file goes. */
  discard(): void {
    if (!this.closed) {
      this.out.close();
      this.closed = true;
    }
    fs.rmSync(this.file, { force: true });
  }
}

/** "users.csv:12" -> "users.csv"; "/ims/…/users?limit=…" -> "/ims/…/users". */
function originOf(location: string): string {
  return location.replace(/[?#].*$/, '').replace(/:\d+$/, '');
}
