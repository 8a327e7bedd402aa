import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/ipc/errors';
import type { DiagnosticsResult } from './run-diagnostics';
import type { DiagnosticsJob } from './diagnostics-worker';
import type { SnapshotDiff, SyncPreview } from '../../../shared/domain/diagnostics-views';

export type WorkerResult = Pick<DiagnosticsResult, 'findings' | 'licenseMatch'> & {
  preview: SyncPreview;
  diff: SnapshotDiff;
};

/**
 * Runs one diagnostics job in a worker thread. From source (tsx, vitest) the worker registers tsx
 * and loads the .ts file; in the Electron build it is the bundled diagnostics-worker.js beside main.
 */
export function runInWorker(job: DiagnosticsJob, signal?: AbortSignal): Promise<WorkerResult> {
  const fromSource = import.meta.url.endsWith('.ts');
  const worker = new Worker(
    new URL(
      fromSource ? './diagnostics-worker-from-source.mjs' : './diagnostics-worker.js',
      import.meta.url,
    ),
  );
  return new Promise((resolve, reject) => {
    const stop = () => {
      void worker.terminate();
      reject(new AppError('SHUTTING_DOWN', 'RosterDesk is closing: the diagnostics were stopped.'));
    };
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    worker.once(
      'message',
      (reply: ({ ok: true } & WorkerResult) | { ok: false; error: string }) => {
        void worker.terminate();
        if (reply.ok)
          resolve({
            findings: reply.findings,
            licenseMatch: reply.licenseMatch,
            preview: reply.preview,
            diff: reply.diff,
          });
        else reject(new Error(`diagnostics failed: ${reply.error}`));
      },
    );
    worker.once('error', (error) => {
      void worker.terminate();
      reject(error);
    });
    worker.postMessage(job);
  });
}
