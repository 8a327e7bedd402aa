import type Database from 'better-sqlite3';

/** A stored answer for an idempotency key. */
export interface LedgerRow {
  method: string;
  path: string;
  body_hash: string;
  status: number;
  headers: string;
  response: string;
}

export interface LedgerEntry {
  key: string;
  method: string;
  path: string;
  status: number;
  requestId: string;
  replays: number;
}

export interface AppliedEvent {
  key: string;
  op: string;
  target: string;
  detail: string;
}

/**
 * The sandbox platform's idempotency ledger (one stored answer per Idempotency-Key, replayed when
 * the key comes again) and the changes that took effect, in the platform's own file (see
 * platform-store.ts for the tables). Tests and the push bench count duplicates and losses from it.
 */
export class PlatformLedger {
  constructor(private readonly db: Database.Database) {}

  get(key: string): LedgerRow | undefined {
    return this.db.prepare('SELECT * FROM ledger WHERE key = ?').get(key) as LedgerRow | undefined;
  }

  put(entry: {
    key: string;
    method: string;
    path: string;
    bodyHash: string;
    status: number;
    headers: Record<string, string>;
    response: string;
    requestId: string;
  }): void {
    this.db
      .prepare(
        'INSERT INTO ledger (key, method, path, body_hash, status, headers, response, request_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.key,
        entry.method,
        entry.path,
        entry.bodyHash,
        entry.status,
        JSON.stringify(entry.headers),
        entry.response,
        entry.requestId,
        new Date().toISOString(),
      );
  }

  replayed(key: string): void {
    this.db.prepare('UPDATE ledger SET replays = replays + 1 WHERE key = ?').run(key);
  }

  record(event: AppliedEvent): void {
    this.db
      .prepare('INSERT INTO events (key, op, target, detail, at) VALUES (?, ?, ?, ?, ?)')
      .run(event.key, event.op, event.target, event.detail, new Date().toISOString());
  }

  /** Every idempotency key the platform has answered, once each. */
  entries(): LedgerEntry[] {
    return (
      this.db
        .prepare('SELECT key, method, path, status, request_id, replays FROM ledger ORDER BY rowid')
        .all() as {
        key: string;
        method: string;
        path: string;
        status: number;
        request_id: string;
        replays: number;
      }[]
    ).map((r) => ({
      key: r.key,
      method: r.method,
      path: r.path,
      status: r.status,
      requestId: r.request_id,
      replays: r.replays,
    }));
  }

  /** Every mutation that took effect, in order. */
  events(): AppliedEvent[] {
    return this.db
      .prepare('SELECT key, op, target, detail FROM events ORDER BY seq')
      .all() as AppliedEvent[];
  }
}
