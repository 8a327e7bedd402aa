import { parentPort, workerData } from 'node:worker_threads';
import type { RosterResource, SyncWarning } from '../../../shared/domain/roster';
import type { HttpClientOptions } from '../http/http-client';
import { UpstreamError } from '../http/upstream-error';
import type { UpstreamErrorKind } from '../http/upstream-error';
import { SnapshotFile } from '../snapshot/snapshot-file';
import type { Duplicate } from '../snapshot/snapshot-file';
import { countsOf, toRows } from '../snapshot/snapshot-rows';
import { SnapshotTally } from '../snapshot/snapshot-tally';
import type { TallyState } from '../snapshot/snapshot-tally';
import { PageTickets } from './page-tickets';
import type { SourceBatch, SourceStream } from '../sources/roster-source';
import { sourceFromSpec } from '../sources/source-spec';
import type { SourceSpec } from '../sources/source-spec';

export interface LaneJob {
  spec: SourceSpec;
  /** Positions in the source's streams() of the streams this lane reads. */
  streams: number[];
  /** Streams of this lane read at once. */
  concurrency: number;
  dir: string;
  snapshotId: number;
  /** null: the main lane, whose file becomes `<id>.db`; else the name of this lane's file's part. */
  part: string | null;
  /** The tables this lane's file keeps (the others are in another lane's file). */
  tables: string[];
  /** One Int32: how many lanes have not finished indexing (each takes itself off once it has). */
  indexing: SharedArrayBuffer;
  /**
   * A paged stream two lanes read (see page-tickets.ts): its owner reads it among its streams and
   * takes in the helpers' files before indexing; the helper, done with its own streams, reads the
   * pages left into a file of its own, named `part`.
   */
  shared:
    | { stream: number; tickets: SharedArrayBuffer; owner: true; helperFiles: string[] }
    | { stream: number; tickets: SharedArrayBuffer; owner: false; part: string }
    | null;
}

export type LaneMessage = { kind: 'cancel' } | { kind: 'discard' };

export type LaneReply =
  | {
      kind: 'batch';
      stream: number;
      read: number;
      total: number | null;
      counts: Partial<Record<RosterResource, number>>;
      warnings: SyncWarning[];
      location: string;
    }
  | { kind: 'stream-done'; stream: number }
  | { kind: 'retry'; info: Parameters<NonNullable<HttpClientOptions['onRetry']>>[0] }
  /** Rows in, indexed and sealed: `partial` is ready to be renamed `final` with the others. */
  | {
      kind: 'sealed';
      duplicates: Duplicate[];
      tally: TallyState;
      partial: string;
      final: string;
      /** When this lane began indexing, in ms since the epoch (comparable across threads). */
      indexFrom: number;
    }
  | { kind: 'discarded' }
  | { kind: 'failed'; error: string; upstream: UpstreamErrorKind | null; status: number | null };

/**
 * One lane of a sync, in its own thread: rebuilds the source from its spec, reads its streams
 * (fetching, parsing, mapping), writes the rows into its own file, indexes and seals it, with no
 * copy of a row to another thread. Tells the main thread each batch's counts and warnings as it goes.
 */
const job = workerData as LaneJob;
const reply = (r: LaneReply) => parentPort?.postMessage(r);
const controller = new AbortController();
let file: SnapshotFile | null = null;
/** The file this lane writes when it helps read another lane's stream. */
let helperFile: SnapshotFile | null = null;

async function load(laneFile: SnapshotFile): Promise<void> {
  const source = sourceFromSpec(job.spec, (info) => reply({ kind: 'retry', info }));
  const streams = source.streams();
  const tally = new SnapshotTally();
  const shared = job.shared;
  const tickets = shared ? new PageTickets(shared.tickets) : undefined;
  const write = (into: SnapshotFile, index: number, batch: SourceBatch) => {
    if (controller.signal.aborted) throw new UpstreamError('cancelled', 'Cancelled');
    const rows = toRows(batch.records);
    const counts = countsOf(batch.records);
    // The records go before the rows are written: held through the insert, a scavenge copied
    // them, and in the users lane promoted most (its collector's time fell by a third without).
    batch.records = {};
    tally.add(rows);
    into.write(rows);
    reply({
      kind: 'batch',
      stream: index,
      read: batch.read,
      total: batch.total,
      counts,
      warnings: batch.warnings,
      location: batch.location,
    });
  };
  let next = 0;
  const reader = async () => {
    while (next < job.streams.length && !controller.signal.aborted) {
      const index = job.streams[next++];
      const stream = index === undefined ? undefined : streams[index];
      if (!stream || index === undefined) continue;
      const owned = shared?.owner && shared.stream === index ? tickets : undefined;
      for await (const batch of stream.read(controller.signal, owned))
        write(laneFile, index, batch);
      reply({ kind: 'stream-done', stream: index });
    }
  };
  // The first failure stops this lane's other streams.
  let failure: unknown = null;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(job.concurrency, job.streams.length)) }, () =>
      reader().catch((error: unknown) => {
        failure ??= error;
        controller.abort();
      }),
    ),
  );
  if (failure !== null) throw failure;
  if (controller.signal.aborted) throw new UpstreamError('cancelled', 'Cancelled');
  if (shared && tickets) {
    if (shared.owner) {
      await tickets.helpersDone(controller.signal);
      laneFile.absorb(shared.helperFiles);
    } else await help(shared.stream, shared.part, streams[shared.stream], tickets, write);
  }
  const indexFrom = performance.timeOrigin + performance.now();
  const indexing = new Int32Array(job.indexing);
  let duplicates: Duplicate[];
  try {
    duplicates = laneFile.index({ othersIndexing: () => Atomics.load(indexing, 0) > 1 });
  } finally {
    Atomics.sub(indexing, 0, 1);
  }
  laneFile.seal(job.tables);
  reply({
    kind: 'sealed',
    duplicates,
    tally: tally.state,
    partial: laneFile.partial,
    final: laneFile.final,
    indexFrom,
  });
}

/**
 * A helper's turn: the pages of another lane's stream left untaken, into a file of its own that
 * the owner takes in (made at the first page: a helper that finds none writes none).
 */
async function help(
  index: number,
  part: string,
  stream: SourceStream | undefined,
  tickets: PageTickets,
  write: (into: SnapshotFile, index: number, batch: SourceBatch) => void,
): Promise<void> {
  let into: SnapshotFile | null = null;
  const read = stream?.help?.bind(stream);
  if (read) {
    try {
      if (await tickets.join(controller.signal))
        for await (const batch of read(controller.signal, tickets)) {
          into ??= helperFile = new SnapshotFile(job.dir, job.snapshotId, part);
          write(into, index, batch);
        }
    } finally {
      // Closed before the owner is told, so it finds every row in the file.
      into?.close();
      tickets.done();
    }
  }
  reply({ kind: 'stream-done', stream: index });
}

function failed(error: unknown): void {
  reply({
    kind: 'failed',
    error: error instanceof Error ? error.message : String(error),
    upstream: error instanceof UpstreamError ? error.kind : null,
    status: error instanceof UpstreamError ? error.status : null,
  });
}

parentPort?.on('message', (message: LaneMessage) => {
  try {
    if (message.kind === 'cancel') controller.abort();
    else {
      controller.abort();
      file?.discard();
      helperFile?.discard();
      reply({ kind: 'discarded' });
    }
  } catch (error) {
    failed(error);
  }
});

try {
  file = new SnapshotFile(job.dir, job.snapshotId, job.part);
  load(file).catch(failed);
} catch (error) {
  failed(error);
}
