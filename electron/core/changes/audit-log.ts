import type { AuditEntry } from '../../../shared/domain/change';
import type { Db } from '../db/open-database';

export interface AuditRecord {
  changeId: string | null;
  action: string;
  summary: string;
  result?: string | null;
  platformRequestId?: string | null;
}

/** The append-only audit log: SQLite triggers refuse every UPDATE and DELETE on it. */
export class AuditLog {
  constructor(private readonly db: Db) {}

  append(record: AuditRecord): void {
    this.db
      .prepare(
        'INSERT INTO audit_log (at, change_id, action, summary, result, platform_request_id) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        new Date().toISOString(),
        record.changeId,
        record.action,
        record.summary,
        record.result ?? null,
        record.platformRequestId ?? null,
      );
  }

  list(offset: number, limit: number): { total: number; rows: AuditEntry[] } {
    const total = (this.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    return { total, rows: this.page(offset, limit) };
  }

  /** Oldest first, for the CSV export. */
  *all(): Generator<AuditEntry> {
    const batch = 5000;
    for (let offset = 0; ; offset += batch) {
      const rows = this.page(offset, batch, 'ASC');
      yield* rows;
      if (rows.length < batch) return;
    }
  }

  private page(offset: number, limit: number, order: 'ASC' | 'DESC' = 'DESC'): AuditEntry[] {
    return (
      this.db
        .prepare(`SELECT * FROM audit_log ORDER BY seq ${order} LIMIT ? OFFSET ?`)
        .all(limit, offset) as {
        seq: number;
        at: string;
        change_id: string | null;
        action: string;
        summary: string;
        result: string | null;
        platform_request_id: string | null;
      }[]
    ).map((r) => ({
      seq: r.seq,
      at: r.at,
      changeId: r.change_id,
      action: r.action,
      summary: r.summary,
      result: r.result,
      platformRequestId: r.platform_request_id,
    }));
  }
}
