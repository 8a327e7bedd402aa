import {
  countStudentAccounts,
  isOldStudentAccount,
  oldAccountsByCreator,
} from '../../../shared/domain/old-students';
import type {
  CleanupResult,
  ReviewQueue,
  StudentSeats,
  WorksheetImportResult,
} from '../../../shared/domain/old-students';
import { WEAKER_MATCH_PREFIX } from '../../../shared/domain/change';
import { AppError } from '../../../shared/ipc/errors';
import type { OpenChanges } from '../changes/open-changes';
import type { ChangeStaging } from '../changes/stage-changes';
import type { Db } from '../db/open-database';
import type { LicenseStore } from '../license/license-store';
import { seatHistory } from '../license/seat-history';
import type { SnapshotReader } from '../snapshot/snapshot-reader';
import type { SnapshotStore } from '../snapshot/snapshot-store';
import { ReviewQueueStore } from './review-queue';
import { importWorksheet } from './worksheet-import';

const WORKSHEET_ORIGIN = 'OLD_STUDENT_WORKSHEET';
const CLEANUP_ORIGIN = 'OLD_STUDENT_CLEANUP';

/**
 * Students' old accounts after rostering (seed 004): the seats view, the filled worksheet read
 * back into staged merges, and the clean-up of unclaimed accounts staged for review (never
 * automatic). Every platform call goes through the Changes screen and the push.
 */
export class OldStudentService {
  private readonly queue: ReviewQueueStore;

  constructor(
    private readonly db: Db,
    private readonly license: Pick<LicenseStore, 'accounts' | 'importInfo'>,
    private readonly changes: Pick<OpenChanges, 'openAccountChanges'>,
    private readonly staging: Pick<ChangeStaging, 'stage'>,
    private readonly snapshots: Pick<SnapshotStore, 'latestCurrent'>,
    private readonly readSnapshot: (snapshotId: number) => SnapshotReader,
  ) {
    this.queue = new ReviewQueueStore(db);
  }

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
      queue: this.queue,
    });
  }

  /** The worksheet rows waiting for a person's choice. */
  reviewQueue(): ReviewQueue {
    return this.queue.list();
  }

  /** Stages the merge of a review row's old account into the candidate the admin picked. */
  pickCandidate(id: number, sourcedId: string): { changeId: string } {
    const row = this.queue.get(id);
    const candidate = row.candidates.find((c) => c.sourcedId === sourcedId);
    if (!candidate)
      throw new AppError('NOT_FOUND', `${sourcedId} is not a candidate of review row ${id}`);
    const accounts = this.license.accounts();
    const old = accounts.find((a) => a.id === row.accountId);
    if (!old || !isOldStudentAccount(old) || old.mergedInto)
      throw new AppError(
        'VALIDATION',
        `The old account ${row.oldUsername} is no longer an unmerged old student account on the license as last pulled`,
      );
    const into = accounts.find(
      (a) =>
        a.role === 'student' &&
        a.provenance !== 'manual' &&
        a.rosterId === sourcedId &&
        !a.mergedInto,
    );
    if (!into)
      throw new AppError(
        'VALIDATION',
        `${candidate.name} (${sourcedId}) has no rostered platform account yet (they have not signed in): pick again after the next license refresh`,
      );
    const change = this.staging.stage(
      {
        kind: 'merge',
        accountId: row.accountId,
        intoAccountId: into.id,
        evidence: [
          `Worksheet ${row.fileName} line ${row.line}: "${row.typedName}" typed for old username ${row.oldUsername}`,
          `Picked by the admin from the review queue (${row.reason})`,
          `Roster student ${candidate.name} (${sourcedId}): ${candidate.fit}`,
          candidate.inTeachersClasses
            ? 'In the classes of the teacher who made the old account'
            : 'Not in the classes of the teacher who made the old account',
          `${WEAKER_MATCH_PREFIX} picked by the admin from several candidates`,
        ],
      },
      WORKSHEET_ORIGIN,
    );
    this.queue.resolveAccounts([row.accountId], change.id);
    return { changeId: change.id };
  }

  /** Leaves a review row: the old account stays as it is. */
  dismissReview(id: number): { dismissed: true } {
    this.queue.dismiss(id);
    return { dismissed: true };
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
