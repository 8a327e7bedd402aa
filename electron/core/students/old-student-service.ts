import { countStudentAccounts, isOldStudentAccount } from '../../../shared/domain/old-students';
import type {
  CleanupResult,
  StudentSeats,
  WorksheetImportResult,
} from '../../../shared/domain/old-students';
import { AppError } from '../../../shared/ipc/errors';
import type { ChangeStore } from '../changes/change-store';
import type { ChangeStaging } from '../changes/stage-changes';
import type { Db } from '../db/open-database';
import type { LicenseStore } from '../license/license-store';
import { seatHistory } from '../license/seat-history';
import type { SnapshotReader } from '../snapshot/snapshot-reader';
import type { SnapshotStore } from '../snapshot/snapshot-store';
import { importWorksheet } from './worksheet-import';

const WORKSHEET_ORIGIN = 'OLD_STUDENT_WORKSHEET';
const CLEANUP_ORIGIN = 'OLD_STUDENT_CLEANUP';

/**
 * Students' old accounts after rostering (seed 004): the seats view, the filled worksheet read
 * back into staged merges, and the clean-up of unclaimed accounts staged for review (never
 * automatic). Every platform call goes through the Changes screen and the push.
 */
export class OldStudentService {
  constructor(
    private readonly db: Db,
    private readonly license: Pick<LicenseStore, 'accounts' | 'importInfo'>,
    private readonly changes: Pick<ChangeStore, 'openAccountChanges'>,
    private readonly staging: Pick<ChangeStaging, 'stage'>,
    private readonly snapshots: Pick<SnapshotStore, 'latestCurrent'>,
    private readonly readSnapshot: (snapshotId: number) => SnapshotReader,
  ) {}

  seats(): StudentSeats {
    const accounts = this.license.accounts();
    const counts = countStudentAccounts(accounts);
    const open = this.changes.openAccountChanges();
    const openIds = new Map(open.map((c) => [c.accountId, c.kind]));
    const old = accounts.filter(isOldStudentAccount);
    const perTeacher = new Map<string, StudentSeats['perTeacher'][number]>();
    let workRecordsUnmerged = 0;
    for (const a of old) {
      const name = a.createdBy?.name || 'Unknown teacher';
      const key = `${name}|${a.createdBy?.email ?? ''}`;
      let row = perTeacher.get(key);
      if (!row)
        perTeacher.set(
          key,
          (row = {
            teacher: name,
            email: a.createdBy?.email ?? null,
            total: 0,
            merged: 0,
            staged: 0,
          }),
        );
      row.total++;
      if (a.mergedInto) row.merged++;
      else {
        workRecordsUnmerged += a.workRecords;
        if (openIds.get(a.id) === 'merge') row.staged++;
      }
    }
    const studentIds = new Set(old.filter((a) => !a.mergedInto).map((a) => a.id));
    const stagedMerges = open.filter(
      (c) => c.kind === 'merge' && studentIds.has(c.accountId),
    ).length;
    const stagedRemovals = open.filter(
      (c) => c.kind === 'remove-account' && studentIds.has(c.accountId),
    ).length;
    const info = this.license.importInfo();
    return {
      pulledAt: info?.importedAt ?? null,
      rosteredStudents: counts.rostered,
      oldUnmerged: counts.oldUnmerged,
      merged: counts.merged,
      stagedMerges,
      stagedRemovals,
      seatsToFree: stagedMerges + stagedRemovals,
      workRecordsUnmerged,
      studentSeatsUsed: info?.studentSeatsUsed ?? null,
      // The teachers with the most old accounts first: where the seats are.
      perTeacher: [...perTeacher.values()].sort(
        (a, b) => b.total - a.total || a.teacher.localeCompare(b.teacher),
      ),
      history: seatHistory(this.db),
    };
  }

  importWorksheet(fileName: string, text: string): WorksheetImportResult {
    const snapshot = this.snapshots.latestCurrent();
    if (!snapshot)
      throw new AppError(
        'NOT_FOUND',
        'No roster snapshot yet: sync the roster before reading a worksheet (names are matched to rostered students)',
      );
    const accounts = this.license.accounts();
    if (!accounts.some(isOldStudentAccount))
      throw new AppError(
        'NOT_FOUND',
        'The license as last pulled has no old student accounts: refresh the license from the platform first',
      );
    return importWorksheet(fileName, text, {
      accounts,
      reader: this.readSnapshot(snapshot.id),
      stage: (request) => this.staging.stage(request, WORKSHEET_ORIGIN),
    });
  }

  /** Old accounts never merged and last active before `before`: counted, or staged for removal. */
  cleanup(before: string, stage: boolean): CleanupResult {
    const open = new Set(this.changes.openAccountChanges().map((c) => c.accountId));
    const unclaimed = this.license
      .accounts()
      .filter(
        (a) =>
          isOldStudentAccount(a) &&
          !a.mergedInto &&
          (a.lastActiveAt === null || a.lastActiveAt.slice(0, 10) < before),
      );
    const todo = unclaimed.filter((a) => !open.has(a.id));
    const result: CleanupResult = {
      accounts: todo.length,
      seatsFreed: todo.length,
      workRecordsLost: todo.reduce((n, a) => n + a.workRecords, 0),
      staged: 0,
      skipped: unclaimed.length - todo.length,
    };
    if (stage)
      for (const a of todo) {
        this.staging.stage({ kind: 'remove-account', accountId: a.id }, CLEANUP_ORIGIN);
        result.staged++;
      }
    return result;
  }
}
