import { Worker } from 'node:worker_threads';
import type { BulkPreview } from '../../../shared/domain/change';
import type { WorksheetImportResult } from '../../../shared/domain/old-students';
import { AppError } from '../../../shared/ipc/errors';
import type { IpcErrorCode } from '../../../shared/ipc/errors';
import type { BulkJob, BulkReply } from './bulk-worker';

const fromSource = import.meta.url.endsWith('.ts');
const workerUrl = new URL(
  fromSource ? './bulk-worker-from-source.mjs' : './bulk-worker.js',
  import.meta.url,
);

/**
 * Bulk adds run in a thread of their own (bulk-worker.ts), one at a time: the main thread keeps
 * answering the window (app.status, searches) while tens of thousands of rows are checked or
 * staged. `staged()` is told after a bulk invitation, so the main thread's counts are read again.
 */
export class BulkStaging {
  private queue: Promise<unknown> = Promise.resolve();
  /** Bulk invitations being staged (queued or running). */
  private staging = 0;

  /** Why other writes to changes must wait, while a bulk invitation is being staged; else null. */
  busy(): string | null {
    return this.staging > 0
      ? 'A bulk add or a worksheet is being staged: try again when it has finished'
      : null;
  }

  constructor(
    private readonly dbFile: string,
    private readonly dataDir: string,
    private readonly staged: () => void,
  ) {}

  preview(text: string, fileName: string): Promise<BulkPreview> {
    return this.run({ action: 'preview', text, fileName }) as Promise<BulkPreview>;
  }

  async invite(text: string, fileName: string): Promise<{ staged: number; preview: BulkPreview }> {
    this.staging++;
    try {
      return (await this.run({ action: 'invite', text, fileName })) as {
        staged: number;
        preview: BulkPreview;
      };
    } finally {
      this.staging--;
      this.staged();
    }
  }

  /** A filled worksheet read back: merges staged, rows queued for review (every row returned). */
  async worksheet(text: string, fileName: string): Promise<WorksheetImportResult> {
    this.staging++;
    try {
      return (await this.run({ action: 'worksheet', text, fileName })) as WorksheetImportResult;
    } finally {
      this.staging--;
      this.staged();
    }
  }

  private run(job: Omit<BulkJob, 'dbFile' | 'dataDir'>): Promise<unknown> {
    const next = this.queue.then(() => this.inWorker(job));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private inWorker(job: Omit<BulkJob, 'dbFile' | 'dataDir'>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(workerUrl, {
        workerData: { ...job, dbFile: this.dbFile, dataDir: this.dataDir } satisfies BulkJob,
      });
      let answered = false;
      worker.once('message', (reply: BulkReply) => {
        answered = true;
        if (reply.ok) resolve(reply.value);
        else
          reject(
            reply.code
              ? new AppError(reply.code as IpcErrorCode, reply.message)
              : new Error(reply.message),
          );
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (!answered) reject(new Error(`the bulk add stopped (thread exit ${code})`));
      });
    });
  }
}
