import type {
  ClassQuery,
  ClassRow,
  RosterOverview,
  SyncWarningRow,
  UserQuery,
  UserRow,
} from '../../../shared/domain/roster-query';
import {
  classQuerySchema,
  userQuerySchema,
  warningQuerySchema,
} from '../../../shared/domain/roster-query';
import type { z } from 'zod';
import type { Db } from '../db/open-database';
import { SnapshotStore } from '../ingest/snapshot-store';

/** Read-only questions over the current snapshot: what the offline screens show. */
export class RosterQueries {
  private readonly snapshots: SnapshotStore;

  constructor(private readonly db: Db) {
    this.snapshots = new SnapshotStore(db);
  }

  private currentId(): number | null {
    return this.snapshots.latestCurrent()?.id ?? null;
  }

  overview(): RosterOverview {
    const snapshot = this.snapshots.latestCurrent();
    const empty = {
      snapshot: null,
      connectionName: null,
      schools: 0,
      teachers: 0,
      students: 0,
      administrators: 0,
      classes: 0,
      enrollments: 0,
      inactiveUsers: 0,
    };
    if (!snapshot) return empty;
    const id = snapshot.id;
    const one = (sql: string) => (this.db.prepare(sql).pluck().get(id) as number | undefined) ?? 0;
    const live = "status = 'active' AND enabled = 1";
    const name = this.db
      .prepare('SELECT name FROM connections WHERE id = ?')
      .pluck()
      .get(snapshot.connectionId) as string | undefined;
    return {
      snapshot,
      connectionName: name ?? null,
      schools: one(
        "SELECT count(*) FROM roster_orgs WHERE snapshot_id = ? AND type = 'school' AND status = 'active'",
      ),
      teachers: one(
        `SELECT count(*) FROM roster_users WHERE snapshot_id = ? AND role = 'teacher' AND ${live}`,
      ),
      students: one(
        `SELECT count(*) FROM roster_users WHERE snapshot_id = ? AND role = 'student' AND ${live}`,
      ),
      administrators: one(
        `SELECT count(*) FROM roster_users WHERE snapshot_id = ? AND role IN ('administrator', 'district_admin') AND ${live}`,
      ),
      classes: one(
        "SELECT count(*) FROM roster_classes WHERE snapshot_id = ? AND status = 'active'",
      ),
      enrollments: one(
        "SELECT count(*) FROM roster_enrollments WHERE snapshot_id = ? AND status = 'active'",
      ),
      inactiveUsers: one(
        `SELECT count(*) FROM roster_users WHERE snapshot_id = ? AND NOT (${live})`,
      ),
    };
  }

  users(input: UserQuery): { total: number; offset: number; rows: UserRow[] } {
    const q = userQuerySchema.parse(input);
    const id = this.currentId();
    if (id === null) return { total: 0, offset: q.offset, rows: [] };
    const where = ['u.snapshot_id = @id'];
    const params: Record<string, unknown> = { id, limit: q.limit, offset: q.offset };
    if (q.role === 'administrator') where.push("u.role IN ('administrator', 'district_admin')");
    else if (q.role === 'other')
      where.push("u.role NOT IN ('teacher', 'student', 'administrator', 'district_admin')");
    else if (q.role !== 'all') {
      params.role = q.role;
      where.push('u.role = @role');
    }
    if (q.status === 'active') where.push("u.status = 'active' AND u.enabled = 1");
    if (q.status === 'inactive') where.push("NOT (u.status = 'active' AND u.enabled = 1)");
    if (q.search) {
      params.exact = q.search;
      params.prefix = `${q.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      where.push(
        "(u.sourced_id = @exact OR u.email LIKE @prefix ESCAPE '\\' OR u.family_name LIKE @prefix ESCAPE '\\' OR u.given_name LIKE @prefix ESCAPE '\\' OR u.username LIKE @prefix ESCAPE '\\' OR (u.given_name || ' ' || u.family_name) LIKE @prefix ESCAPE '\\')",
      );
    }
    const filter = where.join(' AND ');
    const total = this.db
      .prepare(`SELECT count(*) FROM roster_users u WHERE ${filter}`)
      .pluck()
      .get(params) as number;
    const rows = this.db
      .prepare(
        `SELECT u.sourced_id, u.role, u.given_name, u.family_name, u.email, u.username, u.status, u.enabled,
           (SELECT o.name FROM roster_orgs o WHERE o.snapshot_id = u.snapshot_id AND o.sourced_id = json_extract(u.org_ids, '$[0]')) AS school
         FROM roster_users u WHERE ${filter} ORDER BY u.family_name COLLATE NOCASE, u.given_name COLLATE NOCASE, u.sourced_id LIMIT @limit OFFSET @offset`,
      )
      .all(params) as {
      sourced_id: string;
      role: string;
      given_name: string;
      family_name: string;
      email: string | null;
      username: string | null;
      status: string;
      enabled: number;
      school: string | null;
    }[];
    return {
      total,
      offset: q.offset,
      rows: rows.map((r) => ({
        sourcedId: r.sourced_id,
        role: r.role,
        givenName: r.given_name,
        familyName: r.family_name,
        email: r.email,
        username: r.username,
        school: r.school,
        active: r.status === 'active' && r.enabled === 1,
      })),
    };
  }

  classes(input: ClassQuery): { total: number; offset: number; rows: ClassRow[] } {
    const q = classQuerySchema.parse(input);
    const id = this.currentId();
    if (id === null) return { total: 0, offset: q.offset, rows: [] };
    const params: Record<string, unknown> = { id, limit: q.limit, offset: q.offset };
    let filter = 'c.snapshot_id = @id';
    if (q.search) {
      params.exact = q.search;
      params.prefix = `${q.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      filter +=
        " AND (c.sourced_id = @exact OR c.title LIKE @prefix ESCAPE '\\' OR c.class_code LIKE @prefix ESCAPE '\\')";
    }
    const total = this.db
      .prepare(`SELECT count(*) FROM roster_classes c WHERE ${filter}`)
      .pluck()
      .get(params) as number;
    const rows = this.db
      .prepare(
        `SELECT c.sourced_id, c.title, c.class_code,
           (SELECT o.name FROM roster_orgs o WHERE o.snapshot_id = c.snapshot_id AND o.sourced_id = c.school_id) AS school,
           (SELECT count(*) FROM roster_enrollments e WHERE e.snapshot_id = c.snapshot_id AND e.class_id = c.sourced_id AND e.role = 'teacher' AND e.status = 'active') AS teachers,
           (SELECT count(*) FROM roster_enrollments e WHERE e.snapshot_id = c.snapshot_id AND e.class_id = c.sourced_id AND e.role = 'student' AND e.status = 'active') AS students
         FROM roster_classes c WHERE ${filter} ORDER BY c.title COLLATE NOCASE, c.sourced_id LIMIT @limit OFFSET @offset`,
      )
      .all(params) as {
      sourced_id: string;
      title: string;
      class_code: string | null;
      school: string | null;
      teachers: number;
      students: number;
    }[];
    return {
      total,
      offset: q.offset,
      rows: rows.map((r) => ({
        sourcedId: r.sourced_id,
        title: r.title,
        classCode: r.class_code,
        school: r.school,
        teachers: r.teachers,
        students: r.students,
      })),
    };
  }

  /** What a sync left out, and where: resource, page or file:line, field, reason. */
  warnings(input: z.input<typeof warningQuerySchema>): {
    total: number;
    offset: number;
    rows: SyncWarningRow[];
  } {
    const q = warningQuerySchema.parse(input);
    const total = this.db
      .prepare('SELECT count(*) FROM sync_warnings WHERE snapshot_id = ?')
      .pluck()
      .get(q.snapshotId) as number;
    const rows = this.db
      .prepare(
        'SELECT resource, location, field, reason FROM sync_warnings WHERE snapshot_id = ? ORDER BY id LIMIT ? OFFSET ?',
      )
      .all(q.snapshotId, q.limit, q.offset) as SyncWarningRow[];
    return { total, offset: q.offset, rows };
  }
}
