import fs from 'node:fs';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { RosterResource } from '../../../shared/domain/roster';
import type { Db } from '../db/open-database';
import { makePrivateDir } from '../db/private-files';
import { UpstreamError } from '../http/upstream-error';
import { PageTickets } from './page-tickets';
import { SnapshotFile } from '../snapshot/snapshot-file';
import { TABLE_OF } from '../snapshot/snapshot-rows';
import { SnapshotWriterBase } from '../snapshot/snapshot-writer';
import type { SourceStream, SourceThread } from '../sources/roster-source';
import type { LaneJob, LaneMessage, LaneReply } from './snapshot-lane-worker';

export interface LaneEvents {
  onBatch: (stream: number, read: number, total: number | null) => void;
  onStreamDone: (stream: number) => void;
}

/**
 * The streams in lanes: the streams that bring enrollments (by far the most rows) in one, the rest
 * in another, so each lane's thread fetches, parses, writes and indexes its own tables while the
 * other does the same on the other core. One lane when the streams cannot be split so that each
 * table is written by one lane only.
 */
export function laneStreams(streams: readonly SourceStream[]): number[][] {
  const all = streams.map((_, i) => i);
  const big = all.filter((i) => streams[i]?.resources.includes('enrollments'));
  const rest = all.filter((i) => !big.includes(i));
  const tables = (lane: number[]) => new Set(lane.flatMap((i) => streams[i]?.resources ?? []));
  const shared = [...tables(big)].some((r: RosterResource) => tables(rest).has(r));
  return big.length === 0 || rest.length === 0 || shared ? [all] : [big, rest];
}

/**
 * The stream the main lane owns and the other lanes help read once done with theirs: with two
 * lanes, the main lane's one stream if its pages can be taken by number (OneRoster's enrollments,
 * by far the most rows). Else null: Clever's sections follow a cursor, a CSV file is read in order.
 */
export function sharedStream(
  streams: readonly SourceStream[],
  lanes: readonly number[][],
): number | null {
  const main = lanes[0];
  const only = main?.length === 1 ? main[0] : undefined;
  return lanes.length > 1 && only !== undefined && streams[only]?.help ? only : null;
}

/**
 * The tables each lane's file keeps: those of its streams, and the main lane also every table no
 * stream writes (empty, so readers find every table in one of the snapshot's files).
 */
export function laneTables(
  streams: readonly SourceStream[],
  lanes: readonly number[][],
): string[][] {
  const tablesOf = (lane: readonly number[]) => [
    ...new Set(lane.flatMap((i) => (streams[i]?.resources ?? []).map((r) => TABLE_OF[r]))),
  ];
  const others = lanes.slice(1).map(tablesOf);
  const taken = new Set(others.flat());
  return [Object.values(TABLE_OF).filter((t) => !taken.has(t)), ...others];
}

/**
 * A sync's snapshot written in lanes (snapshot-lane-worker.ts): each lane's thread reads its streams
 * and writes, indexes and seals its own file; when all are sealed, the files are renamed, lanes'
 * parts first and `<id>.db` last, and together they are the snapshot (snapshot-files.ts reads each
 * table from the file that has it). This thread only records the counts and warnings each lane
 * reports, and answers the window meanwhile.
 */
export class SnapshotLanes extends SnapshotWriterBase {
  private readonly lanes: {
    worker: Worker;
    replies: ((reply: LaneReply) => void)[];
    exited: boolean;
  }[] = [];
  private readonly sealed: Promise<Extract<LaneReply, { kind: 'sealed' }>>[] = [];
  private failure: Error | null = null;
  /** When the first lane began indexing (ms since the epoch), once every lane has sealed. */
  indexFrom: number | null = null;
  /** How many lanes read each stream and have not said it is done. */
  private readonly readers = new Map<number, number>();

  constructor(
    db: Db,
    snapshotId: number,
    thread: SourceThread,
    streams: readonly SourceStream[],
    concurrency: number,
    events: LaneEvents,
  ) {
    super(db, snapshotId);
    const fromSource = import.meta.url.endsWith('.ts');
    const url = new URL(
      fromSource ? './snapshot-lane-worker-from-source.mjs' : './snapshot-lane-worker.js',
      import.meta.url,
    );
    // Each lane's heap is made when its thread starts: the floor is set until all have started.
    const untilOnline: Promise<unknown>[] = [];
    v8.setFlagsFromString(`--initial-old-space-size=${LANE_OLD_SPACE_FLOOR_MB}`);
    const lanes = laneStreams(streams);
    const tables = laneTables(streams, lanes);
    const shared = sharedStream(streams, lanes);
    const tickets = new PageTickets().buffer;
    const indexing = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    Atomics.store(new Int32Array(indexing), 0, lanes.length);
    const helperPart = (n: number) => `${SnapshotFile.lanePart(n)}-help`;
    const dir = SnapshotFile.dirOf(db);
    // Made here, not only by the lanes, so it is there even when a cancel stops them before they start.
    makePrivateDir(dir);
    for (const [n, laneOf] of lanes.entries()) {
      const job: LaneJob = {
        spec: thread.spec,
        streams: laneOf,
        concurrency,
        dir,
        snapshotId,
        part: n === 0 ? null : SnapshotFile.lanePart(n),
        tables: tables[n] ?? [],
        indexing,
        shared:
          shared === null
            ? null
            : n === 0
              ? {
                  stream: shared,
                  tickets,
                  owner: true,
                  helperFiles: lanes
                    .slice(1)
                    .map((_, h) => SnapshotFile.partialOf(dir, snapshotId, helperPart(h + 1))),
                }
              : { stream: shared, tickets, owner: false, part: helperPart(n) },
      };
      for (const s of laneOf) this.readers.set(s, (this.readers.get(s) ?? 0) + 1);
      if (shared !== null && n > 0) this.readers.set(shared, (this.readers.get(shared) ?? 0) + 1);
      const worker = new Worker(url, { workerData: job, resourceLimits: laneMemory(thread) });
      untilOnline.push(
        new Promise((resolve) => worker.once('online', resolve).once('exit', resolve)),
      );
      const lane = { worker, replies: [] as ((reply: LaneReply) => void)[], exited: false };
      this.lanes.push(lane);
      worker.on('exit', () => {
        lane.exited = true;
        for (const handle of [...lane.replies])
          handle({
            kind: 'failed',
            error: `the sync's lane ${n} stopped`,
            upstream: null,
            status: null,
          });
      });
      this.sealed.push(
        new Promise((resolve, reject) => {
          lane.replies.push((reply) => {
            if (reply.kind === 'sealed') {
              resolve(reply);
            } else if (reply.kind === 'failed') reject(laneError(reply));
          });
          worker.on('error', reject);
        }),
      );
      worker.on('message', (reply: LaneReply) => {
        if (reply.kind === 'batch') {
          this.noted(reply.counts, reply.warnings, reply.location);
          events.onBatch(reply.stream, reply.read, reply.total);
        } else if (reply.kind === 'stream-done') {
          // Done when every lane reading it is (a shared stream is read by two).
          const left = (this.readers.get(reply.stream) ?? 1) - 1;
          this.readers.set(reply.stream, left);
          if (left === 0) events.onStreamDone(reply.stream);
        } else if (reply.kind === 'retry') thread.onRetry?.(reply.info);
        for (const handle of [...lane.replies]) handle(reply);
      });
    }
    void Promise.all(untilOnline).then(() => v8.setFlagsFromString('--initial-old-space-size=0'));
    for (const p of this.sealed) p.catch(() => undefined); // handled in load()
  }

  /** Until every lane has read and indexed its streams; the first failure stops the others. */
  async load(signal: AbortSignal): Promise<void> {
    const cancel = () => this.post({ kind: 'cancel' });
    // The admin's cancel stops the lanes' threads at once: a lane still loading its code (about
    // 0.6 s from source) would only read the cancel message after, past the second a cancel may take.
    // Each stopped lane counts as failed, and discard() deletes every file the sync wrote.
    const stop = () => void this.stop();
    signal.addEventListener('abort', stop, { once: true });
    try {
      const replies = await Promise.all(
        this.sealed.map((p) =>
          p.catch((error: unknown) => {
            this.failure ??= error instanceof Error ? error : new Error(String(error));
            cancel();
            throw error;
          }),
        ),
      );
      for (const reply of replies) this.counted?.merge(reply.tally);
      this.indexFrom = Math.min(...replies.map((r) => r.indexFrom));
      this.dropped(replies.flatMap((r) => r.duplicates));
    } catch {
      await Promise.allSettled(this.sealed);
      throw this.failure ?? new UpstreamError('cancelled', 'Cancelled');
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /**
   * Every lane's file sealed, under its final name: the lanes' parts first, `<id>.db` last (the
   * snapshot counts as complete only once the store says so, and a start removes the files of one
   * that is not).
   */
  async finish(): Promise<void> {
    const sealed = await Promise.all(this.sealed);
    for (const lane of [...sealed.slice(1), ...sealed.slice(0, 1)])
      fs.renameSync(lane.partial, lane.final);
    await this.stop();
  }

  /** Every lane's file goes (a sync that failed or was cancelled), even a stopped lane's. */
  async discard(): Promise<void> {
    await Promise.all(
      this.lanes.map((lane) => this.ask(lane, { kind: 'discard' }, ['discarded', 'failed'])),
    );
    await this.stop();
    SnapshotFile.discard(this.db, this.snapshotId);
  }

  private post(message: LaneMessage): void {
    for (const lane of this.lanes) lane.worker.postMessage(message);
  }

  private ask(
    lane: SnapshotLanes['lanes'][number],
    message: LaneMessage,
    kinds: LaneReply['kind'][],
  ): Promise<LaneReply> {
    return new Promise((resolve) => {
      if (lane.exited) {
        resolve({ kind: 'failed', error: 'the lane stopped', upstream: null, status: null });
        return;
      }
      const handle = (reply: LaneReply) => {
        if (!kinds.includes(reply.kind)) return;
        lane.replies.splice(lane.replies.indexOf(handle), 1);
        resolve(reply);
      };
      lane.replies.push(handle);
      lane.worker.postMessage(message);
    });
  }

  private async stop(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
  }
}

function laneError(reply: Extract<LaneReply, { kind: 'failed' }>): Error {
  return reply.upstream
    ? new UpstreamError(reply.upstream, reply.error, reply.status)
    : new Error(reply.error);
}

/**
 * The old generation a lane's heap may reach before V8 first collects it, in MB. V8 otherwise
 * collects a small heap whenever it has grown by about 8 MB: a lane, which keeps about 15-25 MB
 * alive while every page's text (4 GB at full scale) goes through its old generation, then ran a
 * full collection every few pages, and V8's helper threads spent about a quarter of both cores
 * marking. With 48 MB: full collections at 0.1 scale 72 -> 24, and a full-scale REST sync took
 * 104.6 s of CPU instead of 132 s, 63 s instead of 79 s, peaking at 245 MB. 64 MB went past 256 MB.
 * V8 reads this flag only when a heap is made, so it is set while the lanes start, then reset.
 */
const LANE_OLD_SPACE_FLOOR_MB = 48;

/**
 * A lane's V8 heap. Left alone, V8 sizes each lane's old generation for a machine's whole memory and
 * lets it fill with dead pages (about four times what is alive, 100 MB and more) before collecting:
 * a full-scale REST sync peaked at 315-345 MB. V8 grows a heap with a smaller limit by a smaller
 * factor, so 384 MB makes it collect at about twice what is alive (with the floor above, at 48 MB
 * first). Limits of 48-128 MB alone made V8 collect after every few MB (REST 69-77 s); a 32 MB
 * young generation added 16 MB (261 MB). A lane that holds something per user (a 1.2 CSV export's
 * roles) gets no limit: it must not run out.
 */
function laneMemory(thread: SourceThread): {
  maxYoungGenerationSizeMb: number;
  maxOldGenerationSizeMb?: number;
} {
  return thread.bounded
    ? { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 384 }
    : { maxYoungGenerationSizeMb: 16 };
}
