import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Db } from './open-database';
import { makeExistingPrivate, makePrivateDir, makePrivateFile } from './private-files';
import { openSqlite } from './sqlite-binding';

/**
 * The admin's own work, which no sync or pull can bring back: connections and settings, staged and
 * approved changes with their idempotency keys, push runs and the audit log. Roster snapshots and
 * the pulled license are caches and are not backed up.
 */
export const WORK_TABLES = [
  'app_settings',
  'connections',
  'changes',
  'push_runs',
  'audit_log',
] as const;
export type WorkTable = (typeof WORK_TABLES)[number];

const PREFIX = 'work-';
const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/**
 * Copies the work tables into `backups/work-<time>.db` and keeps the newest `keep`. A copy of these
 * tables takes milliseconds; a whole-file VACUUM INTO would also copy every roster snapshot
 * (hundreds of MB at district scale) for nothing a re-sync cannot rebuild.
 */
export function backupWork(db: Db, dataDir: string, now: Date, keep = 5): string {
  const dir = backupsDir(dataDir);
  makePrivateDir(dir);
  const file = path.join(dir, `${PREFIX}${stamp(now)}.db`);
  makePrivateFile(file);
  db.prepare('ATTACH DATABASE ? AS work_backup').run(file);
  try {
    for (const table of WORK_TABLES) {
      if (!tableExists(db, table)) continue;
      db.exec(`DROP TABLE IF EXISTS work_backup.${table}`);
      db.exec(`CREATE TABLE work_backup.${table} AS SELECT * FROM main.${table}`);
    }
  } finally {
    db.exec('DETACH DATABASE work_backup');
  }
  makeExistingPrivate(file);
  for (const old of workBackups(dataDir).slice(keep)) fs.rmSync(old, { force: true });
  return file;
}

/** Work backups, newest first. */
export function workBackups(dataDir: string): string[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith('.db'))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f));
}

export interface SalvageResult {
  /** Rows kept per table, whichever file they came from. */
  kept: Record<WorkTable, number>;
  /** Tables read only in part or not at all from the damaged file. */
  damagedTables: WorkTable[];
  /** Rows of those tables read past their bad pages, one by one by key. */
  readByKey: Partial<Record<WorkTable, number>>;
  /** The backup used to fill them, if any, and the rows it added to each. */
  backupUsed: string | null;
  fromBackup: Partial<Record<WorkTable, number>>;
}

/**
 * Copies what can be read of the work tables from a damaged file into a fresh database: row by row,
 * keeping every row read before an unreadable page, then every row still readable by its key past
 * the bad pages (the keys from the table's indexes, or up to its AUTOINCREMENT counter). Tables
 * that could not be read whole are then filled from the newest work backup that reads (rows
 * already kept win); the change journal comes after (see change-journal.ts).
 */
export function salvageWork(target: Db, damagedFile: string, dataDir: string): SalvageResult {
  const kept = Object.fromEntries(WORK_TABLES.map((t) => [t, 0])) as Record<WorkTable, number>;
  const damagedTables: WorkTable[] = [];
  const readByKey: Partial<Record<WorkTable, number>> = {};
  for (const table of WORK_TABLES) {
    const read = readTable(damagedFile, table);
    kept[table] += insertRows(target, table, read.rows);
    if (!read.complete) {
      damagedTables.push(table);
      readByKey[table] = read.byKey;
    }
  }
  let backupUsed: string | null = null;
  const fromBackup: Partial<Record<WorkTable, number>> = {};
  if (damagedTables.length > 0) {
    for (const backup of workBackups(dataDir)) {
      const reads = damagedTables.map((table) => ({ table, read: readTable(backup, table) }));
      if (!reads.some((r) => r.read.rows.length > 0 || r.read.complete)) continue;
      for (const { table, read } of reads) {
        const added = insertRows(target, table, read.rows);
        kept[table] += added;
        fromBackup[table] = added;
      }
      backupUsed = backup;
      break;
    }
  }
  return { kept, damagedTables, readByKey, backupUsed, fromBackup };
}

function readTable(
  file: string,
  table: WorkTable,
): { rows: Record<string, unknown>[]; complete: boolean; byKey: number } {
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<number>();
  let source: Database.Database | null = null;
  try {
    source = openSqlite(file, { readonly: true, fileMustExist: true, timeout: 2000 });
    if (!tableExists(source, table)) return { rows, complete: false, byKey: 0 };
    try {
      for (const row of source
        .prepare(`SELECT rowid AS salvage_rowid, * FROM ${table}`)
        .iterate() as Iterable<Record<string, unknown>>) {
        seen.add(Number(row.salvage_rowid));
        rows.push(row);
      }
      return { rows, complete: true, byKey: 0 };
    } catch {
      // A bad page: what follows it is read one row at a time by key.
      const before = rows.length;
      for (const rowid of candidateRowids(source, table)) {
        if (seen.has(rowid)) continue;
        try {
          const row = source
            .prepare(`SELECT rowid AS salvage_rowid, * FROM ${table} WHERE rowid = ?`)
            .get(rowid) as Record<string, unknown> | undefined;
          if (row) {
            seen.add(rowid);
            rows.push(row);
          }
        } catch {
          // This row is on a bad page itself.
        }
      }
      return { rows, complete: false, byKey: rows.length - before };
    }
  } catch {
    return { rows, complete: false, byKey: 0 };
  } finally {
    try {
      source?.close();
    } catch {
      // A damaged file may fail to close cleanly; what was read is already kept.
    }
  }
}

function insertRows(target: Db, table: WorkTable, rows: Record<string, unknown>[]): number {
  if (rows.length === 0) return 0;
  const columns = (target.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  let inserted = 0;
  target.transaction(() => {
    for (const row of rows) {
      const present = columns.filter((c) => c in row);
      const sql = `INSERT OR IGNORE INTO ${table} (${present.join(', ')}) VALUES (${present.map(() => '?').join(', ')})`;
      try {
        inserted += target.prepare(sql).run(...present.map((c) => row[c])).changes;
      } catch {
        // A row that breaks a constraint of the current schema is left out; the rest are kept.
      }
    }
  })();
  return inserted;
}

/**
 * The rowids a damaged table may still hold: read from each of its indexes (an index names every
 * row's key, on pages of its own), and up to its AUTOINCREMENT counter (the audit log's).
 */
function candidateRowids(source: Database.Database, table: string): number[] {
  const found = new Set<number>();
  const tryRead = (read: () => void) => {
    try {
      read();
    } catch {
      // That index or counter is damaged too: the others still count.
    }
  };
  let indexes: string[] = [];
  tryRead(() => {
    indexes = source
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?")
      .pluck()
      .all(table) as string[];
  });
  for (const index of indexes)
    tryRead(() => {
      for (const rowid of source
        .prepare(`SELECT rowid FROM ${table} INDEXED BY "${index.replace(/"/g, '""')}"`)
        .pluck()
        .iterate() as Iterable<number>)
        found.add(rowid);
    });
  tryRead(() => {
    const top = source.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table);
    for (let rowid = 1; rowid <= Math.min(Number(top ?? 0), 10_000_000); rowid++) found.add(rowid);
  });
  return [...found].sort((a, b) => a - b);
}

function tableExists(db: Database.Database, table: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !==
    undefined
  );
}
