import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open-database';

/**
 * Each roster snapshot lives in its own SQLite file, `snapshots/<id>.db` beside the cache. A sync
 * writes `<id>.db.partial` alone (no journal, no index until the end), and renames it when it is
 * complete and indexed; the cache then attaches the file to read it. Removing a snapshot deletes
 * one file instead of millions of rows. Bumped when the tables change. Format 1 files (before
 * OneRoster 1.2: no `users.roles`, no `sessions.school_year`) are still read, with those empty.
 */
export const SNAPSHOT_FORMAT = 2;
const READABLE_FORMATS: readonly number[] = [1, 2];

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
const attachedSchemas = (db: Db) =>
  (db.pragma('database_list') as { name: string }[]).map((d) => d.name);
/**
 * Address space (not memory) a snapshot file may be mapped into; the OS pages it in as read. SQLite
 * caps it at its build's maximum (2 GB in better-sqlite3's), past which pages are read as usual.
 */
const SNAPSHOT_MMAP_BYTES = 2 ** 32;
/** At most this many snapshot files attached per connection (SQLite allows 10). */
const MAX_ATTACHED = 6;

/** The tables of a complete snapshot, attaching its file to this connection when needed. */
export function snapshotTables(db: Db, id: number): SnapshotTables {
  const schema = schemaOf(id);
  const attached = attachedSchemas(db);
  if (!attached.includes(schema)) {
    const file = snapshotFile(snapshotDir(db), id);
    if (!fs.existsSync(file)) throw new SnapshotFileMissingError(id, file);
    const others = attached.filter((n) => n.startsWith('snap_'));
    for (const name of others.slice(0, Math.max(0, others.length - MAX_ATTACHED + 1))) {
      try {
        db.exec(`DETACH DATABASE ${name}`);
      } catch {
        // In use by a statement still running: left attached.
      }
    }
    db.prepare('ATTACH DATABASE ? AS ' + schema).run(file);
    // A snapshot is read-only once complete: reading it through a memory map spares a read() and a
    // copy per page, which the rules' index lookups over millions of enrollments mostly are.
    db.pragma(`${schema}.mmap_size = ${SNAPSHOT_MMAP_BYTES}`);
    const format = db.pragma(`${schema}.user_version`, { simple: true }) as number;
    if (!READABLE_FORMATS.includes(format)) {
      db.exec(`DETACH DATABASE ${schema}`);
      throw new SnapshotFileMissingError(id, file);
    }
  }
  return {
    orgs: `${schema}.orgs`,
    users: `${schema}.users`,
    classes: `${schema}.classes`,
    enrollments: `${schema}.enrollments`,
    courses: `${schema}.courses`,
    sessions: `${schema}.sessions`,
  };
}

/** True when the snapshot's file is there to read. */
export function hasSnapshotFile(db: Db, id: number): boolean {
  return fs.existsSync(snapshotFile(snapshotDir(db), id));
}

/** Detaches and deletes a snapshot's file (and a sync's partial ones). Missing files are fine. */
export function deleteSnapshotFile(db: Db, id: number): void {
  const schema = schemaOf(id);
  if (attachedSchemas(db).includes(schema)) {
    try {
      db.exec(`DETACH DATABASE ${schema}`);
    } catch {
      // still in use: the file is removed anyway (POSIX) or at the next start (Windows)
    }
  }
  const dir = snapshotDir(db);
  const file = snapshotFile(dir, id);
  // A sync's lanes write `<id>.db.partial` and `<id>.db.lane-N.partial`.
  const partials = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(`${path.basename(file)}.`) && f.endsWith('.partial'))
        .map((f) => path.join(dir, f))
    : [];
  for (const f of [file, `${file}-journal`, ...partials]) {
    try {
      fs.rmSync(f, { force: true });
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
