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
  /** The backup used to fill them, if any. */
  backupUsed: string | null;
}

/**
 * Copies what can be read of the work tables from a damaged file into a fresh database: row by row,
 * keeping every row read before an unreadable page. Tables that could not be read whole are then
 * filled from the newest work backup that reads (rows already kept win).
 */
export function salvageWork(target: Db, damagedFile: string, dataDir: string): SalvageResult {
  const kept = Object.fromEntries(WORK_TABLES.map((t) => [t, 0])) as Record<WorkTable, number>;
  const damagedTables: WorkTable[] = [];
  for (const table of WORK_TABLES) {
    const read = readTable(damagedFile, table);
    kept[table] += insertRows(target, table, read.rows);
    if (!read.complete) damagedTables.push(table);
  }
  let backupUsed: string | null = null;
  if (damagedTables.length > 0) {
    for (const backup of workBackups(dataDir)) {
      const reads = damagedTables.map((table) => ({ table, read: readTable(backup, table) }));
      if (!reads.some((r) => r.read.rows.length > 0 || r.read.complete)) continue;
      for (const { table, read } of reads) kept[table] += insertRows(target, table, read.rows);
      backupUsed = backup;
      break;
    }
  }
  return { kept, damagedTables, backupUsed };
}

function readTable(
  file: string,
  table: WorkTable,
): { rows: Record<string, unknown>[]; complete: boolean } {
  const rows: Record<string, unknown>[] = [];
  let source: Database.Database | null = null;
  try {
    source = openSqlite(file, { readonly: true, fileMustExist: true, timeout: 2000 });
    if (!tableExists(source, table)) return { rows, complete: false };
    for (const row of source.prepare(`SELECT * FROM ${table}`).iterate())
      rows.push(row as Record<string, unknown>);
    return { rows, complete: true };
  } catch {
    return { rows, complete: false };
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

function tableExists(db: Database.Database, table: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !==
    undefined
  );
}
