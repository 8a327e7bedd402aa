import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './open-database';
import { makePrivateFile } from './private-files';

/** The change journal's file in the data folder, beside the database. */
export const JOURNAL_FILE = 'changes-journal.ndjson';
/** Past this size the journal is rewritten as one image per change (at the hourly backup). */
const COMPACT_FROM_BYTES = 4 * 1024 * 1024;

type Row = Record<string, unknown> & { id: string };

/**
 * Every write to a change (staged, approved with its idempotency key, un-approved, sent, its
 * result, discarded, retried) appended as the change's whole row, one JSON line each, and fsynced
 * before the call that made it returns. Approved work is then never held only in the database's
 * pages: when they are damaged, salvage rebuilds each change from its last line here (a crash
 * skips the closing backup, and the hourly one is up to an hour old).
 *
 * Writes inside a larger transaction (a bulk invitation) are held until it commits, and dropped if
 * it rolls back, so the journal never holds a change the database does not.
 */
export class ChangeJournal {
  readonly file: string;
  private readonly pending = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly db: Db,
    dataDir: string,
  ) {
    this.file = path.join(dataDir, JOURNAL_FILE);
    makePrivateFile(this.file);
  }

  /** These changes were written: journaled now, or when the transaction around them commits. */
  touched(ids: readonly string[]): void {
    for (const id of ids) this.pending.add(id);
    if (!this.db.inTransaction) return this.flush();
    // Inside a transaction someone else opened: flushed by ChangeStore.inTransaction when it was
    // that, else as soon as this synchronous work ends. A flush reads each change's row as it then
    // stands, so one after a rollback writes the row as it was (or nothing for a new one).
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => {
        this.scheduled = false;
        try {
          this.flush();
        } catch {
          // Kept pending: the next write journals it (or the database closed meanwhile).
        }
      });
    }
  }

  /** The transaction around the last writes rolled back: nothing of them is journaled. */
  rolledBack(): void {
    this.pending.clear();
  }

  /** Appends the pending changes' rows and fsyncs. */
  flush(): void {
    if (this.pending.size === 0 || !this.db.open) return;
    const ids = [...this.pending];
    const at = new Date().toISOString();
    const lines: string[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = this.db
        .prepare(`SELECT * FROM changes WHERE id IN (${chunk.map(() => '?').join(', ')})`)
        .all(...chunk) as Row[];
      for (const row of rows) lines.push(JSON.stringify({ at, row }));
    }
    if (lines.length > 0) {
      const fd = fs.openSync(this.file, 'a', 0o600);
      try {
        fs.writeSync(fd, `${lines.join('\n')}\n`);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
    for (const id of ids) this.pending.delete(id);
  }

  /**
   * Rewrites the journal as the current row of every change, when it has grown past 4 MB: written
   * beside it, fsynced, then renamed over it, so a crash leaves the old or the new one whole.
   */
  compact(force = false): void {
    const size = fs.existsSync(this.file) ? fs.statSync(this.file).size : 0;
    if (!force && size < COMPACT_FROM_BYTES) return;
    const temp = `${this.file}.new`;
    makePrivateFile(temp);
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      const at = new Date().toISOString();
      let batch: string[] = [];
      for (const row of this.db.prepare('SELECT * FROM changes ORDER BY seq').iterate()) {
        batch.push(JSON.stringify({ at, row }));
        if (batch.length === 1000) {
          fs.writeSync(fd, `${batch.join('\n')}\n`);
          batch = [];
        }
      }
      if (batch.length > 0) fs.writeSync(fd, `${batch.join('\n')}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, this.file);
  }
}

/**
 * The last row journaled for each change, in the order first seen. A torn last line (a crash while
 * appending) and anything unreadable are skipped; the count says how many.
 */
export function readJournal(file: string): { rows: Row[]; unreadable: number } {
  if (!fs.existsSync(file)) return { rows: [], unreadable: 0 };
  const latest = new Map<string, Row>();
  let unreadable = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as { row?: Row };
      if (entry.row && typeof entry.row.id === 'string') latest.set(entry.row.id, entry.row);
      else unreadable++;
    } catch {
      unreadable++;
    }
  }
  return { rows: [...latest.values()], unreadable };
}

/**
 * Puts each change's last journaled row into a salvaged database (newer than any backup, and
 * than what could be read of the damaged file). Returns how many it rebuilt (missing or older).
 */
export function replayJournal(db: Db, dataDir: string): { restored: number; unreadable: number } {
  const { rows, unreadable } = readJournal(path.join(dataDir, JOURNAL_FILE));
  if (rows.length === 0) return { restored: 0, unreadable };
  const columns = (db.pragma('table_info(changes)') as { name: string }[]).map((c) => c.name);
  let restored = 0;
  const existing = db.prepare('SELECT * FROM changes WHERE id = ?');
  db.transaction(() => {
    for (const row of rows) {
      const present = columns.filter((c) => c in row);
      // Already salvaged as journaled: nothing to rebuild.
      const now = existing.get(row.id) as Record<string, unknown> | undefined;
      if (now && present.every((c) => now[c] === row[c])) continue;
      try {
        db.prepare(
          `INSERT OR REPLACE INTO changes (${present.join(', ')}) VALUES (${present.map(() => '?').join(', ')})`,
        ).run(...present.map((c) => row[c]));
        restored++;
      } catch {
        // A row the current schema refuses is left out; the audit-log comparison counts it.
      }
    }
  })();
  return { restored, unreadable };
}
