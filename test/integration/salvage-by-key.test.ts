import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import { JOURNAL_FILE } from '../../electron/core/db/change-journal';
import { openSqlite } from '../../electron/core/db/sqlite-binding';
import { workBackups } from '../../electron/core/db/work-backup';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

const tmp = makeTempDir('rosterdesk-salvage-');
afterAll(() => tmp.cleanup());

/** Leaf pages of a table's b-tree (not its root), in page order. */
function leafPages(file: string, table: string): { pages: number[]; pageSize: number } {
  const db = openSqlite(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all(table) as number[];
  db.close();
  return { pages, pageSize };
}

/** How many rows of a table a reader still gets from the damaged file, asking one rowid at a time. */
function readableByKey(file: string, table: string, upTo: number): number {
  const db = openSqlite(file, { readonly: true });
  let n = 0;
  for (let rowid = 1; rowid <= upTo; rowid++) {
    try {
      if (db.prepare(`SELECT * FROM ${table} WHERE rowid = ?`).get(rowid)) n++;
    } catch {
      // on a damaged page
    }
  }
  db.close();
  return n;
}

describe('salvage reads every readable row, past the bad pages', () => {
  it('413 approved changes, pages of changes and the audit log damaged, only an older backup, no journal: every row readable by key comes back, and the notice says what is missing', async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const first = openAppServices({ dataDir, logger: memoryLogger() }); // takes the first backup
    const oldest = workBackups(dataDir);
    const platform = first.connections.add({
      name: 'Platform',
      settings: { kind: 'platform', baseUrl: 'http://127.0.0.1:9/api', licenseId: 'lic-1' },
      secrets: {},
    });
    for (let i = 0; i < 413; i++) {
      const email = `teacher${i}@springfield.org`;
      first.changes.stage({
        connectionId: platform.id,
        kind: 'invite',
        targetId: null,
        subject: email,
        dedupeKey: `invite:${email}`,
        before: null,
        // Long enough that the changes fill many pages.
        after: { email, givenName: 'A'.repeat(200), familyName: 'B'.repeat(200) },
        baseVersion: null,
        evidence: [],
        origin: 'salvage test',
      });
    }
    first.changes.approve('all');
    first.db.pragma('wal_checkpoint(TRUNCATE)');
    await first.close();
    // Only the backup from before the changes remains, and no journal: the pages alone.
    for (const backup of workBackups(dataDir)) if (!oldest.includes(backup)) fs.rmSync(backup);
    fs.rmSync(path.join(dataDir, JOURNAL_FILE));

    const file = path.join(dataDir, 'rosterdesk.db');
    const fd = fs.openSync(file, 'r+');
    for (const table of ['changes', 'audit_log']) {
      const { pages, pageSize } = leafPages(file, table);
      expect(pages.length, table).toBeGreaterThan(10);
      // Three leaf pages near the start of each table: a scan stops at the first.
      for (const page of pages.slice(2, 5))
        fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
    }
    fs.closeSync(fd);
    const changesReadable = readableByKey(file, 'changes', 413);
    const auditReadable = readableByKey(file, 'audit_log', 826);
    expect(changesReadable).toBeLessThan(413);
    expect(changesReadable).toBeGreaterThan(300);

    const reopened = openAppServices({ dataDir, logger: memoryLogger() });
    try {
      const notice = reopened.status('browser-host').notices[0]?.message ?? '';
      // Before: a scan stopped at the first bad page, and the notice said "filled from the backup".
      expect(reopened.changes.countApproved()).toBe(changesReadable);
      expect(reopened.audit.list(0, 1).total).toBe(auditReadable);
      expect(reopened.changes.outbox().every((c) => c.idempotencyKey.startsWith('rd-'))).toBe(true);
      expect(notice).toMatch(
        /changes \(\d+ row\(s\) read past the bad pages by key, 0 added from the backup\)/,
      );
      expect(notice).toMatch(/audit_log \(\d+ row\(s\) read past the bad pages by key/);
      expect(notice).toContain(
        `The audit log records 413 change(s), 413 of them last approved; restored: ${changesReadable} of those, ${changesReadable} approved. Missing: ${413 - changesReadable} change(s) the audit log records could not be restored`,
      );
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
