import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { LicenseEntry } from '../../../shared/domain/license';
import type { ConnectionFacts } from './diagnostics-context';
import { SnapshotStore } from '../snapshot/snapshot-store';
import { snapshotDiff } from '../snapshot/snapshot-diff';
import { runDiagnostics } from './run-diagnostics';
import { syncPreview } from './sync-preview';

export interface DiagnosticsJob {
  dbFile: string;
  snapshotId: number;
  license: LicenseEntry[] | null;
  connections: ConnectionFacts[];
}

/** Runs the engine off the main thread on its own read-only connection, so IPC never waits on it. */
parentPort?.on('message', (job: DiagnosticsJob) => {
  const db = new Database(job.dbFile, { readonly: true, fileMustExist: true });
  try {
    const result = runDiagnostics(db, job.snapshotId, job.license, job.connections);
    parentPort?.postMessage({
      ok: true,
      findings: result.findings,
      licenseMatch: result.licenseMatch,
      preview: syncPreview(db, job.snapshotId, result.licenseMatch),
      diff: snapshotDiff(db, new SnapshotStore(db), job.snapshotId),
    });
  } catch (error) {
    parentPort?.postMessage({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    });
  } finally {
    db.close();
  }
});
