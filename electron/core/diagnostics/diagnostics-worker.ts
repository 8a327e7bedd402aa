import { parentPort } from 'node:worker_threads';
import type { LicenseEntry } from '../../../shared/domain/license';
import type { ConnectionFacts } from './diagnostics-context';
import { SnapshotStore } from '../snapshot/snapshot-store';
import { snapshotDiff } from '../snapshot/snapshot-diff';
import { RULE_PARTS, runDiagnostics } from './run-diagnostics';
import type { RulePart } from './run-diagnostics';
import { syncPreview } from './sync-preview';
import { openSqlite } from '../db/sqlite-binding';

export interface DiagnosticsJob {
  dbFile: string;
  snapshotId: number;
  license: LicenseEntry[] | null;
  connections: ConnectionFacts[];
  /** Which half of the rules; the people half then gives the sync preview, the other the diff. */
  part: RulePart;
}

/** Runs half the engine off the main thread on its own read-only connection, so IPC never waits on it. */
parentPort?.on('message', (job: DiagnosticsJob) => {
  const db = openSqlite(job.dbFile, { readonly: true, fileMustExist: true });
  try {
    const result = runDiagnostics(
      db,
      job.snapshotId,
      job.license,
      job.connections,
      RULE_PARTS[job.part],
    );
    if (job.part === 'people') {
      // The findings first, alone: the license match (65,000 matches at district scale, 35 MB
      // to copy and 0.5 s to read back on the main thread) follows in a second message, and the
      // sync preview (a pass over every student enrollment of the importing teachers' classes)
      // in a third, so the findings wait on neither.
      parentPort?.postMessage({ ok: true, byRule: result.byRule });
      parentPort?.postMessage({
        ok: true,
        byRule: [],
        licenseMatches: result.licenseMatch?.matches ?? null,
      });
      parentPort?.postMessage({
        ok: true,
        byRule: [],
        preview: syncPreview(db, job.snapshotId, result.licenseMatch),
      });
    } else {
      // The findings first; what changed since the previous sync (scans of both snapshots,
      // seconds at district scale) follows in a second message.
      parentPort?.postMessage({ ok: true, byRule: result.byRule });
      parentPort?.postMessage({
        ok: true,
        byRule: [],
        diff: snapshotDiff(db, new SnapshotStore(db), job.snapshotId),
      });
    }
  } catch (error) {
    parentPort?.postMessage({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    });
  } finally {
    db.close();
  }
});

// Loaded: a spare thread started ahead of a run (prewarmDiagnostics) is ready for its job.
parentPort?.postMessage({ kind: 'ready' });
