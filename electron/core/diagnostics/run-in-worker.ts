import { Worker } from 'node:worker_threads';
import type { DiagnosticsResult } from './run-diagnostics';
import type { DiagnosticsJob } from './diagnostics-worker';

/**
 * Runs one diagnostics job in a worker thread. From source (tsx, vitest) the worker registers tsx
 * and loads the .ts file; in the Electron build it is the bundled diagnostics-worker.js beside main.
 */
export function runInWorker(
  job: DiagnosticsJob,
): Promise<Pick<DiagnosticsResult, 'findings' | 'licenseMatch'>> {
  const fromSource = import.meta.url.endsWith('.ts');
  const worker = new Worker(
    new URL(
      fromSource ? './diagnostics-worker-from-source.mjs' : './diagnostics-worker.js',
      import.meta.url,
    ),
  );
  return new Promise((resolve, reject) => {
    worker.once(
      'message',
      (
        reply:
          | {
              ok: true;
              findings: DiagnosticsResult['findings'];
              licenseMatch: DiagnosticsResult['licenseMatch'];
            }
          | { ok: false; error: string },
      ) => {
        void worker.terminate();
        if (reply.ok) resolve({ findings: reply.findings, licenseMatch: reply.licenseMatch });
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
