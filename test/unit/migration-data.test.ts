import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open-database';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * A migration that rebuilds a table (CREATE TABLE x_NNN, copy, DROP, RENAME) must carry every row
 * and every value across: a positional `INSERT … SELECT *` copies values into the wrong columns
 * the day a column is added in the middle. Each rebuild has its data test here; a rebuild without
 * one fails the first test.
 */
const real = loadMigrations();

/** The tables each migration rebuilds, read from its SQL. */
function rebuilds(): { version: number; table: string }[] {
  return real.flatMap((m) =>
    [...m.sql.matchAll(/ALTER TABLE (\w+) RENAME TO (\w+)/gi)].map((x) => ({
      version: m.version,
      table: x[2] ?? '',
    })),
  );
}

type Row = Record<string, unknown>;
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** Opens the cache at `version`, runs `fill`, closes; then upgrades it to `to` and returns the database. */
function upgrade(version: number, fill: (db: Database.Database) => void, to = real.length) {
  const before = openDatabase({ dataDir: tmp.dir, migrations: real.slice(0, version) });
  fill(before.db as unknown as Database.Database);
  before.db.close();
  const after = openDatabase({ dataDir: tmp.dir, migrations: real.slice(0, to) });
  after.db.close();
  return new Database(path.join(tmp.dir, 'rosterdesk.db'), { readonly: true });
}

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

/** Inserts rows with a distinct value in every column (from `value`), returns them as inserted. */
function insertRows(
  db: Database.Database,
  table: string,
  n: number,
  value: (column: string, i: number) => unknown,
): Row[] {
  const cols = columns(db, table);
  const insert = db.prepare(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const row = Object.fromEntries(cols.map((c) => [c, value(c, i)]));
    insert.run(...cols.map((c) => row[c]));
    rows.push(row);
  }
  return rows;
}

const CHANGE_KINDS_008 = [
  'invite',
  'remove',
  'change-email',
  'resend',
  'register-application-id',
  'merge',
];
/** The kinds migration 012's CHECK allowed (013 dropped the CHECK; later kinds came after). */
const KINDS_012 = [...CHANGE_KINDS_008, 'remove-account'];
const STATUSES = ['staged', 'approved', 'applied', 'rejected', 'conflict', 'failed', 'discarded'];

/** One test per rebuilt table: version of the migration and table name as key. */
const DATA_TESTS: Record<string, () => void> = {
  '9:platform_accounts': () => {
    let rows: Row[] = [];
    const db = upgrade(
      8,
      (db) => {
        db.prepare(
          "INSERT INTO license_imports (id, source, imported_at, entries) VALUES (1, 'platform', 'x', 0)",
        ).run();
        rows = insertRows(db, 'platform_accounts', 25, (c, i) =>
          c === 'import_id' ? 1 : c === 'version' ? i + 1 : `${c}-${i}`,
        );
      },
      9,
    );
    const after = db.prepare('SELECT * FROM platform_accounts ORDER BY version').all() as Row[];
    db.close();
    expect(after).toHaveLength(rows.length);
    // Every old value where it was; the new columns empty (work_records 0).
    after.forEach((row, i) => {
      expect(row).toMatchObject(rows[i] ?? {});
      expect(row).toMatchObject({ account_number: null, last_active_at: null, work_records: 0 });
    });
  },
  '9:changes': () => {
    let rows: Row[] = [];
    const db = upgrade(
      8,
      (db) => {
        rows = insertRows(db, 'changes', 42, (c, i) => {
          if (c === 'seq' || c === 'base_version' || c === 'attempts') return i + 1;
          if (c === 'kind') return CHANGE_KINDS_008[i % CHANGE_KINDS_008.length];
          if (c === 'status') return STATUSES[i % STATUSES.length];
          return `${c}-${i}`;
        });
      },
      9,
    );
    const after = db.prepare('SELECT * FROM changes ORDER BY seq').all() as Row[];
    db.close();
    expect(after).toEqual(rows);
  },
  '13:changes': () => {
    let rows: Row[] = [];
    const db = upgrade(
      12,
      (db) => {
        rows = insertRows(db, 'changes', 49, (c, i) => {
          if (c === 'seq' || c === 'base_version' || c === 'attempts') return i + 1;
          if (c === 'kind') return KINDS_012[i % KINDS_012.length];
          if (c === 'status') return STATUSES[i % STATUSES.length];
          // Indexed by json_extract (011): JSON here.
          if (c === 'after') return JSON.stringify({ email: `after-${i}@district.org` });
          return `${c}-${i}`;
        });
      },
      13,
    );
    const after = db.prepare('SELECT * FROM changes ORDER BY seq').all() as Row[];
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'changes' AND sql IS NOT NULL ORDER BY name",
      )
      .pluck()
      .all();
    db.close();
    expect(after).toEqual(rows);
    // The indexes the rebuild dropped with the old table are back.
    expect(indexes).toEqual([
      'changes_by_status',
      'changes_open_by_target',
      'changes_open_new_email',
      'changes_open_once',
    ]);
  },
};

describe('migrations that rebuild a table keep every row and value', () => {
  it('each rebuild has its data test', () => {
    const found = rebuilds().map((r) => `${r.version}:${r.table}`);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((key) => !(key in DATA_TESTS))).toEqual([]);
  });

  for (const [key, test] of Object.entries(DATA_TESTS)) it(`rebuild ${key}`, test);

  it('012 stores the dashboard connection, set as bare text before, as JSON', () => {
    const db = upgrade(
      11,
      (db) => {
        db.prepare(
          "INSERT INTO app_settings (key, value) VALUES ('dashboard.connection', 'c0ffee-1'), ('imports.deleteAfterSync', 'true')",
        ).run();
      },
      12,
    );
    const values = db.prepare('SELECT key, value FROM app_settings ORDER BY key').all();
    db.close();
    expect(values).toEqual([
      { key: 'dashboard.connection', value: '"c0ffee-1"' },
      { key: 'imports.deleteAfterSync', value: 'true' },
    ]);
  });
});
