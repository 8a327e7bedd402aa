import { danglingReferences } from '../snapshot/dangling-references';
import type { StreamProgress } from '../../../shared/domain/snapshot';
import type { Db } from '../db/open-database';
import { UpstreamError } from '../http/upstream-error';
import type { RosterSource, SourceStream, SourceThread } from '../sources/roster-source';
import { SnapshotStore } from '../snapshot/snapshot-store';
import { reviewSync } from '../snapshot/sync-review';
import type { HoldThresholds } from '../../../shared/domain/watch';
import { SnapshotLanes } from './snapshot-lanes';

export interface IngestOptions {
  connectionId: string;
  sourceKind: string;
  signal: AbortSignal;
  /** Streams read at once in each lane. */
  concurrency?: number;
  onProgress?: (streams: StreamProgress[], warnings: number) => void;
  /**
   * The connection's hold thresholds: a sync past one, compared with the current snapshot, is
   * kept but held for review instead of becoming current. None: never held (the first sync of a
   * connection never is).
   */
  thresholds?: HoldThresholds | null;
}

export type IngestResult =
  | {
      state: 'complete' | 'held';
      snapshotId: number;
      /** Why it was held, in words (empty when it became current). */
      heldFor: string[];
      counts: SnapshotLanes['counts'];
      warnings: number;
      /**
       * Indexes and statistics: from the first lane starting its indexes (each lane indexes its
       * own file once its rows are in) until the snapshot is current.
       */
      indexSeconds: number;
    }
  | { state: 'failed' | 'cancelled'; snapshotId: number; error: string; warnings: number };

/** A sync that read the whole roster: current, or held for review. */
export type CompletedIngest = Extract<IngestResult, { state: 'complete' | 'held' }>;
export const completed = (result: IngestResult): result is CompletedIngest =>
  result.state === 'complete' || result.state === 'held';

/**
 * Streams a source into a new snapshot, batch by batch (never the whole roster in memory), in lanes
 * that each read, write and index their own streams in a thread (snapshot-lanes.ts), and
 * makes it current only when every stream finished. On failure or cancel, the snapshot is
 * abandoned and the previous current one stays as it was.
 */
export async function runIngest(
  db: Db,
  source: RosterSource,
  options: IngestOptions,
): Promise<IngestResult> {
  const store = new SnapshotStore(db);
  const snapshotId = store.begin(options.connectionId, options.sourceKind, source.label);
  const streams = source.streams();
  const progress: (StreamProgress & { startedAt: number })[] = streams.map((s) => ({
    name: s.name,
    read: 0,
    total: null,
    done: false,
    perSecond: 0,
    startedAt: 0,
  }));
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < 100) return;
    lastReport = now;
    options.onProgress?.(
      progress.map(({ startedAt: _s, ...p }) => p),
      writer.warningCount,
    );
  };
  let thread: SourceThread;
  try {
    // A source refused before any lane starts (a zip bomb, from its headers) fails at once.
    thread = await source.thread();
  } catch (error) {
    const message = errorText(error, source.provider);
    store.abandon(snapshotId, 'failed', message);
    return { state: 'failed', snapshotId, error: message, warnings: 0 };
  }
  const writer = new SnapshotLanes(
    db,
    snapshotId,
    thread,
    streams,
    Math.max(1, options.concurrency ?? 2),
    {
      onBatch: (index, read, total) => {
        const p = progress[index];
        if (!p) return;
        p.startedAt ||= Date.now();
        p.read += read;
        p.total = total;
        p.perSecond = Math.round(p.read / Math.max(0.001, (Date.now() - p.startedAt) / 1000));
        report();
      },
      onStreamDone: (index) => {
        const p = progress[index];
        if (!p) return;
        p.done = true;
        if (p.total === null) p.total = p.read;
        report(true);
      },
    },
  );

  try {
    await writer.load(options.signal);
    writer.summarizeWarnings();
    if (options.signal.aborted) throw new UpstreamError('cancelled', 'Cancelled');
    const broken =
      brokenRoster(source, streams, writer.counts) ??
      mostlyRejected(streams, progress, writer.counts);
    if (broken) throw new UpstreamError('malformed', broken);
    const finishing = performance.timeOrigin + performance.now();
    await writer.finish();
    writer.addWarnings(danglingReferences(db, snapshotId));
    const previous = options.thresholds ? store.current(options.connectionId) : null;
    const review =
      previous && options.thresholds
        ? reviewSync(db, previous.id, snapshotId, options.thresholds)
        : null;
    store.complete(snapshotId, { ...writer.counts }, writer.tally, review);
    report(true);
    return {
      state: review && review.reasons.length > 0 ? 'held' : 'complete',
      heldFor: review?.reasons ?? [],
      snapshotId,
      counts: { ...writer.counts },
      warnings: writer.warningCount,
      indexSeconds:
        (performance.timeOrigin + performance.now() - (writer.indexFrom ?? finishing)) / 1000,
    };
  } catch (error) {
    const cancelled =
      options.signal.aborted || (error instanceof UpstreamError && error.kind === 'cancelled');
    const message = cancelled
      ? 'Cancelled by the user; the previous snapshot is still current'
      : errorText(error, source.provider);
    await writer.discard();
    store.abandon(snapshotId, cancelled ? 'cancelled' : 'failed', message);
    return {
      state: cancelled ? 'cancelled' : 'failed',
      snapshotId,
      error: message,
      warnings: writer.warningCount,
    };
  }
}

/**
 * A full roster with no users or no classes is broken (a missing or empty users.csv, every row
 * rejected, a share that sends nothing), not an empty district: it fails, and the previous snapshot
 * stays current. A delta pull may well bring nothing.
 */
function brokenRoster(
  source: RosterSource,
  streams: SourceStream[],
  counts: SnapshotLanes['counts'],
): string | null {
  if (source.delta) return null;
  const read = new Set(streams.flatMap((s) => s.resources));
  const missing = (['users', 'classes'] as const).filter((r) => read.has(r) && counts[r] === 0);
  if (missing.length === 0) return null;
  const what = missing.join(' and no ');
  const hint =
    source.provider === 'OneRoster CSV'
      ? ` (${missing.map((r) => `${r}.csv`).join(' and ')} missing or empty, or every row rejected: see the sync warnings)`
      : ' (check what is shared with this application at the rostering service)';
  return `${source.provider} sent no ${what}${hint}. A roster without ${what} is broken, not empty: the previous snapshot stays current.`;
}

/** A stream must keep at least this share of the records it read (of at least 1,000). */
const KEPT_AT_LEAST = 0.5;

/**
 * A flood of bad rows is a broken roster, not a district: a stream that read at least 1,000
 * records and kept fewer than half (rejected rows, or one row repeated) fails the sync, and the
 * previous snapshot stays current (a 2 GiB file of one repeated row became current with 1 user).
 */
function mostlyRejected(
  streams: SourceStream[],
  progress: { read: number }[],
  counts: SnapshotLanes['counts'],
): string | null {
  for (const [i, stream] of streams.entries()) {
    const read = progress[i]?.read ?? 0;
    const [resource] = stream.resources;
    if (stream.resources.length !== 1 || !resource || read < 1000) continue;
    const kept = counts[resource];
    if (kept < read * KEPT_AT_LEAST)
      return `${stream.name}: ${read.toLocaleString('en-US')} records read, ${kept.toLocaleString('en-US')} kept; the rest were rejected or repeated (see the sync warnings). A roster that loses more than half of its ${resource} is broken: the previous snapshot stays current.`;
  }
  return null;
}

function errorText(error: unknown, provider: string): string {
  if (error instanceof UpstreamError) return error.message;
  return `Reading from ${provider} failed: ${error instanceof Error ? error.message : String(error)}`;
}
