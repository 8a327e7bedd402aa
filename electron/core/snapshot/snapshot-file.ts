import fs from 'node:fs';
import type { Statement } from 'better-sqlite3';
import type { RosterResource } from '../../../shared/domain/roster';
import type { Db } from '../db/open-database';
import { makePrivateDir, makePrivateFile } from '../db/private-files';
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_INDEXES_SQL,
  USER_SEARCH_TABLE,
  SNAPSHOT_TABLES_SQL,
  deleteSnapshotFile,
  lanePart,
  snapshotDir,
  snapshotFile,
} from './snapshot-files';
import { TABLE_OF } from './snapshot-rows';
import type { RowBatch, SnapshotRow } from './snapshot-rows';
import { openSqlite } from '../db/sqlite-binding';

/**
 * Rows per INSERT statement. One statement per row paid SQLite's statement start and
 * better-sqlite3's call for each: over 1M enrollments, 2.2 µs a row; 25 rows a statement, 1.23 µs
 * (100: 1.22-1.39 µs).
 */
const ROWS_PER_INSERT = 25;

/** A table's inserts: one row, or ROWS_PER_INSERT rows with their values in `args`. */
interface Inserts {
  width: number;
  one: Statement;
  many: Statement;
  args: SnapshotRow;
}

/**
 * Rows into their table, ROWS_PER_INSERT at a time and the rest one by one. Values are bound as
 * arguments, not as one array: better-sqlite3 then reads no array element through V8's API.
 */
function insertRows(insert: Inserts, rows: readonly SnapshotRow[], resource: string): void {
  const { width, one, many, args } = insert;
  let i = 0;
  for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
    let k = 0;
    for (let j = i; j < i + ROWS_PER_INSERT; j++) {
      const row = rows[j] as SnapshotRow;
      // A row of another width would shift every value after it into the wrong column.
      if (row.length !== width)
        throw new Error(`a ${resource} row has ${row.length} values for ${width} columns`);
      for (let c = 0; c < width; c++) args[k++] = row[c] as SnapshotRow[number];
    }
    many.run(...args);
  }
  for (; i < rows.length; i++) one.run(...(rows[i] as SnapshotRow));
}

export interface Duplicate {
  resource: RosterResource;
  sourcedId: string;
}

/**
 * One snapshot's own file while a sync writes it: plain rowid tables, no journal and no index while
 * the rows arrive (the file is only read once it is complete, renamed and attached, so a crash
 * leaves a `.partial` file that is deleted, never a half snapshot), then the unique and search
 * indexes built once. Needs no other database, so it can run in a worker thread.
 *
 * A sync may write a snapshot in lanes, each in its own thread (see snapshot-lanes.ts): a lane given
 * a `part` name writes some tables into `<id>.db.<part>.partial`, indexes and seals them, and the
 * snapshot is then two files, `<id>.db` and `<id>.db.<part>`, each holding its own tables.
 */
export class SnapshotFile {
  private readonly out: Db;
  private readonly insert: Record<RosterResource, Inserts>;
  private readonly writeRows: (batch: RowBatch) => void;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly snapshotId: number,
    private readonly part: string | null = null,
  ) {
    makePrivateDir(dir);
    fs.rmSync(this.partial, { force: true });
    makePrivateFile(this.partial);
    const out = openSqlite(this.partial);
    this.out = out;
    // 16 KB pages: the index builds at the end sort and write a quarter as many pages (over 1M
    // enrollments, their three indexes took 1.27-1.36 s instead of 1.50); appends cost the same.
    out.pragma('page_size = 16384');
    out.pragma('journal_mode = OFF');
    out.pragma('synchronous = OFF');
    out.pragma('main.locking_mode = EXCLUSIVE');
    // Rows only append to index-free tables: a small page cache is enough while they arrive. The
    // index builds get 8 MB (their sorts keep runs in memory, one per thread), see index(): with
    // 16 MB throughout, a full-scale sync peaked at 264 MB RSS while indexing, with 8 MB at 250 MB
    // while the rows arrived.
    out.pragma('cache_size = -2000');
    out.exec(SNAPSHOT_TABLES_SQL);
    out.pragma(`user_version = ${SNAPSHOT_FORMAT}`);
    const prep = (table: string): Inserts => {
      const width = (out.pragma(`table_info(${table})`) as unknown[]).length;
      const values = `(${Array(width).fill('?').join(', ')})`;
      return {
        width,
        one: out.prepare(`INSERT INTO ${table} VALUES ${values}`),
        many: out.prepare(
          `INSERT INTO ${table} VALUES ${Array(ROWS_PER_INSERT).fill(values).join(', ')}`,
        ),
        args: new Array<SnapshotRow[number]>(width * ROWS_PER_INSERT),
      };
    };
    this.insert = {
      orgs: prep('orgs'),
      users: prep('users'),
      classes: prep('classes'),
      enrollments: prep('enrollments'),
      courses: prep('courses'),
      academicSessions: prep('sessions'),
    };
    this.writeRows = out.transaction((batch: RowBatch) => {
      for (const resource of Object.keys(batch) as RosterResource[])
        insertRows(this.insert[resource], batch[resource] ?? [], resource);
    });
  }

  /** Where this lane's rows are written until the snapshot is complete. */
  get partial(): string {
    return SnapshotFile.partialOf(this.dir, this.snapshotId, this.part);
  }

  /** The folder of a cache's snapshot files. */
  static dirOf(db: Db): string {
    return snapshotDir(db);
  }

  /** The part name of a sync's lane `n` (lane 0 writes the main file). */
  static lanePart(n: number): string {
    return lanePart(n);
  }

  /** Detaches and deletes a snapshot's files (a sync that failed or was cancelled). */
  static discard(db: Db, snapshotId: number): void {
    deleteSnapshotFile(db, snapshotId);
  }

  /** Where the lane named `part` (null: the main lane) writes a snapshot until it is complete. */
  static partialOf(dir: string, snapshotId: number, part: string | null): string {
    return `${SnapshotFile.finalOf(dir, snapshotId, part)}.partial`;
  }

  /** The lane's file once the snapshot is complete: `<id>.db`, or `<id>.db.<part>` (see snapshot-files.ts). */
  static finalOf(dir: string, snapshotId: number, part: string | null): string {
    const main = snapshotFile(dir, snapshotId);
    return part ? `${main}.${part}` : main;
  }

  get final(): string {
    return SnapshotFile.finalOf(this.dir, this.snapshotId, this.part);
  }

  write(batch: RowBatch): void {
    this.writeRows(batch);
  }

  /** Rows copied in bulk by SQL on this file (the one-time move of older caches). */
  bulk(copy: (out: Db) => void): void {
    copy(this.out);
  }

  /**
   * Drops duplicate sourcedIds (the first record stays), builds the indexes and statistics, makes
   * the file durable and gives it its final name. Returns the duplicates dropped.
   */
  finish(onStep?: (step: string) => void): Duplicate[] {
    const duplicates = this.index({ onStep });
    this.seal(null);
    this.rename();
    return duplicates;
  }

  /**
   * Drops duplicate sourcedIds (the first record stays) and builds every index, on every table (an
   * empty one costs nothing). Returns the duplicates dropped.
   */
  index(
    options: {
      onStep?: ((step: string) => void) | undefined;
      /** True while another lane of the same sync is still indexing (see the `threads` note). */
      othersIndexing?: () => boolean;
    } = {},
  ): Duplicate[] {
    const { onStep, othersIndexing = () => false } = options;
    this.out.pragma('cache_size = -8000');
    // SQLite's `threads` counts helper threads besides this one. A sort alone on the machine takes a
    // helper (one index over 2M enrollments: 1.9 s instead of 2.8 s), but two lanes sorting at the
    // same time, each with a helper, ran four threads on two cores and spent a fifth more CPU
    // (full scale: the lanes' index builds took 16.4 and 18.4 s with a helper, 12.4 and 15.3 s
    // without). So a lane sorts alone while another lane still indexes, and with a helper after.
    const sorters = () => this.out.pragma(`threads = ${othersIndexing() ? 0 : 1}`);
    const duplicates: Duplicate[] = [];
    for (const resource of Object.keys(TABLE_OF) as RosterResource[]) {
      sorters();
      for (const sourcedId of this.uniqueKey(TABLE_OF[resource]))
        duplicates.push({ resource, sourcedId });
      onStep?.(`unique ${resource}`);
    }
    for (const sql of SNAPSHOT_INDEXES_SQL) {
      sorters();
      this.out.exec(sql);
      onStep?.(sql);
    }
    return duplicates;
  }

  /**
   * Once indexed: drops the tables another lane's file holds (`owned`: the tables this file keeps,
   * null for all), statistics, closed and durable, still under its `.partial` name.
   */
  seal(owned: readonly string[] | null): void {
    const out = this.out;
    if (owned) {
      for (const table of Object.values(TABLE_OF))
        if (!owned.includes(table)) out.exec(`DROP TABLE ${table}`);
      // The search index goes with the users it indexes.
      if (!owned.includes('users')) out.exec(`DROP TABLE IF EXISTS ${USER_SEARCH_TABLE}`);
    }
    out.pragma('analysis_limit = 1000');
    out.exec('ANALYZE');
    out.pragma('journal_mode = DELETE');
    out.close();
    this.closed = true;
    const fd = fs.openSync(this.partial, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** A sealed file under its final name. */
  rename(): void {
    fs.renameSync(this.partial, this.final);
  }

  /** The unique sourced_id index; on duplicates, the later copies go and are returned. */
  private uniqueKey(table: string): string[] {
    const out = this.out;
    try {
      out.exec(`CREATE UNIQUE INDEX ${table}_id ON ${table} (sourced_id)`);
      return [];
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
    out.exec(`DROP INDEX ${table}_dup`);
    out.exec(`CREATE UNIQUE INDEX ${table}_id ON ${table} (sourced_id)`);
    return extra.map((r) => r.id);
  }

  /**
   * A helper's file (rows of a stream another lane owns, see page-tickets.ts), closed unindexed
   * for that lane to take in with absorb().
   */
  close(): void {
    if (this.closed) return;
    this.out.close();
    this.closed = true;
  }

  /**
   * Before indexing: appends the rows of helpers' files (those that exist; a helper that found no
   * page left wrote none) to this file's tables, then deletes them. The tables have no index yet,
   * so SQLite appends the rows as stored, without decoding them.
   */
  absorb(files: readonly string[]): void {
    const out = this.out;
    for (const file of files) {
      if (!fs.existsSync(file)) continue;
      out.prepare('ATTACH DATABASE ? AS helper').run(file);
      for (const table of Object.values(TABLE_OF))
        out.exec(`INSERT INTO main.${table} SELECT * FROM helper.${table}`);
      out.exec('DETACH DATABASE helper');
      fs.rmSync(file, { force: true });
    }
  }

  /** A sync that did not finish: its file goes. */
  discard(): void {
    if (!this.closed) {
      this.out.close();
      this.closed = true;
    }
    fs.rmSync(this.partial, { force: true });
  }
}
