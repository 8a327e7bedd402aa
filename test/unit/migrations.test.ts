import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DatabaseTooNewError,
  MigrationsOutOfSyncError,
} from '../../electron/core/db/database-errors';
import { loadMigrations } from '../../electron/core/db/migrations';
import type { Migration } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { makeTempDir } from '../helpers/temp-dir';

const real = loadMigrations();
const extra: Migration = {
  version: real.length + 1,
  name: 'test_add_notes',
  sql: 'CREATE TABLE test_notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);',
  checksum: 'test',
};
const sha = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('opening the cache', () => {
  it('creates a fresh database with every migration applied, in WAL mode', () => {
    const { db, schemaVersion, notices } = openDatabase({ dataDir: tmp.dir });
    expect(schemaVersion).toBe(real.length);
    expect(notices).toEqual([]);
    const versions = db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .pluck()
      .all();
    expect(versions).toEqual(real.map((m) => m.version));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'connections'").pluck().get(),
    ).toBe('connections');
    db.close();
  });

  it('upgrades an older cache, keeps its data and copies the old file aside first', () => {
    const old = openDatabase({ dataDir: tmp.dir, migrations: real.slice(0, 1) });
    old.db
      .prepare(
        "INSERT INTO connections (id, kind, name, settings, created_at, updated_at) VALUES ('c1', 'clever', 'Kept', '{}', 'x', 'x')",
      )
      .run();
    old.db.close();

    const upgraded = openDatabase({ dataDir: tmp.dir, migrations: [...real, extra] });
    expect(upgraded.schemaVersion).toBe(extra.version);
    expect(upgraded.db.prepare('SELECT name FROM connections').pluck().all()).toEqual(['Kept']);
    upgraded.db.prepare("INSERT INTO test_notes (body) VALUES ('new table works')").run();
    expect(upgraded.notices[0]?.message).toContain(`upgraded from schema 1 to ${extra.version}`);
    upgraded.db.close();

    const backups = fs.readdirSync(path.join(tmp.dir, 'backups'));
    expect(backups).toHaveLength(1);
    const backup = new Database(path.join(tmp.dir, 'backups', backups[0] ?? ''), {
      readonly: true,
    });
    expect(backup.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(1);
    expect(backup.prepare('SELECT name FROM connections').pluck().all()).toEqual(['Kept']);
    backup.close();
  });

  it('refuses a cache written by a newer version and leaves it untouched', () => {
    const { db, file } = openDatabase({ dataDir: tmp.dir, migrations: [...real, extra] });
    db.close();
    const before = sha(file);
    expect(() => openDatabase({ dataDir: tmp.dir, migrations: real })).toThrow(DatabaseTooNewError);
    expect(() => openDatabase({ dataDir: tmp.dir, migrations: real })).toThrow(
      `newer RosterDesk (schema version ${extra.version}; this version knows up to ${real.length})`,
    );
    expect(sha(file)).toBe(before);
  });

  it("refuses a cache whose recorded migrations differ from this version's", () => {
    openDatabase({ dataDir: tmp.dir, migrations: real }).db.close();
    const renamed = real.map((m, i) => (i === 0 ? { ...m, name: 'something_else' } : m));
    expect(() => openDatabase({ dataDir: tmp.dir, migrations: renamed })).toThrow(
      MigrationsOutOfSyncError,
    );
  });

  it('moves a file that is not a database aside, starts empty and says so', () => {
    const file = path.join(tmp.dir, 'rosterdesk.db');
    fs.writeFileSync(
      file,
      'this is not a SQLite database, just text that got here somehow'.repeat(100),
    );
    const original = sha(file);
    const { db, notices } = openDatabase({ dataDir: tmp.dir });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.level).toBe('error');
    expect(notices[0]?.message).toMatch(/damaged .* moved aside to .*rosterdesk\.db\.corrupt-/);
    expect(db.prepare('SELECT count(*) FROM connections').pluck().get()).toBe(0);
    db.close();
    const aside = fs.readdirSync(tmp.dir).filter((f) => f.startsWith('rosterdesk.db.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(sha(path.join(tmp.dir, aside[0] ?? ''))).toBe(original);
  });

  it('moves aside a database whose pages fail the integrity check', () => {
    const { db, file } = openDatabase({ dataDir: tmp.dir });
    db.exec(
      'CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX filler_body ON filler(body);',
    );
    const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`row ${i} ${'x'.repeat(50)}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Scribble over the middle of the file (past the header), as a failing disk would.
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8192);
    fs.writeFileSync(file, bytes);
    const reopened = openDatabase({ dataDir: tmp.dir });
    expect(reopened.notices[0]?.level).toBe('error');
    expect(
      reopened.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'filler'").pluck().get(),
    ).toBe(0);
    reopened.db.close();
  });
});

describe('migration files', () => {
  it('are numbered from 001 without gaps', () => {
    expect(real.map((m) => m.version)).toEqual(real.map((_, i) => i + 1));
  });

  it('a gap in the numbering is refused', () => {
    fs.writeFileSync(path.join(tmp.dir, '001_a.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(tmp.dir, '003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(tmp.dir)).toThrow(/without gaps; found 3 at position 2/);
  });
});

describe('a migration edited after it was applied', () => {
  it('is refused with which migration changed', () => {
    const dir = makeTempDir();
    try {
      const migrations = loadMigrations();
      openDatabase({ dataDir: dir.dir, migrations }).db.close();
      const edited = migrations.map((m) =>
        m.version === 2 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: 'edited000000000' } : m,
      );
      expect(() => openDatabase({ dataDir: dir.dir, migrations: edited })).toThrow(
        /migration 2 "roster_snapshots" was changed after it was applied to this file .* a released migration is never edited/,
      );
    } finally {
      dir.cleanup();
    }
  });
});
