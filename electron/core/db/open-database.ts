import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { StartupNotice } from '../../../shared/domain/app-status';
import { DatabaseTooNewError, MigrationsOutOfSyncError } from './database-errors';
import { checkHealth, isUnavailable, sqliteCode, unavailable } from './database-health';
import { makeExistingPrivate, makePrivateDir, makePrivateFile } from './private-files';
import { salvageWork } from './work-backup';
import { replayJournal } from './change-journal';
import { loadMigrations } from './migrations';
import type { Migration } from './migrations';
import { openSqlite } from './sqlite-binding';

export type Db = Database.Database;

export interface OpenedDatabase {
  db: Db;
  file: string;
  schemaVersion: number;
  /** Things the user must be told: a corrupt file moved aside, a backup taken before migrating. */
  notices: StartupNotice[];
}

export interface OpenDatabaseOptions {
  dataDir: string;
  fileName?: string;
  migrations?: Migration[];
  now?: () => Date;
}

const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');

/**
 * Opens the cache: checks it with `quick_check` (a damaged file is moved aside, never deleted, after
 * its work tables are salvaged into the new one; a file that is busy, locked or unreadable for any
 * other reason is refused and left untouched), refuses one written by a newer version, copies it
 * aside before migrating, then applies the pending migrations, each in its own transaction.
 * The caller owns the data folder (see data-folder-lock.ts).
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? loadMigrations();
  makePrivateDir(options.dataDir);
  const file = path.join(options.dataDir, options.fileName ?? 'rosterdesk.db');
  const notices: StartupNotice[] = [];

  let damaged: { problem: string; aside: string } | null = null;
  if (fs.existsSync(file)) {
    const health = checkHealth(file);
    if (health.state === 'damaged')
      damaged = { problem: health.problem, aside: moveAside(file, `corrupt-${stamp(now())}`) };
  }

  makePrivateFile(file);
  let db: Db;
  try {
    db = openSqlite(file);
  } catch (error) {
    throw unavailable(file, error);
  }
  try {
    db.pragma('journal_mode = WAL');
    for (const extra of ['-wal', '-shm']) makeExistingPrivate(file + extra);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      checksum   TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const applied = db
      .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
      .all() as { version: number; name: string; checksum: string }[];
    const known = migrations.at(-1)?.version ?? 0;
    const current = applied.at(-1)?.version ?? 0;
    if (current > known) throw new DatabaseTooNewError(file, current, known);
    for (const row of applied) {
      const mine = migrations[row.version - 1];
      if (!mine || mine.name !== row.name) {
        throw new MigrationsOutOfSyncError(
          file,
          `version ${row.version} is "${row.name}" in the file but "${mine?.name ?? 'missing'}" here`,
        );
      }
      if (mine.checksum !== row.checksum) {
        throw new MigrationsOutOfSyncError(
          file,
          `migration ${row.version} "${row.name}" was changed after it was applied to this file (checksum ${row.checksum} there, ${mine.checksum} here); a released migration is never edited, a new one is added`,
        );
      }
    }
    const pending = migrations.filter((m) => m.version > current);
    if (pending.length > 0 && current > 0) {
      const backup = path.join(
        options.dataDir,
        'backups',
        `rosterdesk-v${current}-${stamp(now())}.db`,
      );
      makePrivateDir(path.dirname(backup));
      makePrivateFile(backup); // VACUUM INTO accepts an empty file, and keeps its mode.
      db.prepare('VACUUM INTO ?').run(backup);
      makeExistingPrivate(backup);
      notices.push({
        level: 'info',
        message: `The cache was upgraded from schema ${current} to ${known}; a copy of the old one is at ${backup}.`,
      });
    }
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
    );
    for (const migration of pending) {
      db.transaction(() => {
        db.exec(migration.sql);
        record.run(migration.version, migration.name, migration.checksum, now().toISOString());
      })();
    }
    if (damaged) notices.push(salvageNotice(db, damaged, options.dataDir));
    return { db, file, schemaVersion: known, notices };
  } catch (error) {
    db.close();
    if (isUnavailable(sqliteCode(error))) throw unavailable(file, error);
    throw error;
  }
}

function salvageNotice(
  db: Db,
  damaged: { problem: string; aside: string },
  dataDir: string,
): StartupNotice {
  const result = salvageWork(db, damaged.aside, dataDir);
  const journal = replayJournal(db, dataDir);
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const approved = count(
    "SELECT count(*) FROM changes WHERE status = 'approved' AND idempotency_key IS NOT NULL",
  );
  const changes = count('SELECT count(*) FROM changes');
  const k = result.kept;
  const kept = [
    `${k.connections} connection(s)`,
    `${changes} change(s) (${approved} approved, with their idempotency keys${journal.restored > 0 ? `; ${journal.restored} rebuilt from the change journal` : ''})`,
    `${k.audit_log} audit-log entr${k.audit_log === 1 ? 'y' : 'ies'}`,
    `${k.push_runs} push run(s)`,
  ].join(', ');
  // Per damaged table, where its rows came from: past the bad pages by key, from the backup.
  const from =
    result.damagedTables.length === 0
      ? ''
      : ` Tables with unreadable pages: ${result.damagedTables
          .map(
            (t) =>
              `${t} (${result.readByKey[t] ?? 0} row(s) read past the bad pages by key${
                result.backupUsed ? `, ${result.fromBackup[t] ?? 0} added from the backup` : ''
              })`,
          )
          .join(
            ', ',
          )}.${result.backupUsed ? ` The backup used: ${result.backupUsed}.` : ' No backup had them.'}`;
  return {
    level: 'error',
    message:
      `The local cache was damaged (${damaged.problem}) and was moved aside to ${damaged.aside}. ` +
      `Kept in the new cache: ${kept}.${from}${auditComparison(db)} Roster snapshots and the pulled license were not kept: sync and refresh the license again. Secrets in the keychain are untouched.`,
  };
}

/**
 * What the audit log (salvaged too) says existed, against what was restored: the changes it records
 * staged, and those whose last step was an approval, each counted and compared.
 */
function auditComparison(db: Db): string {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  // Every change the audit log names, by any entry (its "staged" entry may be on a lost page).
  const recorded = count(
    'SELECT count(DISTINCT change_id) FROM audit_log WHERE change_id IS NOT NULL',
  );
  if (recorded === 0) return '';
  const missing = db
    .prepare(
      `SELECT min(a.summary) FROM audit_log a WHERE a.change_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM changes c WHERE c.id = a.change_id)
       GROUP BY a.change_id ORDER BY min(a.seq)`,
    )
    .pluck()
    .all() as string[];
  const approvedLast = count(
    `SELECT count(*) FROM (
       SELECT change_id, action FROM audit_log a WHERE change_id IS NOT NULL
         AND action IN ('approved', 'unapproved', 'discarded', 'retry', 'applied', 'rejected', 'conflict', 'failed')
         AND seq = (SELECT max(seq) FROM audit_log b WHERE b.change_id = a.change_id
           AND b.action IN ('approved', 'unapproved', 'discarded', 'retry', 'applied', 'rejected', 'conflict', 'failed'))
     ) WHERE action IN ('approved', 'retry')`,
  );
  const approvedNow = count(
    "SELECT count(*) FROM changes WHERE status = 'approved' AND idempotency_key IS NOT NULL",
  );
  const said = ` The audit log records ${recorded} change(s), ${approvedLast} of them last approved; restored: ${recorded - missing.length} of those, ${approvedNow} approved.`;
  if (missing.length === 0) return `${said} Nothing the audit log records is missing.`;
  return `${said} Missing: ${missing.length} change(s) the audit log records could not be restored (${missing
    .slice(0, 3)
    .join('; ')}${missing.length > 3 ? '; …' : ''}): stage them again.`;
}

function moveAside(file: string, suffix: string): string {
  const aside = `${file}.${suffix}`;
  fs.renameSync(file, aside);
  for (const extra of ['-wal', '-shm']) {
    if (fs.existsSync(file + extra)) fs.renameSync(file + extra, aside + extra);
  }
  return aside;
}
