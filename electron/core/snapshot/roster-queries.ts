import { NO_ROSTER_COUNTS, rosterCountsOf } from '../../../shared/domain/snapshot';
import { USER_SEARCH_TABLE } from './snapshot-files';
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
import { snapshotTables } from './snapshot-files';
import { SnapshotStore } from './snapshot-store';
import { snapshotStats } from './snapshot-stats';

const SEARCH_INDEXES = [
  ['email', 'users_email'],
  ['family_name', 'users_name'],
  ['given_name', 'users_given'],
  ['username', 'users_username'],
] as const;

/**
 * What the admin typed as an FTS5 query: each word (split at spaces and commas, so "Walker,
 * Margaret" is two) a quoted prefix, all required; null when nothing is left.
 */
export function searchWords(search: string): string | null {
  const words = search
    .split(/[\s,;]+/)
    .map((w) => w.replace(/"/g, '').trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  return words.length ? words.map((w) => `"${w}"*`).join(' AND ') : null;
}

/** Most hits a user search looks at per field; more means the admin should type more. */
export const SEARCH_CAP = 1000;

interface UserDbRow {
  sourced_id: string;
  role: string;
  given_name: string;
  family_name: string;
  email: string | null;
  username: string | null;
  status: string;
  enabled: number;
  org_ids: string;
}

/** Read-only questions over the current snapshot: what the offline screens show. */
export class RosterQueries {
  private readonly snapshots: SnapshotStore;

  constructor(private readonly db: Db) {
    this.snapshots = new SnapshotStore(db);
  }

  private readonly searchTables = new Map<string, string | null>();

  /** The full-text index beside this users table, or null in a snapshot written before it. */
  private searchTable(users: string): string | null {
    const schema = users.slice(0, users.lastIndexOf('.'));
    let found = this.searchTables.get(schema);
    if (found === undefined) {
      const has = this.db
        .prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE name = ?`)
        .get(USER_SEARCH_TABLE);
      found = has ? `${schema}.${USER_SEARCH_TABLE}` : null;
      this.searchTables.set(schema, found);
    }
    return found;
  }

  private currentId(): number | null {
    return this.snapshots.latestCurrent()?.id ?? null;
  }

  overview(): RosterOverview {
    const snapshot = this.snapshots.latestCurrent();
    const empty = {
      snapshot: null,
      connectionName: null,
      ...NO_ROSTER_COUNTS,
      inactiveUsers: 0,
    };
    if (!snapshot) return empty;
    const stats = snapshotStats(this.db, snapshot.id);
    const name = this.db
      .prepare('SELECT name FROM connections WHERE id = ?')
      .pluck()
      .get(snapshot.connectionId) as string | undefined;
    return {
      snapshot,
      connectionName: name ?? null,
      ...rosterCountsOf(stats),
      inactiveUsers: stats.inactiveUsers,
    };
  }

  /**
   * Users by name, email, username or id; `aliases` are roster users the search also finds by
   * another key (the license email a teacher quotes, matched to them by diagnostics), with why.
   */
  users(
    input: UserQuery,
    aliases: Map<string, string> = new Map(),
  ): { total: number; offset: number; rows: UserRow[] } {
    const q = userQuerySchema.parse(input);
    const id = this.currentId();
    if (id === null) return { total: 0, offset: q.offset, rows: [] };
    const t = snapshotTables(this.db, id);
    const where = ['1 = 1'];
    const params: Record<string, unknown> = {};
    if (q.role === 'administrator') where.push("u.role IN ('administrator', 'district_admin')");
    else if (q.role === 'other')
      where.push("u.role NOT IN ('teacher', 'student', 'administrator', 'district_admin')");
    else if (q.role !== 'all') {
      params.role = q.role;
      where.push('u.role = @role');
    }
    if (q.status === 'active') where.push("u.status = 'active' AND u.enabled = 1");
    if (q.status === 'inactive') where.push("NOT (u.status = 'active' AND u.enabled = 1)");
    if (q.schoolId) {
      params.school = q.schoolId;
      where.push('EXISTS (SELECT 1 FROM json_each(u.org_ids) j WHERE j.value = @school)');
    }
    const columns =
      'u.sourced_id, u.role, u.given_name, u.family_name, u.email, u.username, u.status, u.enabled, u.org_ids';
    const order =
      'ORDER BY u.family_name COLLATE NOCASE, u.given_name COLLATE NOCASE, u.sourced_id';
    let total: number;
    let rows: UserDbRow[];
    if (q.search) {
      const search = this.searchTable(t.users);
      const aliasIds = [...aliases.keys()].filter((a) => !a.startsWith('email:')).slice(0, 50);
      aliasIds.forEach((a, i) => (params[`alias${i}`] = a));
      const aliasEmails = [...aliases.keys()]
        .filter((a) => a.startsWith('email:'))
        .slice(0, 50)
        .map((a) => a.slice('email:'.length));
      aliasEmails.forEach((e, i) => (params[`aliasEmail${i}`] = e));
      const aliasHits =
        (aliasIds.length
          ? ` UNION SELECT rowid FROM ${t.users} WHERE sourced_id IN (${aliasIds.map((_, i) => `@alias${i}`).join(', ')})`
          : '') +
        (aliasEmails.length
          ? ` UNION SELECT rowid FROM ${t.users} INDEXED BY users_email WHERE email IN (${aliasEmails.map((_, i) => `@aliasEmail${i} COLLATE NOCASE`).join(', ')})`
          : '');
      params.exact = q.search.trim();
      let hits: string;
      const words = searchWords(q.search);
      // An email typed whole (or its start, "jane.doe@spr") is found by the email index.
      const emailTyped = q.search.includes('@');
      if (search && words && !emailTyped) {
        // Every word the admin typed, as a prefix, in any order, accents and case folded.
        params.words = words;
        hits = `SELECT * FROM (SELECT rowid AS r FROM ${search} WHERE ${USER_SEARCH_TABLE} MATCH @words LIMIT ${SEARCH_CAP * 4}) UNION SELECT rowid FROM ${t.users} WHERE sourced_id = @exact${aliasHits}`;
      } else {
        // An email, or a snapshot from before the full-text index: prefix ranges over the NOCASE
        // indexes (email, family, given, username) and the exact sourcedId, SEARCH_CAP hits each.
        const tokens = q.search
          .toLowerCase()
          .split(/[\s,]+/)
          .filter(Boolean);
        const first = tokens[0] ?? '';
        params.lo = first;
        params.hi = `${first}\u{10FFFF}`;
        // Each range names its index: with sampled statistics the planner may otherwise prefer the
        // primary key and scan every user of the snapshot.
        const range = ([column, index]: readonly [string, string]) =>
          `SELECT * FROM (SELECT rowid AS r FROM ${t.users} INDEXED BY ${index} WHERE ${column} >= @lo COLLATE NOCASE AND ${column} < @hi COLLATE NOCASE LIMIT ${SEARCH_CAP})`;
        hits = `${SEARCH_INDEXES.map(range).join(' UNION ')} UNION SELECT rowid FROM ${t.users} WHERE sourced_id = @exact${aliasHits}`;
        // "jane doe": the first word finds the candidates, the second narrows by family or given name.
        if (tokens[1]) {
          params.second = `${tokens[1].replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
          where.push(
            "(u.family_name LIKE @second ESCAPE '\\' OR u.given_name LIKE @second ESCAPE '\\')",
          );
        }
      }
      // CROSS JOIN keeps the few hits as the outer loop (SQLite never reorders it), so the
      // planner cannot choose to walk every user and probe the hits.
      // The hits sorted as row ids only, then the page's rows read by id: sorting and returning
      // every hit's columns (up to a few thousand users for three letters) took 15-30 ms at full
      // scale, the ids alone 6-10 ms.
      const sorted = this.db
        .prepare(
          `SELECT u.rowid FROM (${hits}) h CROSS JOIN ${t.users} u ON u.rowid = h.r WHERE ${where.join(' AND ')} ${order}`,
        )
        .pluck()
        .all(params) as number[];
      total = sorted.length;
      // The page's ids in their order (json_each's key), each row read by id, as the unfiltered
      // list below reads its page.
      rows = this.db
        .prepare(
          `SELECT ${columns} FROM json_each(?) p CROSS JOIN ${t.users} u ON u.rowid = p.value ORDER BY p.key`,
        )
        .all(JSON.stringify(sorted.slice(q.offset, q.offset + q.limit))) as UserDbRow[];
    } else {
      const filter = where.join(' AND ');
      total = this.db
        .prepare(`SELECT count(*) FROM ${t.users} u WHERE ${filter}`)
        .pluck()
        .get(params) as number;
      // Page through ids along the name index, then read only the page's rows.
      const page = `SELECT u.rowid AS r FROM ${t.users} u INDEXED BY users_name WHERE ${filter} ${order} LIMIT @limit OFFSET @offset`;
      rows = this.db
        .prepare(
          `SELECT ${columns} FROM (${page}) p CROSS JOIN ${t.users} u ON u.rowid = p.r ${order}`,
        )
        .all({ ...params, limit: q.limit, offset: q.offset }) as UserDbRow[];
    }
    const schoolName = this.db.prepare(`SELECT name FROM ${t.orgs} WHERE sourced_id = ?`).pluck();
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
        school:
          (schoolName.get((JSON.parse(r.org_ids) as string[])[0] ?? '') as string | undefined) ??
          null,
        active: r.status === 'active' && r.enabled === 1,
        matchedBy:
          aliases.get(r.sourced_id) ??
          (r.email ? aliases.get(`email:${r.email.trim().toLowerCase()}`) : undefined) ??
          null,
      })),
    };
  }

  classes(input: ClassQuery): { total: number; offset: number; rows: ClassRow[] } {
    const q = classQuerySchema.parse(input);
    const id = this.currentId();
    if (id === null) return { total: 0, offset: q.offset, rows: [] };
    const t = snapshotTables(this.db, id);
    const params: Record<string, unknown> = { limit: q.limit, offset: q.offset };
    let filter = '1 = 1';
    if (q.search) {
      params.exact = q.search;
      params.prefix = `${q.search.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
      filter +=
        " AND (c.sourced_id = @exact OR c.title LIKE @prefix ESCAPE '\\' OR c.class_code LIKE @prefix ESCAPE '\\')";
    }
    const total = this.db
      .prepare(`SELECT count(*) FROM ${t.classes} c WHERE ${filter}`)
      .pluck()
      .get(params) as number;
    // Page through ids along the title index; only the page's classes get their counts.
    const order = 'ORDER BY c.title COLLATE NOCASE, c.sourced_id';
    const page = `SELECT c.rowid AS r FROM ${t.classes} c INDEXED BY classes_title WHERE ${filter} ${order} LIMIT @limit OFFSET @offset`;
    const rows = this.db
      .prepare(
        `SELECT c.sourced_id, c.title, c.class_code,
           (SELECT o.name FROM ${t.orgs} o WHERE o.sourced_id = c.school_id) AS school,
           (SELECT count(*) FROM ${t.enrollments} e INDEXED BY enrollments_class WHERE e.class_id = c.sourced_id AND e.role = 'teacher' AND e.status = 'active') AS teachers,
           (SELECT count(*) FROM ${t.enrollments} e INDEXED BY enrollments_class WHERE e.class_id = c.sourced_id AND e.role = 'student' AND e.status = 'active') AS students
         FROM (${page}) p CROSS JOIN ${t.classes} c ON c.rowid = p.r ${order}`,
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
