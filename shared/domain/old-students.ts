import { z } from 'zod';
import type { PlatformAccount } from '../platform/platform-wire';

/**
 * Old manual student accounts (seed 004): when a district starts rostering, every student gets a
 * new rostered account while last year's accounts made by hand (a username and passcode, no name,
 * no email) keep the work and a seat. Merging one into the student's rostered account moves the
 * work and frees the seat; one nobody claims is removed in the end, with its work.
 */
export const isOldStudentAccount = (a: PlatformAccount): boolean =>
  a.role === 'student' && a.provenance === 'manual';

/** The worksheet's columns, in order: the two name columns are left empty for teachers to fill. */
export const WORKSHEET_COLUMNS = [
  'real_first_name',
  'real_last_name',
  'old_username',
  'account_number',
  'created_by_teacher',
  'class_label',
  'last_active',
] as const;

export const worksheetImportRequestSchema = z
  .object({
    fileName: z.string().min(1).max(300),
    /** The file's text (CSV, any column order, BOM, comma, semicolon or tab). */
    text: z.string().max(20_000_000),
  })
  .strict();

const lineRef = { line: z.number().int(), oldUsername: z.string(), typedName: z.string() };
export const worksheetImportResultSchema = z.object({
  fileName: z.string(),
  rows: z.number().int(),
  blank: z.number().int(),
  staged: z.array(
    z.object({
      ...lineRef,
      changeId: z.string(),
      student: z.string(),
      studentSourcedId: z.string(),
      confidence: z.number(),
      evidence: z.array(z.string()),
    }),
  ),
  /** Rows someone must decide (several fit, a namesake left, only outside the teacher's classes). */
  ambiguous: z.array(z.object({ ...lineRef, candidates: z.array(z.string()) })),
  unknown: z.array(z.object({ ...lineRef, reason: z.string() })),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  /** Rows whose merge was already staged (the same worksheet, or an earlier one, read before). */
  alreadyStaged: z.number().int().optional(),
  /** Rows now waiting in the review queue (ambiguous and unknown ones, kept until resolved). */
  queued: z.number().int(),
  /** How many of each there are: the lists above hold the first WORKSHEET_LISTED of each. */
  counts: z.object({
    staged: z.number().int(),
    ambiguous: z.number().int(),
    unknown: z.number().int(),
    errors: z.number().int(),
  }),
});
export type WorksheetImportResult = z.infer<typeof worksheetImportResultSchema>;

/** Rows of each kind a worksheet's reply lists (a 100,000-row worksheet replied 9.4 MB). */
export const WORKSHEET_LISTED = 500;

/** The result with the first `listed` rows of each list, and every count. */
export function listedAtMost(
  result: WorksheetImportResult,
  listed = WORKSHEET_LISTED,
): WorksheetImportResult {
  return {
    ...result,
    staged: result.staged.slice(0, listed),
    ambiguous: result.ambiguous.slice(0, listed),
    unknown: result.unknown.slice(0, listed),
    errors: result.errors.slice(0, listed),
  };
}

/** A student a review row could belong to, with what the admin needs to decide. */
export const reviewCandidateSchema = z.object({
  sourcedId: z.string(),
  name: z.string(),
  school: z.string().nullable(),
  grade: z.string().nullable(),
  classes: z.array(z.string()),
  inTeachersClasses: z.boolean(),
  live: z.boolean(),
  /** How the typed name fits (the rule, in words). */
  fit: z.string(),
  /** The student's rostered platform account; null until they have signed in (nothing to merge into). */
  intoAccountId: z.string().nullable(),
});
export type ReviewCandidate = z.infer<typeof reviewCandidateSchema>;

/** A worksheet row a person must decide, stored until it is resolved or dismissed. */
export const reviewRowSchema = z.object({
  id: z.number().int(),
  accountId: z.string(),
  oldUsername: z.string(),
  fileName: z.string(),
  line: z.number().int(),
  typedName: z.string(),
  teacher: z.string().nullable(),
  reason: z.string(),
  candidates: z.array(reviewCandidateSchema),
  createdAt: z.string(),
});
export type ReviewRow = z.infer<typeof reviewRowSchema>;

export const reviewQueueSchema = z.object({
  rows: z.array(reviewRowSchema),
  total: z.number().int(),
});
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;

/** YYYY-MM-DD of the local calendar. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A real calendar day (no 2026-02-30, no 9999-99-99), today or before: "9999-99-99" counted 495
 * accounts and 70,004 work records for removal.
 */
const pastCalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give a date as YYYY-MM-DD')
  .refine(
    (day) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      const date = new Date(y, m - 1, d);
      return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d;
    },
    { message: 'Not a day of the calendar: give a real date as YYYY-MM-DD', abort: true },
  )
  .refine((day) => day <= localDay(new Date()), 'Give a date that is not in the future');

export const cleanupRequestSchema = z
  .object({
    /** Old accounts last active before this day (YYYY-MM-DD) and never merged. */
    before: pastCalendarDate,
    /** Count only (the confirmation's numbers), or stage the removals. */
    stage: z.boolean(),
  })
  .strict();
export const cleanupResultSchema = z.object({
  accounts: z.number().int(),
  seatsFreed: z.number().int(),
  workRecordsLost: z.number().int(),
  staged: z.number().int(),
  /** Accounts that already have a merge or removal staged: left as they are. */
  skipped: z.number().int(),
});
export type CleanupResult = z.infer<typeof cleanupResultSchema>;

export const studentSeatsSchema = z.object({
  pulledAt: z.string().nullable(),
  rosteredStudents: z.number().int(),
  oldUnmerged: z.number().int(),
  merged: z.number().int(),
  stagedMerges: z.number().int(),
  stagedRemovals: z.number().int(),
  /** Seats the open (staged or approved) merges and removals will free once pushed. */
  seatsToFree: z.number().int(),
  workRecordsUnmerged: z.number().int(),
  studentSeatsUsed: z.number().int().nullable(),
  perTeacher: z.array(
    z.object({
      teacher: z.string(),
      email: z.string().nullable(),
      total: z.number().int(),
      merged: z.number().int(),
      staged: z.number().int(),
    }),
  ),
  history: z.array(
    z.object({
      at: z.string(),
      studentSeatsUsed: z.number().int(),
      oldStudentAccounts: z.number().int(),
      merged: z.number().int(),
    }),
  ),
});
export type StudentSeats = z.infer<typeof studentSeatsSchema>;

/** Counts over a pulled account list: rostered students, old ones still holding a seat, merged. */
export function countStudentAccounts(accounts: PlatformAccount[]): {
  rostered: number;
  oldUnmerged: number;
  merged: number;
} {
  let rostered = 0;
  let oldUnmerged = 0;
  let merged = 0;
  for (const a of accounts) {
    if (a.role !== 'student') continue;
    if (a.provenance !== 'manual') rostered++;
    else if (a.mergedInto) merged++;
    else oldUnmerged++;
  }
  return { rostered, oldUnmerged, merged };
}

/**
 * Old manual student accounts grouped by the teacher who made them, in the order first met;
 * `teacher` is null when the platform does not say who. The worksheet, the seats view and the
 * OLD_STUDENT_ACCOUNTS finding all group this way.
 */
export function oldAccountsByCreator(
  accounts: PlatformAccount[],
  options: { unmergedOnly: boolean },
): { teacher: string | null; email: string | null; accounts: PlatformAccount[] }[] {
  const groups = new Map<
    string,
    { teacher: string | null; email: string | null; accounts: PlatformAccount[] }
  >();
  for (const a of accounts) {
    if (!isOldStudentAccount(a) || (options.unmergedOnly && a.mergedInto)) continue;
    const teacher = a.createdBy?.name || null;
    const email = a.createdBy?.email ?? null;
    const key = `${teacher ?? ''}|${email ?? ''}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { teacher, email, accounts: [] }));
    group.accounts.push(a);
  }
  return [...groups.values()];
}
