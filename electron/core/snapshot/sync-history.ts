import { z } from 'zod';
import {
  rosterCountsOf,
  rosterCountsSchema,
  schoolCountsSchema,
} from '../../../shared/domain/snapshot';
import { historyOutcomes } from '../../../shared/domain/watch';
import type { HistoryPoint } from '../../../shared/domain/watch';
import type { Db } from '../db/open-database';
import { jsonColumn } from '../db/json-column';
import type { SnapshotStats } from './snapshot-stats';

type Outcome = HistoryPoint['outcome'];

/** The newest point of a snapshot id (an id is used again once its snapshot was deleted). */
const LATEST = 'SELECT max(seq) FROM sync_history WHERE snapshot_id = ?';

interface HistoryRow {
  seq: number;
  snapshot_id: number;
  connection_id: string;
  finished_at: string;
  outcome: string;
  counts: string | null;
  per_school: string;
  findings: string;
  warnings: number;
  error: string | null;
}

/**
 * Every sync's outcome and counts, one row per sync, kept after its snapshot is pruned: the
 * dashboard's trend and "what changed" read it. Written by the snapshot store as syncs end, and by
 * diagnostics once it has counted a snapshot's findings.
 */
export class SyncHistory {
  constructor(private readonly db: Db) {}

  record(
    snapshotId: number,
    connectionId: string,
    outcome: Outcome,
    detail: { stats?: SnapshotStats | null; warnings?: number; error?: string | null } = {},
  ): void {
    this.db
      .prepare(
        `INSERT INTO sync_history (snapshot_id, connection_id, finished_at, outcome, counts, per_school, warnings, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        snapshotId,
        connectionId,
        new Date().toISOString(),
        outcome,
        detail.stats ? JSON.stringify(rosterCountsOf(detail.stats)) : null,
        JSON.stringify(detail.stats?.perSchool ?? []),
        detail.warnings ?? 0,
        detail.error ?? null,
      );
  }

  /** A held sync accepted or rejected: its point says so (its counts stay). */
  setOutcome(snapshotId: number, outcome: Outcome): void {
    this.db
      .prepare(`UPDATE sync_history SET outcome = ? WHERE seq = (${LATEST})`)
      .run(outcome, snapshotId);
  }

  setFindings(snapshotId: number, byCode: Record<string, number>): void {
    this.db
      .prepare(`UPDATE sync_history SET findings = ? WHERE seq = (${LATEST})`)
      .run(JSON.stringify(byCode), snapshotId);
  }

  list(connectionId?: string, limit = 400): HistoryPoint[] {
    const rows = (
      connectionId
        ? this.db
            .prepare('SELECT * FROM sync_history WHERE connection_id = ? ORDER BY seq DESC LIMIT ?')
            .all(connectionId, limit)
        : this.db.prepare('SELECT * FROM sync_history ORDER BY seq DESC LIMIT ?').all(limit)
    ) as HistoryRow[];
    return rows.reverse().map((r) => ({
      seq: r.seq,
      snapshotId: r.snapshot_id,
      connectionId: r.connection_id,
      finishedAt: r.finished_at,
      outcome: z.enum(historyOutcomes).catch('complete').parse(r.outcome),
      counts: jsonColumn(rosterCountsSchema.nullable(), r.counts, null),
      perSchool: jsonColumn(z.array(schoolCountsSchema), r.per_school, []),
      findings: jsonColumn(z.record(z.string(), z.number().int()), r.findings, {}),
      warnings: r.warnings,
      error: r.error,
    }));
  }
}
