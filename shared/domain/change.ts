import { z } from 'zod';

/** A change the admin stages, approves and pushes to the platform: one platform operation each. */
export const changeKinds = [
  'invite',
  'remove',
  'change-email',
  'resend',
  'remind',
  'register-application-id',
  'merge',
  'remove-account',
] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const changeStatuses = [
  'staged',
  'approved',
  'applied',
  'rejected',
  'conflict',
  'failed',
  'discarded',
] as const;
export type ChangeStatus = (typeof changeStatuses)[number];

/** What the cache, the audit log and replies say of an Application ID: the value is in the keychain. */
export const APPLICATION_ID_SET = 'set';

export const CHANGE_KIND_LABEL: Record<ChangeKind, string> = {
  invite: 'Invite teacher',
  remove: 'Remove from license',
  'change-email': 'Change email',
  resend: 'Resend invitation',
  remind: 'Remind to sign in',
  'register-application-id': 'Register Application ID',
  merge: 'Merge duplicate account',
  'remove-account': 'Remove old account',
};

export const changeFieldsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type ChangeFields = z.infer<typeof changeFieldsSchema>;

/**
 * What each kind of change sets (its `after`), one shape per kind: staging builds it, the push
 * reads it back through the same schema, so a payload of the wrong shape is a compile error at
 * staging and a clear failure (never an empty value sent) at push.
 */
export const changeAfterSchemas = {
  invite: z.object({
    email: z.string(),
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
  }),
  remove: z.object({ onLicense: z.literal('no') }),
  'change-email': z.object({ email: z.string() }),
  resend: z.object({ invitation: z.literal('sent again') }),
  /** A licensed teacher who has not signed in for long is reminded: the seat is still theirs. */
  remind: z.object({ reminder: z.literal('sent') }),
  'register-application-id': z.object({ applicationId: z.string() }),
  merge: z.object({
    mergedInto: z.string().min(1),
    email: z.string().nullable(),
    provenance: z.string(),
    seatsFreed: z.number(),
  }),
  /** An unclaimed old manual account erased: its seat is freed, its work records are lost. */
  'remove-account': z.object({
    removed: z.literal('yes'),
    seatsFreed: z.number(),
    workRecordsLost: z.number(),
  }),
} satisfies Record<ChangeKind, z.ZodType<ChangeFields>>;
export type ChangeAfter<K extends ChangeKind> = z.infer<(typeof changeAfterSchemas)[K]>;

/** A kind with its own `after`: the discriminated union staging and the push use. */
export type ChangePayload = { [K in ChangeKind]: { kind: K; after: ChangeAfter<K> } }[ChangeKind];

/** Reads a stored change's `after` as its kind's shape; throws naming the kind when it is not. */
export function payloadOf(change: { kind: ChangeKind; after: ChangeFields }): ChangePayload {
  const parsed = changeAfterSchemas[change.kind].safeParse(change.after);
  if (!parsed.success)
    throw new Error(
      `The stored ${change.kind} change does not have the fields a ${change.kind} needs: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return { kind: change.kind, after: parsed.data } as ChangePayload;
}

/**
 * The evidence line a merge or an email change carries when it rests on a rule weaker than an exact
 * match (a nickname, a typo, a pattern, a pick from several): the dashboard and the push
 * confirmation count them.
 */
export const WEAKER_MATCH_PREFIX = 'Rests on a rule weaker than an exact match:';

export const restsOnWeakerRule = (evidence: readonly string[]): boolean =>
  evidence.some((line) => line.startsWith(WEAKER_MATCH_PREFIX));

export const changeSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.enum(changeKinds),
  targetId: z.string().nullable(),
  subject: z.string(),
  before: changeFieldsSchema.nullable(),
  after: changeFieldsSchema,
  baseVersion: z.number().int().nullable(),
  evidence: z.array(z.string()),
  origin: z.string(),
  status: z.enum(changeStatuses),
  attempts: z.number().int(),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  resultCode: z.string().nullable(),
  resultMessage: z.string().nullable(),
  platformRequestId: z.string().nullable(),
  /** The platform's record when the change conflicted: shown beside `before` and `after`. */
  current: changeFieldsSchema.nullable(),
  /** Staged again after the admin took its approval back: "Approve all" leaves it alone. */
  unapproved: z.boolean().optional(),
  /** Said when it was staged: e.g. no seat left for an invitation (it was staged all the same). */
  warning: z.string().nullable().optional(),
});
export type Change = z.infer<typeof changeSchema>;

const email = z.string().trim().min(1, 'Enter an email').max(254);
/** An id of the platform or the roster: long ones are refused, never echoed back whole. */
const id = z.string().min(1).max(200, 'An id of at most 200 characters');
/** Why a change is proposed (last active date, classes in the roster…), shown on the Changes screen. */
const evidence = z.array(z.string().max(500)).max(50).optional();
export const stageRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('invite'),
    email,
    givenName: z.string().trim().max(200).optional(),
    familyName: z.string().trim().max(200).optional(),
  }),
  z.object({ kind: z.literal('remove'), teacherId: id, evidence }),
  z.object({
    kind: z.literal('change-email'),
    teacherId: id,
    email,
    evidence: z.array(z.string().max(500)).max(50).optional(),
    origin: z.string().max(100).optional(),
  }),
  z.object({ kind: z.literal('resend'), teacherId: id, evidence }),
  z.object({ kind: z.literal('remind'), teacherId: id, evidence }),
  z.object({
    kind: z.literal('register-application-id'),
    connectionId: id,
    applicationId: z.string().trim().min(1, 'Enter the Application ID').max(200),
  }),
  z.object({
    kind: z.literal('merge'),
    accountId: id,
    intoAccountId: id,
    /** Why: e.g. the worksheet line and the name match (shown on the Changes screen). */
    evidence: z.array(z.string().max(500)).max(50).optional(),
  }),
  z.object({ kind: z.literal('remove-account'), accountId: id }),
]);
export type StageRequest = z.infer<typeof stageRequestSchema>;

export const changeListSchema = z.object({
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  /** Staged or approved merges and email changes that rest on a rule weaker than an exact match. */
  weakerMatches: z.number().int(),
  rows: z.array(changeSchema),
});
export type ChangeList = z.infer<typeof changeListSchema>;

export const bulkRowSchema = z.object({
  line: z.number().int(),
  email: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  error: z.string().nullable(),
});
export type BulkRow = z.infer<typeof bulkRowSchema>;

/** At most this many rows come back in a preview (problems first); `more` says how many were left. */
export const BULK_PREVIEW_ROWS = 500;

/** Teachers a bulk add takes at once: more than a district's whole staff on one license. */
export const BULK_MAX_LINES = 75_000;
/**
 * A bulk add's pasted list or file: 75,000 teachers (the largest district's staff) and 5,000,000
 * characters at most; it is checked and staged in a thread of its own.
 */
export const bulkText = z
  .string()
  .max(
    5_000_000,
    `The list is over 5,000,000 characters: add at most ${BULK_MAX_LINES.toLocaleString('en-US')} teachers at a time`,
  )
  .refine(
    // One line more for a header row.
    (text) => text.split('\n').filter((line) => line.trim() !== '').length <= BULK_MAX_LINES + 1,
    `The list has more than ${BULK_MAX_LINES.toLocaleString('en-US')} teachers: add at most ${BULK_MAX_LINES.toLocaleString('en-US')} at a time`,
  );

export const bulkPreviewSchema = z.object({
  rows: z.array(bulkRowSchema).max(BULK_PREVIEW_ROWS),
  /** Rows read but not returned (the preview shows the first BULK_PREVIEW_ROWS, problems first). */
  more: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Seats: free on the pulled license, invitations already staged, and what to tell the admin. */
  seats: z.object({
    free: z.number().int().nullable(),
    alreadyStaged: z.number().int(),
    warning: z.string().nullable(),
  }),
});
export type BulkPreview = z.infer<typeof bulkPreviewSchema>;

export const pushProgressSchema = z.object({
  runId: z.number().int(),
  state: z.enum(['running', 'completed', 'cancelled', 'failed']),
  total: z.number().int(),
  applied: z.number().int(),
  rejected: z.number().int(),
  conflicts: z.number().int(),
  failed: z.number().int(),
  /** Approved changes not sent yet (or sent with no answer): kept for the next push. */
  remaining: z.number().int(),
  retries: z.number().int(),
  resumed: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** Push was pressed again while this run was under way: a follow-up run starts when it ends. */
  queued: z.boolean().optional(),
});
export type PushProgress = z.infer<typeof pushProgressSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  changeId: z.string().nullable(),
  action: z.string(),
  summary: z.string(),
  result: z.string().nullable(),
  platformRequestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Finding kinds whose fix RosterDesk can stage and push. */
export const stageableCodes = [
  'EMAIL_MISMATCH',
  'NOT_ON_LICENSE',
  'INVITE_PENDING',
  'DUPLICATE_ACCOUNT',
] as const;
export type StageableCode = (typeof stageableCodes)[number];

export const stagedFromFindingsSchema = z.object({
  staged: z.number().int(),
  skipped: z.array(z.object({ subject: z.string(), reason: z.string() })),
  /** A warning said while staging (seats running out), if any. */
  warning: z.string().nullable(),
});
export type StagedFromFindings = z.infer<typeof stagedFromFindingsSchema>;

export const pushPreviewSchema = z.object({
  total: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  /** The first few changes' subjects (emails), as the confirmation lists them. */
  examples: z.array(z.string()),
  /** Of these, merges and email changes that rest on a rule weaker than an exact match. */
  weakerMatches: z.number().int(),
  /** Seats on the license as last pulled, and after these changes; null when unknown. */
  seats: z
    .object({ total: z.number().int(), usedBefore: z.number().int(), usedAfter: z.number().int() })
    .nullable(),
  /** Student seats the platform counts, before and after (merges and removals of old student accounts free theirs). */
  studentSeats: z
    .object({ usedBefore: z.number().int(), usedAfter: z.number().int() })
    .nullable()
    .optional(),
});
export type PushPreview = z.infer<typeof pushPreviewSchema>;
