import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import { openSqlite } from '../../electron/core/db/sqlite-binding';
import { ROOT } from '../helpers/processes';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

const tmp = makeTempDir('rosterdesk-journal-');
afterAll(() => tmp.cleanup());

/** Overwrites every page of the named tables' b-trees in a SQLite file (its pages damaged). */
function damagePages(file: string, tables: string[]): number {
  const db = openSqlite(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db
    .prepare(`SELECT pageno FROM dbstat WHERE name IN (${tables.map(() => '?').join(', ')})`)
    .pluck()
    .all(...tables) as number[];
  db.close();
  const fd = fs.openSync(file, 'r+');
  for (const page of pages)
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
  return pages.length;
}

describe('approved work is never held only in the database pages', () => {
  it('a crash, then the changes table damaged: the 20 approved changes come back with their keys, and the notice compares with the audit log', async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'test/helpers/work-then-crash.ts'), dataDir],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const work = await new Promise<{ keys: Record<string, string>; staged: string[] }>(
      (resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.endsWith('\n')) resolve(JSON.parse(out) as never);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      },
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(Object.keys(work.keys)).toHaveLength(20);

    const file = path.join(dataDir, 'rosterdesk.db');
    expect(damagePages(file, ['changes'])).toBeGreaterThan(0);

    const services = openAppServices({ dataDir, logger: memoryLogger() });
    try {
      const notice = services.status('browser-host').notices[0]?.message ?? '';
      expect(notice).toMatch(/The local cache was damaged/);
      // Before: "Kept in the new cache: … 0 change(s)", and not a word of the loss.
      expect(notice).toContain(
        '30 change(s) (20 approved, with their idempotency keys; 30 rebuilt from the change journal)',
      );
      expect(notice).toContain(
        'The audit log records 30 change(s), 20 of them last approved; restored: 30 of those, 20 approved. Nothing the audit log records is missing.',
      );
      const outbox = Object.fromEntries(
        services.changes.outbox().map((c) => [c.id, c.idempotencyKey]),
      );
      expect(outbox).toEqual(work.keys);
      const staged = services.changes.list({ status: 'staged', offset: 0, limit: 100 });
      expect(staged.rows.map((c) => c.id).sort()).toEqual([...work.staged].sort());
    } finally {
      await services.close();
    }
  }, 60_000);
});
