import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { DatabaseUnavailableError } from '../../electron/core/db/database-health';
import { writeCsvFolder } from '../../sandbox/district/write-csv';
import { smallDistrict } from '../helpers/district-fixtures';
import { ROOT, runCli } from '../helpers/processes';
import { memoryLogger } from '../helpers/silent-logger';
import { listFiles, makeTempDir } from '../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let open: AppServices[] = [];
beforeEach(() => {
  tmp = makeTempDir();
  dataDir = path.join(tmp.dir, 'data');
});
afterEach(async () => {
  for (const s of open) await s.close().catch(() => undefined);
  open = [];
  tmp.cleanup();
});

const start = () => {
  const s = openAppServices({ dataDir, logger: memoryLogger() });
  open.push(s);
  return s;
};
const stop = async (s: AppServices) => {
  open = open.filter((x) => x !== s);
  await s.close();
};
const sha = (file: string) =>
  fs.existsSync(file)
    ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex')
    : '';
const dbFile = () => path.join(dataDir, 'rosterdesk.db');

/** The admin's work: a connection, an approved change with its key, audit entries. */
function addWork(s: AppServices) {
  const connection = s.connections.add({
    name: 'Springfield platform',
    settings: { kind: 'platform', baseUrl: 'http://127.0.0.1:9/api', licenseId: 'lic-1' },
    secrets: {},
  });
  const change = s.changes.stage({
    connectionId: connection.id,
    kind: 'invite',
    targetId: null,
    subject: 'new.teacher@springfield.org',
    dedupeKey: 'invite:new.teacher@springfield.org',
    before: null,
    after: { email: 'new.teacher@springfield.org', givenName: null, familyName: null },
    baseVersion: null,
    evidence: [],
    origin: 'test',
  });
  s.changes.approve([change.id]);
  const key = s.changes.outbox().find((c) => c.id === change.id)?.idempotencyKey;
  expect(key).toMatch(/.{8,}/);
  return { connection, key, changeId: change.id };
}

/** Another program holding the cache with an exclusive lock, until it is killed. */
async function holdExclusively(file: string) {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)});
       db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE');
       db.prepare('SELECT count(*) FROM connections').get();
       process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return child;
}

describe('never discard a live database', () => {
  it('a cache held locked by another process: start-up refuses with the reason and touches nothing', async () => {
    const first = start();
    const { connection } = addWork(first);
    await stop(first);
    const locker = await holdExclusively(dbFile());
    try {
      const before = listFiles(dataDir).map((f) => [f, sha(f)]);
      let error: unknown;
      try {
        start();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(String(error)).toMatch(/another program holds it locked \(SQLITE_BUSY\)/);
      expect(String(error)).toMatch(/The file was not changed/);
      const after = listFiles(dataDir)
        .filter((f) => !f.endsWith('rosterdesk.lock') && !f.includes('logs'))
        .map((f) => [f, sha(f)]);
      expect(after).toEqual(
        before.filter(([f]) => !f?.endsWith('rosterdesk.lock') && !f?.includes('logs')),
      );
      expect(listFiles(dataDir).some((f) => f.includes('.corrupt-'))).toBe(false);
    } finally {
      locker.kill('SIGKILL');
      await new Promise((r) => locker.once('exit', r));
    }
    const again = start();
    expect(again.connections.list().map((c) => c.id)).toEqual([connection.id]);
    expect(again.status('browser-host').notices).toEqual([]);
  }, 30_000);

  it("a cache in another program's ordinary write transaction: refused with the file's name and that nothing changed", async () => {
    const first = start();
    addWork(first);
    await stop(first);
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(dbFile())});
         db.exec('BEGIN IMMEDIATE'); db.prepare("INSERT INTO app_settings VALUES ('held', 'x')").run();
         process.stdout.write('writing\\n'); setInterval(() => {}, 1000);`,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
    try {
      let error: unknown;
      try {
        start();
      } catch (e) {
        error = e;
      }
      // It said only "database is locked".
      expect(error).toBeInstanceOf(DatabaseUnavailableError);
      expect(String(error)).toContain(`RosterDesk cannot open its cache ${dbFile()}`);
      expect(String(error)).toMatch(
        /another program holds it locked \(SQLITE_BUSY\)\. The file was not changed/,
      );
    } finally {
      writer.kill('SIGKILL');
      await new Promise((r) => writer.once('exit', r));
    }
    const again = start();
    expect(again.connections.list()).toHaveLength(1);
  }, 30_000);

  it('a damaged file: connections, approved changes with their keys and the audit log are salvaged from its tables', async () => {
    const first = start();
    const work = addWork(first);
    // Enough roster rows that damage in the middle of the file hits them, not the work tables.
    first.db.exec(
      "CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) INSERT INTO filler (body) SELECT 'row ' || i || ' ' || hex(randomblob(40)) FROM n;",
    );
    const auditBefore = first.audit.list(0, 1000).total;
    await stop(first);
    const bytes = fs.readFileSync(dbFile());
    bytes.fill(0x5a, Math.floor(bytes.length * 0.6), Math.floor(bytes.length * 0.6) + 16384);
    fs.writeFileSync(dbFile(), bytes);
    fs.rmSync(path.join(dataDir, 'backups'), { recursive: true, force: true });

    const reopened = start();
    const notice = reopened.status('browser-host').notices[0]?.message ?? '';
    expect(notice).toMatch(/was damaged .* moved aside to .*rosterdesk\.db\.corrupt-/);
    expect(notice).toContain(
      '1 connection(s), 1 change(s) (1 approved, with their idempotency keys)',
    );
    expect(reopened.connections.list().map((c) => c.id)).toEqual([work.connection.id]);
    expect(reopened.changes.outbox().map((c) => c.idempotencyKey)).toEqual([work.key]);
    expect(reopened.audit.list(0, 1000).total).toBe(auditBefore);
    expect(auditBefore).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('a file whose tables cannot be read at all: the work comes back from the last rotating backup', async () => {
    const first = start();
    const work = addWork(first);
    await stop(first); // closing takes a backup of the work tables
    const backups = fs.readdirSync(path.join(dataDir, 'backups'));
    expect(backups.some((f) => /^work-.*\.db$/.test(f))).toBe(true);
    fs.writeFileSync(dbFile(), Buffer.alloc(64 * 1024, 0x41));
    fs.rmSync(`${dbFile()}-wal`, { force: true });

    const reopened = start();
    const notice = reopened.status('browser-host').notices[0]?.message ?? '';
    expect(notice).toMatch(/The backup used: .*work-/);
    expect(reopened.connections.list().map((c) => c.id)).toEqual([work.connection.id]);
    expect(reopened.changes.outbox().map((c) => c.idempotencyKey)).toEqual([work.key]);
  }, 30_000);

  it('keeps at most five work backups', async () => {
    const s = start();
    for (let i = 0; i < 8; i++) s.backupWork();
    expect(
      fs.readdirSync(path.join(dataDir, 'backups')).filter((f) => f.startsWith('work-')),
    ).toHaveLength(5);
  });
});

describe('private files', () => {
  it('the data folder is 0700 and the database, WAL, logs, backups, lock and reports are 0600', async () => {
    if (process.platform === 'win32') return;
    // The real file logger, as the app runs.
    const s = openAppServices({ dataDir });
    open.push(s);
    addWork(s);
    s.logger.info('a line');
    s.backupWork();
    const mode = (f: string) => fs.statSync(f).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    const files = listFiles(dataDir);
    for (const suffix of [
      'rosterdesk.db',
      'rosterdesk.db-wal',
      'rosterdesk.db-shm',
      'rosterdesk.log',
      'rosterdesk.lock',
    ])
      expect(files.some((f) => f.endsWith(suffix))).toBe(true);
    expect(files.filter((f) => mode(f) !== 0o600)).toEqual([]);
    expect(mode(path.join(dataDir, 'logs'))).toBe(0o700);
    expect(mode(path.join(dataDir, 'backups'))).toBe(0o700);

    // An older version's loose modes are tightened on open.
    await stop(s);
    expect(mode(dbFile())).toBe(0o600);
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(dbFile(), 0o644);
    start();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(dbFile())).toBe(0o600);

    // Reports written by `rosterdesk check`.
    const out = path.join(tmp.dir, 'report.json');
    const csvDir = path.join(tmp.dir, 'export');
    writeCsvFolder(smallDistrict(), csvDir);
    const checked = await runCli(['check', '--oneroster-csv', csvDir, '--json', out]);
    expect(checked.code, checked.stderr).not.toBe(2);
    expect(mode(out)).toBe(0o600);
  }, 60_000);
});
