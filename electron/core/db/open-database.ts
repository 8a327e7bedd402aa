import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StartupNotice } from '../../../shared/domain/app-status';
import { DatabaseTooNewError, MigrationsOutOfSyncError } from './database-errors';
import { loadMigrations } from './migrations';
import type { Migration } from './migrations';

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
 * Opens the cache: checks its integrity (a corrupt file is moved aside, never deleted),
 * refuses one written by a newer version, copies it aside before migrating, then applies the
 * pending migrations, each in its own transaction.
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? loadMigrations();
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, options.fileName ?? 'rosterdesk.db');
  const notices: StartupNotice[] = [];

  if (fs.existsSync(file)) {
    const problem = integrityProblem(file);
    if (problem) {
      const aside = moveAside(file, `corrupt-${stamp(now())}`);
      notices.push({
        level: 'error',
        message: `The local cache was damaged (${problem}) and was moved aside to ${aside}. RosterDesk started with an empty cache; connections must be added again, and secrets in the keychain are untouched.`,
      });
    }
  }

  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
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
      .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
      .all() as { version: number; name: string }[];
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
    }
    const pending = migrations.filter((m) => m.version > current);
    if (pending.length > 0 && current > 0) {
      const backup = path.join(
        options.dataDir,
        'backups',
        `rosterdesk-v${current}-${stamp(now())}.db`,
      );
      fs.mkdirSync(path.dirname(backup), { recursive: true });
      db.prepare('VACUUM INTO ?').run(backup);
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
    return { db, file, schemaVersion: known, notices };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Null when the file is a sound SQLite database, else a short description of what is wrong. */
function integrityProblem(file: string): string | null {
  let probe: Db | null = null;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    const rows = probe.pragma('integrity_check') as { integrity_check: string }[];
    const first = rows[0]?.integrity_check ?? 'no answer from integrity_check';
    return first === 'ok' ? null : `integrity check: ${first}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    probe?.close();
  }
}

function moveAside(file: string, suffix: string): string {
  const aside = `${file}.${suffix}`;
  fs.renameSync(file, aside);
  for (const extra of ['-wal', '-shm']) {
    if (fs.existsSync(file + extra)) fs.renameSync(file + extra, aside + extra);
  }
  return aside;
}
