import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open-database';
import type { Db } from '../../electron/core/db/open-database';
import { moveLegacySnapshots } from '../../electron/core/snapshot/legacy-snapshots';
import Database from 'better-sqlite3';
import { RosterQueries } from '../../electron/core/snapshot/roster-queries';
import { SnapshotReader } from '../../electron/core/snapshot/snapshot-reader';
import {
  SnapshotFileMissingError,
  laneFile,
  snapshotDir,
  snapshotFile,
  snapshotTables,
} from '../../electron/core/snapshot/snapshot-files';
import { SnapshotStore } from '../../electron/core/snapshot/snapshot-store';
import { SnapshotWriter } from '../../electron/core/snapshot/snapshot-writer';
import { runIngest } from '../../electron/core/ingest/run-ingest';
import { OneRosterSource } from '../../electron/core/sources/oneroster/oneroster-source';
import { startOneRosterServer } from '../../sandbox/oneroster/oneroster-server';
import { expectedCounts, smallDistrict, storedCounts } from '../helpers/district-fixtures';
import { makeTempDir } from '../helpers/temp-dir';

const user = (id: string, family: string) => ({
  sourcedId: id,
  status: 'active' as const,
  enabledUser: true,
  role: 'teacher' as const,
  username: null,
  givenName: 'Ann',
  familyName: family,
  middleName: null,
  identifier: null,
  email: `${id}@example.org`,
  orgSourcedIds: [],
  grades: [],
  userIds: [],
  roles: [],
});

/** A cache in a temporary folder with a snapshot begun and its writer, closed and removed after `use`. */
function withSnapshot(
  use: (ctx: { db: Db; store: SnapshotStore; id: number; writer: SnapshotWriter }) => void,
): void {
  const tmp = makeTempDir();
  const db = openDatabase({ dataDir: tmp.dir }).db;
  try {
    const store = new SnapshotStore(db);
    const id = store.begin('c1', 'test', 'x');
    use({ db, store, id, writer: new SnapshotWriter(db, id) });
  } finally {
    db.close();
    tmp.cleanup();
  }
}

describe('a snapshot in its own file', () => {
  it('is a .partial file until it completes, and a duplicate sourcedId keeps the first record', () =>
    withSnapshot(({ db, store, id, writer }) => {
      writer.write({ users: [user('u1', 'First'), user('u2', 'Other')] }, [], 'users.csv');
      writer.write({ users: [user('u1', 'Second')] }, [], 'users.csv');
      const file = snapshotFile(snapshotDir(db), id);
      expect(fs.existsSync(`${file}.partial`)).toBe(true);
      expect(fs.existsSync(file)).toBe(false);
      writer.finish();
      expect(writer.counts.users).toBe(2);
      store.complete(id, { ...writer.counts });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const rows = new RosterQueries(db).users({ search: 'u1' }).rows;
      expect(rows.map((r) => r.familyName)).toEqual(['First']);
      const warning = db.prepare('SELECT location, reason FROM sync_warnings').get();
      expect(warning).toEqual({
        location: 'users.csv',
        reason: 'duplicate sourcedId u1: the first record was kept',
      });
    }));

  it('stores every row of a batch as sent, 25 to a statement and the rest one by one', () =>
    withSnapshot(({ db, store, id, writer }) => {
      // 57 users: two statements of 25 and seven single rows, each row in its own columns.
      const sent = Array.from({ length: 57 }, (_, i) =>
        user(`u${String(i).padStart(2, '0')}`, `F${i}`),
      );
      writer.write({ users: sent }, [], 'users.csv');
      writer.finish();
      store.complete(id, { ...writer.counts });
      const stored = new Database(snapshotFile(snapshotDir(db), id), { readonly: true });
      try {
        const rows = stored
          .prepare('SELECT sourced_id, family_name, email FROM users ORDER BY rowid')
          .all();
        expect(rows).toEqual(
          sent.map((u) => ({ sourced_id: u.sourcedId, family_name: u.familyName, email: u.email })),
        );
      } finally {
        stored.close();
      }
    }));

  it('reads a snapshot file of format 1 (before OneRoster 1.2 roles) with its users roles empty', () =>
    withSnapshot(({ db, store, id, writer }) => {
      writer.write({ users: [user('u1', 'Lee')] }, [], 'users.csv');
      writer.finish();
      store.complete(id, { ...writer.counts });
      // The file as format 1 wrote it: no roles column, no school_year.
      const old = new Database(snapshotFile(snapshotDir(db), id));
      old.exec('DROP INDEX IF EXISTS users_role');
      old.exec('ALTER TABLE users DROP COLUMN roles');
      old.exec('ALTER TABLE sessions DROP COLUMN school_year');
      old.pragma('user_version = 1');
      old.close();
      const reader = new SnapshotReader(db, id);
      expect(reader.user('u1')).toMatchObject({ familyName: 'Lee', roles: [] });
    }));

  it('moves the snapshots of an older cache (rows in roster_* tables) into files, once', () => {
    const tmp = makeTempDir();
    const db = openDatabase({ dataDir: tmp.dir }).db;
    try {
      const id = Number(
        db
          .prepare(
            "INSERT INTO snapshots (connection_id, source_kind, source_label, status, started_at) VALUES ('c1', 'test', 'x', 'complete', '')",
          )
          .run().lastInsertRowid,
      );
      db.prepare('INSERT INTO current_snapshot VALUES (?, ?)').run('c1', id);
      const insert = db.prepare(
        "INSERT INTO roster_users VALUES (?, ?, 'active', 1, 'teacher', NULL, 'Ann', ?, NULL, NULL, NULL, '[]', '[]', '[]')",
      );
      insert.run(id, 'u1', 'Lee');
      insert.run(id, 'u2', 'Moss');
      db.prepare(
        "INSERT INTO roster_orgs VALUES (?, 'o1', 'active', 'Hill', 'school', NULL, NULL)",
      ).run(id);
      expect(moveLegacySnapshots(db)).toBe(1);
      expect(storedCounts(db, id)).toMatchObject({ users: 2, orgs: 1, classes: 0 });
      expect(
        db.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'roster_%'").pluck().get(),
      ).toBe(0);
      expect(moveLegacySnapshots(db)).toBe(0);
      expect(new RosterQueries(db).users({ search: 'moss' }).total).toBe(1);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });

  it("a killed sync leaves its lanes' .partial files, which the next start removes", () => {
    const tmp = makeTempDir();
    const db = openDatabase({ dataDir: tmp.dir }).db;
    try {
      const store = new SnapshotStore(db);
      const id = store.begin('c1', 'test', 'x');
      const dir = snapshotDir(db);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${id}.db.partial`), 'half');
      fs.writeFileSync(path.join(dir, `${id}.db.lane-1.partial`), 'the other half');
      fs.writeFileSync(path.join(dir, '999.db'), 'unknown');
      db.prepare("UPDATE snapshots SET owner = 'gone' WHERE id = ?").run(id);
      expect(store.recoverInterrupted()).toBe(1);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });

  it('a snapshot written in two lanes is read from its two files; if the second went, it says so', async () => {
    const tmp = makeTempDir();
    const db = openDatabase({ dataDir: tmp.dir }).db;
    const district = smallDistrict();
    const server = await startOneRosterServer({ district, clientId: 'c', clientSecret: 's' });
    try {
      const result = await runIngest(
        db,
        new OneRosterSource({
          baseUrl: server.baseUrl,
          auth: { method: 'oauth1', clientId: 'c', clientSecret: 's' },
        }),
        { connectionId: 'c1', sourceKind: 'test', signal: new AbortController().signal },
      );
      expect(result.state).toBe('complete');
      const id = result.snapshotId;
      const dir = snapshotDir(db);
      expect(fs.readdirSync(dir).sort()).toEqual([`${id}.db`, `${id}.db.lane-1`]);
      expect(storedCounts(db, id)).toEqual(expectedCounts(district));
      // The users come from the second file, the enrollments from the first, in one query.
      const teachers = new SnapshotReader(db, id).staff().filter((u) => u.role === 'teacher');
      expect(teachers.length).toBeGreaterThan(0);
      expect(teachers.some((t) => t.classes > 0)).toBe(true);
      db.exec(`DETACH DATABASE snap_${id}`);
      db.exec(`DETACH DATABASE snap_${id}_lane`);
      fs.rmSync(laneFile(dir, id));
      expect(() => snapshotTables(db, id)).toThrow(SnapshotFileMissingError);
    } finally {
      await server.close();
      db.close();
      tmp.cleanup();
    }
  });
});
