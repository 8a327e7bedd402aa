import {
  countStudentAccounts,
  isOldStudentAccount,
  oldAccountsByCreator,
} from '../../../shared/domain/old-students';
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
    const unmerged = accounts.filter((a) => isOldStudentAccount(a) && !a.mergedInto);
    const workRecordsUnmerged = unmerged.reduce((n, a) => n + a.workRecords, 0);
    const perTeacher = oldAccountsByCreator(accounts, { unmergedOnly: false }).map((g) => ({
      teacher: g.teacher ?? 'Unknown teacher',
      email: g.email,
      total: g.accounts.length,
      merged: g.accounts.filter((a) => a.mergedInto).length,
      staged: g.accounts.filter((a) => !a.mergedInto && openIds.get(a.id) === 'merge').length,
    }));
    const studentIds = new Set(unmerged.map((a) => a.id));
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
      perTeacher: perTeacher.sort(
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
