import { Worker } from 'node:worker_threads';
import type { SyncWarning } from '../../../shared/domain/roster';
import type { Db } from '../db/open-database';
import type { RecordBatch } from '../sources/roster-source';
import type { FileWorkerMessage, FileWorkerReply } from './snapshot-file-worker';
import { snapshotDir } from './snapshot-files';
import { SnapshotWriterBase } from './snapshot-writer';

/** Batches handed to the worker and not yet written: bounds memory by page size, not district size. */
const IN_FLIGHT = 3;

/**
 * The sync's writer: the snapshot file is written and indexed by a worker thread, so the main
 * thread only reads and maps the source (and keeps answering the window) while rows go in. A
 * write waits only when the worker is IN_FLIGHT batches behind.
 */
export class ThreadedSnapshotWriter extends SnapshotWriterBase {
  private readonly worker: Worker;
  private pending = 0;
  private failure: Error | null = null;
  private readonly waiters: (() => void)[] = [];
  private settle: ((reply: FileWorkerReply) => void) | null = null;

  constructor(db: Db, snapshotId: number) {
    super(db, snapshotId);
    const fromSource = import.meta.url.endsWith('.ts');
    this.worker = new Worker(
      new URL(
        fromSource ? './snapshot-file-worker-from-source.mjs' : './snapshot-file-worker.js',
        import.meta.url,
      ),
      {
        workerData: { dir: snapshotDir(db), snapshotId },
        // Its objects are message copies that die young: a small young generation keeps the
        // thread's memory down (at 0.1 scale peak RSS 213 MB with 8 MB, 226 MB with the
        // default; speed within noise).
        resourceLimits: { maxYoungGenerationSizeMb: 8 },
      },
    );
    this.worker.on('message', (reply: FileWorkerReply) => {
      if (reply.kind === 'written') {
        this.pending--;
        this.waiters.shift()?.();
        return;
      }
      if (reply.kind === 'failed') {
        this.failure = new Error(`Writing the snapshot file failed: ${reply.error}`);
        for (const wake of this.waiters.splice(0)) wake();
      }
      this.settle?.(reply);
    });
    this.worker.on('error', (error) => {
      this.failure = error;
      for (const wake of this.waiters.splice(0)) wake();
      this.settle?.({ kind: 'failed', error: error.message });
    });
  }

  async write(batch: RecordBatch, warnings: SyncWarning[], location: string): Promise<void> {
    if (this.failure) throw this.failure;
    const rows = this.rows(batch, warnings, location);
    this.pending++;
    this.worker.postMessage({ kind: 'write', batch: rows } satisfies FileWorkerMessage);
    if (this.pending > IN_FLIGHT) await new Promise<void>((wake) => this.waiters.push(wake));
    if (this.failure) throw this.failure;
  }

  private call(message: FileWorkerMessage): Promise<FileWorkerReply> {
    return new Promise((resolve) => {
      this.settle = resolve;
      this.worker.postMessage(message);
    });
  }

  /** Waits for every row, then indexes; the file is complete and renamed when this resolves. */
  async finish(): Promise<void> {
    if (this.failure) throw this.failure;
    const reply = await this.call({ kind: 'finish' });
    await this.worker.terminate();
    if (reply.kind === 'failed') throw new Error(`Indexing the snapshot failed: ${reply.error}`);
    if (reply.kind === 'finished') this.dropped(reply.duplicates);
  }

  async discard(): Promise<void> {
    if (!this.failure) await this.call({ kind: 'discard' });
    await this.worker.terminate();
  }
}
