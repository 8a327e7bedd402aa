import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open-database';
import { TABLE_OF } from './snapshot-rows';

/**
 * Each roster snapshot lives in its own SQLite files beside the cache: `snapshots/<id>.db`, and when
 * a sync wrote it in two lanes, `<id>.db.lane-1` with the tables that lane wrote (`<id>.db` then
 * lacks them). A sync writes each as `.partial` (no journal, no index until the end), and renames
 * them when all are complete and indexed, `<id>.db` last; the cache then attaches them to read.
 * Removing a snapshot deletes its files instead of millions of rows.
 *
 * SNAPSHOT_FORMAT is bumped when the files change: format 3 may be two files (an older version
 * finds no enrollments table in `<id>.db` and refuses it, as it refuses any format it does not
 * know). Format 1 files (before OneRoster 1.2: no `users.roles`, no `sessions.school_year`) are
 * still read, with those empty.
 */
export const SNAPSHOT_FORMAT = 3;
const READABLE_FORMATS: readonly number[] = [1, 2, 3];

/** The tables of one snapshot, as a reader names them in SQL: `snap_12.users`. */
export interface SnapshotTables {
  orgs: string;
  users: string;
  classes: string;
  enrollments: string;
  courses: string;
  sessions: string;
}

export const SNAPSHOT_TABLES_SQL = `
CREATE TABLE orgs (sourced_id TEXT NOT NULL, status TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
  identifier TEXT, parent_id TEXT);
CREATE TABLE users (sourced_id TEXT NOT NULL, status TEXT NOT NULL, enabled INTEGER NOT NULL, role TEXT NOT NULL,
  username TEXT, given_name TEXT NOT NULL, family_name TEXT NOT NULL, middle_name TEXT, identifier TEXT, email TEXT,
  org_ids TEXT NOT NULL, grades TEXT NOT NULL, user_ids TEXT NOT NULL, roles TEXT NOT NULL);
CREATE TABLE classes (sourced_id TEXT NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL, class_code TEXT,
  course_id TEXT, school_id TEXT, term_ids TEXT NOT NULL, grades TEXT NOT NULL, subjects TEXT NOT NULL);
CREATE TABLE enrollments (sourced_id TEXT NOT NULL, status TEXT NOT NULL, class_id TEXT NOT NULL, school_id TEXT,
  user_id TEXT NOT NULL, role TEXT NOT NULL, is_primary INTEGER NOT NULL);
CREATE TABLE courses (sourced_id TEXT NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL, course_code TEXT,
  org_id TEXT);
CREATE TABLE sessions (sourced_id TEXT NOT NULL, status TEXT NOT NULL, title TEXT NOT NULL, type TEXT NOT NULL,
  start_date TEXT, end_date TEXT, parent_id TEXT, school_year TEXT);
`;

/** The full-text index of users' names and emails (beside `users`, in the file that has them). */
export const USER_SEARCH_TABLE = 'users_search';

/** Built once when the rows are in (sorting once is far cheaper than millions of B-tree updates). */
export const SNAPSHOT_INDEXES_SQL = [
  'CREATE INDEX users_role ON users (role)',
  'CREATE INDEX users_email ON users (email COLLATE NOCASE, sourced_id)',
  'CREATE INDEX users_given ON users (given_name COLLATE NOCASE, sourced_id)',
  'CREATE INDEX users_username ON users (username COLLATE NOCASE, sourced_id)',
  'CREATE INDEX users_name ON users (family_name COLLATE NOCASE, given_name COLLATE NOCASE, sourced_id)',
  'CREATE INDEX classes_title ON classes (title COLLATE NOCASE, sourced_id)',
  'CREATE INDEX enrollments_user ON enrollments (user_id, role, status, class_id)',
  'CREATE INDEX enrollments_class ON enrollments (class_id, role, status)',
  // What an admin types, found whatever the accents, case and order: "Hernandez" finds
  // "Hernández", "Walker, Margaret" and "van der Berg" find their people, "ramirez" the email
  // holding it. A contentless full-text index (SQLite's FTS5, unicode61 folding diacritics) over
  // the names, the email's local part and the username; its rowid is the user's.
  `CREATE VIRTUAL TABLE ${USER_SEARCH_TABLE} USING fts5(words, content='', tokenize='unicode61 remove_diacritics 2')`,
  // The email's local part only: its domain is the same for everyone (a million-long list of
  // "springfield" for nothing); an email typed whole is found by the email index instead.
  `INSERT INTO ${USER_SEARCH_TABLE} (rowid, words) SELECT rowid, given_name || ' ' || family_name || ' ' || coalesce(middle_name, '') || ' ' || coalesce(substr(email, 1, instr(email || '@', '@') - 1), '') || ' ' || CASE WHEN username IS NULL OR instr(username, '@') > 0 THEN '' ELSE username END FROM users`,
];

export class SnapshotFileMissingError extends Error {
  constructor(
    readonly snapshotId: number,
    file: string,
  ) {
    super(
      `The roster snapshot ${snapshotId} cannot be read: its file ${file} is missing or from another version. Sync the connection again to rebuild it.`,
    );
    this.name = 'SnapshotFileMissingError';
  }
}

export function snapshotDir(db: Db): string {
  return path.join(path.dirname(db.name), 'snapshots');
}

export function snapshotFile(dir: string, id: number): string {
  return path.join(dir, `${id}.db`);
}

const schemaOf = (id: number) => `snap_${id}`;
/** The schema of a snapshot's second file (`<id>.db.lane-1`), when it has one. */
const laneSchemaOf = (id: number) => `snap_${id}_lane`;
/** The name a sync's lane `n` (from 1) gives its file's part: `<id>.db.lane-1`. */
export function lanePart(n: number): string {
  return `lane-${n}`;
}
/** A snapshot's second file, written by a sync's second lane. */
export function laneFile(dir: string, id: number): string {
  return `${snapshotFile(dir, id)}.${lanePart(1)}`;
}
const attachedSchemas = (db: Db) =>
  (db.pragma('database_list') as { name: string }[]).map((d) => d.name);
/**
 * Address space (not memory) a snapshot file may be mapped into; the OS pages it in as read. SQLite
 * caps it at its build's maximum (2 GB in better-sqlite3's), past which pages are read as usual.
 */
const SNAPSHOT_MMAP_BYTES = 2 ** 32;
/** At most this many snapshots attached per connection (up to two files each; SQLite allows 10). */
const MAX_ATTACHED = 3;

function attach(db: Db, file: string, schema: string, id: number): void {
  if (!fs.existsSync(file)) throw new SnapshotFileMissingError(id, file);
  db.prepare('ATTACH DATABASE ? AS ' + schema).run(file);
  const format = db.pragma(`${schema}.user_version`, { simple: true }) as number;
  if (!READABLE_FORMATS.includes(format)) {
    db.exec(`DETACH DATABASE ${schema}`);
    throw new SnapshotFileMissingError(id, file);
  }
  // A snapshot is read-only once complete: reading it through a memory map spares a read() and a
  // copy per page, which the rules' index lookups over millions of enrollments mostly are.
  db.pragma(`${schema}.mmap_size = ${SNAPSHOT_MMAP_BYTES}`);
}

function detach(db: Db, schema: string): void {
  try {
    db.exec(`DETACH DATABASE ${schema}`);
  } catch {
    // In use by a statement still running: left attached.
  }
}

/** The tables a snapshot file holds. */
function tablesIn(db: Db, schema: string): Set<string> {
  const rows = db
    .prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table'`)
    .pluck()
    .all() as string[];
  return new Set(rows);
}

/** The tables of a complete snapshot, attaching its files to this connection when needed. */
export function snapshotTables(db: Db, id: number): SnapshotTables {
  const schema = schemaOf(id);
  const lane = laneSchemaOf(id);
  let attached = attachedSchemas(db);
  if (!attached.includes(schema)) {
    const dir = snapshotDir(db);
    const snapshots = attached.filter((n) => /^snap_\d+$/.test(n));
    for (const name of snapshots.slice(0, Math.max(0, snapshots.length - MAX_ATTACHED + 1))) {
      detach(db, name);
      if (attached.includes(`${name}_lane`)) detach(db, `${name}_lane`);
    }
    attach(db, snapshotFile(dir, id), schema, id);
    const second = laneFile(dir, id);
    try {
      if (fs.existsSync(second)) {
        if (!attached.includes(lane)) attach(db, second, lane, id);
      } else {
        // A table <id>.db lacks is in its lane's file: a snapshot whose second file went is missing.
        const inMain = tablesIn(db, schema);
        if (Object.values(TABLE_OF).some((t) => !inMain.has(t)))
          throw new SnapshotFileMissingError(id, second);
      }
    } catch (error) {
      detach(db, schema);
      throw error;
    }
    attached = attachedSchemas(db);
  }
  // One file: every table is in it. Two: each table from the file that has it.
  const inMain = attached.includes(lane) ? tablesIn(db, schema) : null;
  const where = (table: string) => `${!inMain || inMain.has(table) ? schema : lane}.${table}`;
  return {
    orgs: where(TABLE_OF.orgs),
    users: where(TABLE_OF.users),
    classes: where(TABLE_OF.classes),
    enrollments: where(TABLE_OF.enrollments),
    courses: where(TABLE_OF.courses),
    sessions: where(TABLE_OF.academicSessions),
  };
}

/** True when the snapshot's file is there to read. */
export function hasSnapshotFile(db: Db, id: number): boolean {
  return fs.existsSync(snapshotFile(snapshotDir(db), id));
}

/** Detaches and deletes a snapshot's files (and a sync's partial ones). Missing files are fine. */
export function deleteSnapshotFile(db: Db, id: number): void {
  const attached = attachedSchemas(db);
  for (const schema of [schemaOf(id), laneSchemaOf(id)]) {
    if (!attached.includes(schema)) continue;
    try {
      db.exec(`DETACH DATABASE ${schema}`);
    } catch {
      // still in use: the file is removed anyway (POSIX) or at the next start (Windows)
    }
  }
  const dir = snapshotDir(db);
  const base = path.basename(snapshotFile(dir, id));
  // `<id>.db`, its lane's `<id>.db.lane-1`, a sync's `<id>.db.partial`, `<id>.db.lane-N.partial`…
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f === base || f.startsWith(`${base}.`) || f.startsWith(`${base}-`))
    : [];
  for (const f of files) {
    try {
      fs.rmSync(path.join(dir, f), { force: true });
    } catch {
      // Windows keeps a file open elsewhere: removed at the next start (removeOrphanFiles)
    }
  }
}

/** Files of snapshots the cache no longer knows (a killed sync's partial file, a failed delete). */
export function removeOrphanFiles(
  db: Db,
  complete: ReadonlySet<number>,
  running: ReadonlySet<number>,
): void {
  const dir = snapshotDir(db);
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const id = Number(/^(\d+)\.db/.exec(name)?.[1]);
    const partial = name.endsWith('.partial');
    if (Number.isInteger(id) && (partial ? running : complete).has(id)) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // in use: next start
    }
  }
}
