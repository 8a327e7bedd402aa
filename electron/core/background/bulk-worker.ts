import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/ipc/errors';
import { ChangeJournal } from '../db/change-journal';
import { openSqlite } from '../db/sqlite-binding';
import { LicenseStore } from '../license/license-store';
import { AuditLog } from '../changes/audit-log';
import { ChangeStore } from '../changes/change-store';
import { ChangeStaging } from '../changes/stage-changes';
import { SnapshotReader } from '../snapshot/snapshot-reader';
import { SnapshotStore } from '../snapshot/snapshot-store';
import { OldStudentService } from '../students/old-student-service';

export interface BulkJob {
  dbFile: string;
  dataDir: string;
  action: 'preview' | 'invite' | 'worksheet';
  text: string;
  fileName: string;
}

export type BulkReply =
  { ok: true; value: unknown } | { ok: false; code: string | null; message: string };

/**
 * A bulk add (its preview, or its staging in one transaction), or a filled worksheet read back, on
 * a connection of its own, off the main thread: 50,000 invitations or 400,000 worksheet rows take
 * seconds to tens of seconds, and the window's other calls are answered meanwhile. A bulk add
 * killed part-way never committed: none is staged.
 */
function run(job: BulkJob): BulkReply {
  const db = openSqlite(job.dbFile, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const license = new LicenseStore(db);
    const changes = new ChangeStore(db, new AuditLog(db), new ChangeJournal(db, job.dataDir));
    const staging = new ChangeStaging(license, changes, () => Promise.resolve([]), {
      keepChangeSecret: () => {
        throw new AppError('INTERNAL', 'A bulk add keeps no secret');
      },
    });
    const value =
      job.action === 'preview'
        ? staging.bulkPreview(job.text, job.fileName)
        : job.action === 'invite'
          ? staging.bulkInvite(job.text, job.fileName)
          : new OldStudentService(
              db,
              license,
              changes.open,
              staging,
              new SnapshotStore(db),
              (snapshotId) => new SnapshotReader(db, snapshotId),
            ).importWorksheet(job.fileName, job.text);
    return { ok: true, value };
  } catch (error) {
    return {
      ok: false,
      code: error instanceof AppError ? error.code : null,
      message: error instanceof Error ? error.message : String(error),
    };
  } finally {
    db.close();
  }
}

parentPort?.postMessage(run(workerData as BulkJob));
