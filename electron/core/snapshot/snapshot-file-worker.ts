import { parentPort, workerData } from 'node:worker_threads';
import { SnapshotFile } from './snapshot-file';
import type { RowBatch } from './snapshot-rows';

export type FileWorkerMessage =
  { kind: 'write'; batch: RowBatch } | { kind: 'finish' } | { kind: 'discard' };

export type FileWorkerReply =
  | { kind: 'written' }
  | { kind: 'finished'; duplicates: ReturnType<SnapshotFile['finish']> }
  | { kind: 'discarded' }
  | { kind: 'failed'; error: string };

/** Owns one snapshot file off the main thread: inserts, then indexes, while main reads the source. */
const { dir, snapshotId } = workerData as { dir: string; snapshotId: number };
let file: SnapshotFile | null = null;
const reply = (r: FileWorkerReply) => parentPort?.postMessage(r);
try {
  file = new SnapshotFile(dir, snapshotId);
} catch (error) {
  reply({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
}
parentPort?.on('message', (message: FileWorkerMessage) => {
  if (!file) return;
  try {
    if (message.kind === 'write') {
      file.write(message.batch);
      reply({ kind: 'written' });
    } else if (message.kind === 'finish') {
      reply({ kind: 'finished', duplicates: file.finish() });
    } else {
      file.discard();
      reply({ kind: 'discarded' });
    }
  } catch (error) {
    reply({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
});
