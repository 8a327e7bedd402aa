import crypto from 'node:crypto';
import { EMPTY_COUNTS } from '../../../shared/domain/snapshot';
import type { ResourceCounts, Snapshot } from '../../../shared/domain/snapshot';
import type { Db } from '../db/open-database';
import { SettingsStore } from '../settings/settings-store';
import { SyncHistory } from './sync-history';
import { syncReviewSchema } from '../../../shared/domain/watch';
import type { SyncReview } from '../../../shared/domain/watch';
import { jsonColumn } from '../db/json-column';
import { AppError } from '../../../shared/ipc/errors';
import { deleteSnapshotFile, removeOrphanFiles, snapshotTables } from './snapshot-files';
import { activeSchools, computeSnapshotStats, deadEnrollments } from './snapshot-stats';
import type { SnapshotStats } from './snapshot-stats';
import type { SnapshotTally } from './snapshot-tally';

/** This process, as the owner of the syncs it writes. */
export const PROCESS_OWNER = `${process.pid}:${crypto.randomUUID()}`;

/** complete() on a snapshot that is no longer running (abandoned under it, or already done). */
export class SnapshotNotRunningError extends Error {
  constructor(
    readonly snapshotId: number,
    readonly status: string,
  ) {
    super(
      `Sync ${snapshotId} could not be completed: it is ${status}, not running (another RosterDesk process may have recovered it). The current snapshot was not changed.`,
    );
    this.name = 'SnapshotNotRunningError';
  }
}

interface SnapshotRow {
  id: number;
  connection_id: string;
  source_kind: string;
  source_label: string;
  status: Snapshot['status'];
  started_at: string;
  finished_at: string | null;
  error: string | null;
  counts: string;
  warnings: number;
  is_current: number;
}

/**
 * Snapshot lifecycle. A sync writes into a new snapshot that becomes current only when it
 * completes; a failed, cancelled or interrupted one is marked so and its rows removed, leaving the
 * previous current snapshot untouched. The last `keep` complete snapshots of a connection are kept.
 */
export class SnapshotStore {
  private readonly settings: SettingsStore;

  readonly history: SyncHistory;

  constructor(
    private readonly db: Db,
    /** Past snapshots kept besides the current one (default: the snapshots.keep setting). */
    private readonly keepPast: number | null = null,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.settings = new SettingsStore(db);
    this.history = new SyncHistory(db);
  }

  private get keep(): number {
    return (this.keepPast ?? this.settings.get('snapshots.keep')) + 1;
  }

  begin(connectionId: string, sourceKind: string, sourceLabel: string): number {
    const result = this.db
      .prepare(
        "INSERT INTO snapshots (connection_id, source_kind, source_label, status, started_at, owner) VALUES (?, ?, ?, 'running', ?, ?)",
      )
      .run(connectionId, sourceKind, sourceLabel, this.now().toISOString(), PROCESS_OWNER);
    return Number(result.lastInsertRowid);
  }

  /** Makes a running snapshot complete and current; anything else fails loudly and changes nothing. */
  /** Current from now on; `tally` gives its counts when they were tallied as its rows went in. */
  complete(
    id: number,
    counts: ResourceCounts,
    tally?: SnapshotTally | null,
    /** What it would do to the current snapshot, when past a threshold: held, not current. */
    hold?: SyncReview | null,
  ): void {
    this.requireRunning(id);
    const stats = tally ? this.tallied(id, tally) : computeSnapshotStats(this.db, id);
    this.db.transaction(() => {
      const done = this.db
        .prepare(
          "UPDATE snapshots SET status = 'complete', finished_at = ?, counts = ? WHERE id = ? AND status = 'running'",
        )
        .run(this.now().toISOString(), JSON.stringify(counts), id);
      if (done.changes !== 1) this.requireRunning(id);
      this.db
        .prepare('INSERT OR REPLACE INTO snapshot_stats (snapshot_id, stats) VALUES (?, ?)')
        .run(id, JSON.stringify(stats));
      const row = this.db.prepare('SELECT connection_id FROM snapshots WHERE id = ?').get(id) as {
        connection_id: string;
      };
      const warnings = this.db
        .prepare('SELECT count(*) FROM sync_warnings WHERE snapshot_id = ?')
        .pluck()
        .get(id) as number;
      // A sync held before this one is superseded: the newer one is what the source sends now.
      for (const older of this.heldIds(row.connection_id)) this.dropHeld(older, 'rejected');
      if (hold && hold.reasons.length > 0) {
        this.db
          .prepare(
            'INSERT INTO held_syncs (snapshot_id, connection_id, held_at, review) VALUES (?, ?, ?, ?)',
          )
          .run(id, row.connection_id, this.now().toISOString(), JSON.stringify(hold));
        this.history.record(id, row.connection_id, 'held', { stats, warnings });
        return;
      }
      this.makeCurrent(row.connection_id, id);
      this.history.record(id, row.connection_id, 'complete', { stats, warnings });
    })();
    if (!this.isHeld(id)) this.prune(id);
  }

  private makeCurrent(connectionId: string, id: number): void {
    this.db
      .prepare(
        'INSERT INTO current_snapshot (connection_id, snapshot_id) VALUES (?, ?) ON CONFLICT (connection_id) DO UPDATE SET snapshot_id = excluded.snapshot_id',
      )
      .run(connectionId, id);
  }

  private heldIds(connectionId: string): number[] {
    return this.db
      .prepare('SELECT snapshot_id FROM held_syncs WHERE connection_id = ?')
      .pluck()
      .all(connectionId) as number[];
  }

  isHeld(id: number): boolean {
    return this.db.prepare('SELECT 1 FROM held_syncs WHERE snapshot_id = ?').get(id) !== undefined;
  }

  /** Syncs held for review, newest first. */
  held(): {
    snapshotId: number;
    connectionId: string;
    heldAt: string;
    review: SyncReview | null;
  }[] {
    return (
      this.db.prepare('SELECT * FROM held_syncs ORDER BY snapshot_id DESC').all() as {
        snapshot_id: number;
        connection_id: string;
        held_at: string;
        review: string;
      }[]
    ).map((r) => ({
      snapshotId: r.snapshot_id,
      connectionId: r.connection_id,
      heldAt: r.held_at,
      review: jsonColumn(syncReviewSchema, r.review, null),
    }));
  }

  /** A held sync becomes current, as if it had not been held. */
  acceptHeld(id: number): Snapshot {
    const held = this.held().find((h) => h.snapshotId === id);
    if (!held)
      throw new AppError(
        'NOT_FOUND',
        `No held sync ${id}: it was accepted, rejected or replaced by a newer sync`,
      );
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM held_syncs WHERE snapshot_id = ?').run(id);
      this.makeCurrent(held.connectionId, id);
      this.history.setOutcome(id, 'accepted');
    })();
    this.prune(id);
    return this.get(id) as Snapshot;
  }

  /** A held sync is discarded: its files go, the current snapshot stays. */
  rejectHeld(id: number): void {
    if (!this.isHeld(id))
      throw new AppError(
        'NOT_FOUND',
        `No held sync ${id}: it was accepted, rejected or replaced by a newer sync`,
      );
    this.dropHeld(id, 'rejected');
  }

  private dropHeld(id: number, outcome: 'rejected'): void {
    this.db.prepare('DELETE FROM held_syncs WHERE snapshot_id = ?').run(id);
    this.history.setOutcome(id, outcome);
    this.remove(id);
  }

  /** The counts tallied as the rows went in, less the enrollments that are not live. */
  private tallied(id: number, tally: SnapshotTally): SnapshotStats {
    const tables = snapshotTables(this.db, id);
    return tally.stats(activeSchools(this.db, tables), deadEnrollments(this.db, tables));
  }

  private requireRunning(id: number): void {
    const status = this.db.prepare('SELECT status FROM snapshots WHERE id = ?').pluck().get(id) as
      string | undefined;
    if (status !== 'running') throw new SnapshotNotRunningError(id, status ?? 'missing');
  }

  /**
   * Marks a running sync failed or cancelled and drops its partial rows; its warnings stay for
   * diagnosis. A snapshot that is no longer running (complete, or already abandoned) is left as it is.
   */
  abandon(id: number, status: 'failed' | 'cancelled', error: string): void {
    const changed = this.db
      .prepare(
        "UPDATE snapshots SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status = 'running'",
      )
      .run(status, this.now().toISOString(), error, id);
    if (changed.changes === 1) {
      this.deleteRows(id);
      const connection = this.db
        .prepare('SELECT connection_id FROM snapshots WHERE id = ?')
        .pluck()
        .get(id) as string;
      this.history.record(id, connection, status, { error });
    }
  }

  /**
   * After a crash or kill: syncs left "running" by a process that is gone did not finish. The
   * caller owns the data folder (data-folder-lock.ts), so no other live process is writing; a run
   * of this very process is never touched.
   */
  recoverInterrupted(): number {
    const stale = this.db
      .prepare(
        "SELECT id FROM snapshots WHERE status = 'running' AND (owner IS NULL OR owner != ?)",
      )
      .pluck()
      .all(PROCESS_OWNER) as number[];
    for (const id of stale)
      this.abandon(id, 'failed', 'Interrupted: RosterDesk stopped before the sync finished');
    const ids = (status: string) =>
      new Set(
        this.db
          .prepare('SELECT id FROM snapshots WHERE status = ?')
          .pluck()
          .all(status) as number[],
      );
    removeOrphanFiles(this.db, ids('complete'), ids('running'));
    return stale.length;
  }

  current(connectionId: string): Snapshot | null {
    const row = this.db
      .prepare(
        `${SELECT} WHERE s.id = (SELECT snapshot_id FROM current_snapshot WHERE connection_id = ?)`,
      )
      .get(connectionId) as SnapshotRow | undefined;
    return row ? toSnapshot(row) : null;
  }

  get(id: number): Snapshot | null {
    const row = this.db.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SnapshotRow | undefined;
    return row ? toSnapshot(row) : null;
  }

  list(connectionId?: string): Snapshot[] {
    const rows = (
      connectionId
        ? this.db
            .prepare(`${SELECT} WHERE s.connection_id = ? ORDER BY s.id DESC`)
            .all(connectionId)
        : this.db.prepare(`${SELECT} ORDER BY s.id DESC`).all()
    ) as SnapshotRow[];
    return rows.map(toSnapshot);
  }

  /**
   * The snapshot the dashboard, diagnostics and reports look at: the current snapshot of the
   * connection the admin chose. Never switched by a sync of another connection: the first time
   * there is a choice to make, the most recent one is chosen and kept until the admin picks another
   * (or its connection is removed).
   */
  latestCurrent(): Snapshot | null {
    const chosen = this.scope();
    if (chosen) {
      const current = this.current(chosen);
      if (current) return current;
      // A chosen connection still syncing for the first time shows nothing else meanwhile.
      if (this.db.prepare('SELECT 1 FROM connections WHERE id = ?').get(chosen)) return null;
    }
    const row = this.db
      .prepare(
        `${SELECT} WHERE s.id IN (SELECT snapshot_id FROM current_snapshot) ORDER BY s.finished_at DESC LIMIT 1`,
      )
      .get() as SnapshotRow | undefined;
    if (!row) return null;
    const latest = toSnapshot(row);
    if (!this.db.readonly) this.setScope(latest.connectionId);
    return latest;
  }

  /** The connection the admin chose for the dashboard, or null. */
  scope(): string | null {
    return this.settings.get('dashboard.connection');
  }

  setScope(connectionId: string | null): void {
    this.settings.set('dashboard.connection', connectionId);
  }

  forgetConnection(connectionId: string): void {
    if (this.scope() === connectionId) this.setScope(null);
    const ids = this.db
      .prepare('SELECT id FROM snapshots WHERE connection_id = ?')
      .pluck()
      .all(connectionId) as number[];
    this.db.prepare('DELETE FROM current_snapshot WHERE connection_id = ?').run(connectionId);
    this.db.prepare('DELETE FROM held_syncs WHERE connection_id = ?').run(connectionId);
    for (const id of ids) this.remove(id);
  }

  private prune(currentId: number): void {
    const connection =
      (this.db
        .prepare('SELECT connection_id FROM snapshots WHERE id = ?')
        .pluck()
        .get(currentId) as string) ?? '';
    const complete = this.db
      .prepare(
        "SELECT id FROM snapshots WHERE connection_id = ? AND status = 'complete' ORDER BY id DESC",
      )
      .pluck()
      .all(connection) as number[];
    const keepAlways = new Set([currentId, ...this.heldIds(connection)]);
    const current = this.current(connection)?.id;
    if (current !== undefined) keepAlways.add(current);
    for (const id of complete.filter((c) => !keepAlways.has(c)).slice(this.keep - 1))
      this.remove(id);
    const abandoned = this.db
      .prepare(
        "SELECT id FROM snapshots WHERE connection_id = ? AND status IN ('failed', 'cancelled') ORDER BY id DESC",
      )
      .pluck()
      .all(connection) as number[];
    for (const id of abandoned.slice(this.keep)) this.remove(id);
  }

  private remove(id: number): void {
    this.deleteRows(id);
    this.db.prepare('DELETE FROM snapshot_stats WHERE snapshot_id = ?').run(id);
    this.db.prepare('DELETE FROM sync_warnings WHERE snapshot_id = ?').run(id);
    this.db.prepare('DELETE FROM snapshots WHERE id = ?').run(id);
  }

  private deleteRows(id: number): void {
    deleteSnapshotFile(this.db, id);
  }
}

const SELECT = `SELECT s.*, (SELECT count(*) FROM sync_warnings w WHERE w.snapshot_id = s.id) AS warnings,
  EXISTS (SELECT 1 FROM current_snapshot c WHERE c.snapshot_id = s.id) AS is_current FROM snapshots s`;

function toSnapshot(row: SnapshotRow): Snapshot {
  return {
    id: row.id,
    connectionId: row.connection_id,
    sourceKind: row.source_kind,
    sourceLabel: row.source_label,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    error: row.error,
    counts: { ...EMPTY_COUNTS, ...(JSON.parse(row.counts) as Partial<ResourceCounts>) },
    warnings: row.warnings,
    isCurrent: row.is_current === 1,
  };
}
