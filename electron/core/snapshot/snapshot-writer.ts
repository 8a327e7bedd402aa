import type { Statement } from 'better-sqlite3';
import type { RosterResource, SyncWarning } from '../../../shared/domain/roster';
import { EMPTY_COUNTS } from '../../../shared/domain/snapshot';
import type { Db } from '../db/open-database';
import type { RecordBatch } from '../sources/roster-source';
import { SnapshotFile } from './snapshot-file';
import type { Duplicate } from './snapshot-file';
import { snapshotDir } from './snapshot-files';
import { countsOf, toRows } from './snapshot-rows';
import type { RowBatch } from './snapshot-rows';
import { SnapshotTally } from './snapshot-tally';

const MAX_WARNINGS = 50_000;
/** Warnings listed per file and reason; the rest are counted in one more line. */
export const WARNINGS_PER_REASON = 1_000;

/**
 * A warning's file and reason without what names one record (its line, its ids, its numbers):
 * "users.csv|wrong number of columns: # instead of #".
 */
function reasonKey(w: SyncWarning): string {
  const file = w.location.replace(/:\d+$/, '').replace(/[?#].*$/, '');
  const reason = w.reason
    .replace(/\((?:record|role|class|user) [^)]*\)/g, '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, '#');
  return `${w.resource}|${file}|${w.field ?? ''}|${reason}`;
}

/**
 * What both writers share: counts, the warnings (kept in the cache's `sync_warnings`, so a failed
 * sync keeps them for diagnosis), and records turned into rows. A sourcedId seen twice keeps the
 * first record and becomes a warning naming where the resource came from.
 */
export abstract class SnapshotWriterBase {
  readonly counts: Record<RosterResource, number> = { ...EMPTY_COUNTS };
  private readonly warn: Statement;
  private readonly warnAll: (warnings: SyncWarning[]) => void;
  private readonly origin = new Map<RosterResource, string>();
  private warnings = 0;
  /** Per file and reason: how many were seen, and the first of those not listed. */
  private readonly perReason = new Map<string, { seen: number; first: SyncWarning | null }>();
  /** The dashboard's counts, tallied as rows pass; null once rows went in another way or were dropped. */
  protected counted: SnapshotTally | null = new SnapshotTally();

  constructor(
    protected readonly db: Db,
    readonly snapshotId: number,
  ) {
    this.warn = db.prepare(
      'INSERT INTO sync_warnings (snapshot_id, resource, location, field, reason) VALUES (?, ?, ?, ?, ?)',
    );
    this.warnAll = db.transaction((warnings: SyncWarning[]) => {
      for (const w of warnings) this.addWarning(w);
    });
  }

  get warningCount(): number {
    return this.warnings;
  }

  /** The counts tallied from every row written, or null when they must be counted by SQL. */
  get tally(): SnapshotTally | null {
    return this.counted;
  }

  /** Rows for the file; counts and warnings recorded here. */
  protected rows(batch: RecordBatch, warnings: SyncWarning[], location: string): RowBatch {
    const rows = toRows(batch);
    this.counted?.add(rows);
    this.noted(countsOf(batch), warnings, location);
    return rows;
  }

  /** Counts and warnings of a batch (turned into rows here, or by a lane's thread). */
  protected noted(
    counts: Partial<Record<RosterResource, number>>,
    warnings: SyncWarning[],
    location: string,
  ): void {
    for (const [resource, n] of Object.entries(counts) as [RosterResource, number][]) {
      if (!this.origin.has(resource)) this.origin.set(resource, originOf(location));
      this.counts[resource] += n;
    }
    if (warnings.length > 0) this.warnAll(warnings);
  }

  /** Warnings found once the rows are in (records pointing at what the snapshot lacks). */
  addWarnings(warnings: SyncWarning[]): void {
    if (warnings.length > 0) this.warnAll(warnings);
  }

  protected dropped(duplicates: Duplicate[]): void {
    if (duplicates.length > 0) this.counted = null;
    for (const d of duplicates) this.counts[d.resource]--;
    this.warnAll(
      duplicates.map((d) => ({
        resource: d.resource,
        location: this.origin.get(d.resource) ?? d.resource,
        field: 'sourcedId',
        reason: `duplicate sourcedId ${d.sourcedId}: the first record was kept`,
      })),
    );
  }

  /**
   * One line per file and reason that passed WARNINGS_PER_REASON: how many more there were. Called
   * once the rows are in, whether the sync completes or fails.
   */
  summarizeWarnings(): void {
    const lines: SyncWarning[] = [];
    for (const { seen, first } of this.perReason.values())
      if (first && seen > WARNINGS_PER_REASON)
        lines.push({
          ...first,
          reason: `${(seen - WARNINGS_PER_REASON).toLocaleString('en-US')} more warnings like the ${WARNINGS_PER_REASON.toLocaleString('en-US')} above (${first.reason}): counted, not listed`,
        });
    this.perReason.clear();
    if (lines.length > 0)
      this.db.transaction(() => {
        for (const w of lines)
          this.warn.run(this.snapshotId, w.resource, w.location, w.field, w.reason);
      })();
  }

  private addWarning(w: SyncWarning): void {
    this.warnings++;
    const key = reasonKey(w);
    const same = this.perReason.get(key) ?? { seen: 0, first: null };
    same.seen++;
    this.perReason.set(key, same);
    if (same.seen > WARNINGS_PER_REASON) {
      same.first ??= w;
      return;
    }
    if (this.warnings <= MAX_WARNINGS)
      this.warn.run(this.snapshotId, w.resource, w.location, w.field, w.reason);
    else if (this.warnings === MAX_WARNINGS + 1)
      this.warn.run(
        this.snapshotId,
        w.resource,
        w.location,
        null,
        `more than ${MAX_WARNINGS} warnings: the rest were counted, not listed`,
      );
  }
}

/** Writes a snapshot's file on this thread (tests, benches, the one-time move of older caches). */
export class SnapshotWriter extends SnapshotWriterBase {
  private readonly file: SnapshotFile;

  constructor(db: Db, snapshotId: number) {
    super(db, snapshotId);
    this.file = new SnapshotFile(snapshotDir(db), snapshotId);
  }

  write(batch: RecordBatch, warnings: SyncWarning[], location: string): void {
    this.file.write(this.rows(batch, warnings, location));
  }

  /** Rows copied in bulk by SQL on the file; `added` counts them. */
  bulk(copy: (out: Db) => Partial<Record<RosterResource, number>>): void {
    this.counted = null;
    this.file.bulk((out) => {
      for (const [resource, n] of Object.entries(copy(out)) as [RosterResource, number][])
        this.counts[resource] += n;
    });
  }

  /** Indexes, statistics, durable and renamed: only then may the snapshot become current. */
  finish(onStep?: (step: string) => void): void {
    this.dropped(this.file.finish(onStep));
  }

  discard(): void {
    this.file.discard();
  }
}

/** "users.csv:12" -> "users.csv"; "/ims/…/users?limit=…" -> "/ims/…/users". */
function originOf(location: string): string {
  return location.replace(/[?#].*$/, '').replace(/:\d+$/, '');
}
