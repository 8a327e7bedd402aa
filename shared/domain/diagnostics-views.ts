import { z } from 'zod';
import { stageableCodes } from './change';
import { findingCodes, findingSchema, severities } from './finding';
import { licenseEntrySchema, licenseImportSchema } from './license';

export const findingsSummarySchema = z.object({
  snapshotId: z.number().int().nullable(),
  license: licenseImportSchema.nullable(),
  total: z.number().int(),
  bySeverity: z.object({
    error: z.number().int(),
    warning: z.number().int(),
    info: z.number().int(),
  }),
  byCode: z.array(
    z.object({ code: z.enum(findingCodes), severity: z.enum(severities), count: z.number().int() }),
  ),
});
export type FindingsSummary = z.infer<typeof findingsSummarySchema>;

export const findingsQuerySchema = z
  .object({
    code: z.enum(findingCodes).optional(),
    severity: z.enum(severities).optional(),
    subjectId: z.string().max(500).optional(),
    /** Only what Start here files under `code` (each person once), with `also` on each row. */
    problem: z.boolean().optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();

/**
 * A fix for one person, as the user report and the troubleshooter offer it: a change RosterDesk
 * stages (`code`), or a message for IT (`text`). `disabled` says why it cannot be pressed now
 * (already staged, resent lately, another problem of theirs comes first).
 */
export const personActionSchema = z.object({
  code: z.enum(stageableCodes).optional(),
  label: z.string(),
  text: z.string().optional(),
  disabled: z.string().nullable().optional(),
});
export type PersonAction = z.infer<typeof personActionSchema>;

export const userDetailSchema = z.object({
  sourcedId: z.string(),
  role: z.string(),
  status: z.string(),
  enabled: z.boolean(),
  givenName: z.string(),
  familyName: z.string(),
  middleName: z.string().nullable(),
  email: z.string().nullable(),
  username: z.string().nullable(),
  identifier: z.string().nullable(),
  userIds: z.array(z.object({ type: z.string(), identifier: z.string() })),
  grades: z.array(z.string()),
  orgs: z.array(z.object({ sourcedId: z.string(), name: z.string().nullable() })),
  /** OneRoster 1.2: every role sent, primary first (empty when the source sends one role). */
  roles: z.array(
    z.object({
      role: z.string(),
      sourceRole: z.string(),
      roleType: z.enum(['primary', 'secondary']),
      org: z.object({ sourcedId: z.string(), name: z.string().nullable() }).nullable(),
      beginDate: z.string().nullable(),
      endDate: z.string().nullable(),
    }),
  ),
  classes: z.array(
    z.object({
      sourcedId: z.string(),
      title: z.string(),
      role: z.string(),
      students: z.number().int(),
      status: z.string(),
    }),
  ),
  sourceKind: z.string(),
  license: licenseEntrySchema
    .extend({
      how: z.enum(['exact', 'case-or-space', 'suggested', 'invalid-roster-email']),
      confidence: z.number(),
      /** When the invitation was last resent from RosterDesk (applied by the platform). */
      resentAt: z.string().nullable().optional(),
    })
    .nullable(),
  /** Every finding that names them: by their roster id, their roster email or their license email. */
  findings: z.array(findingSchema),
  /** The problem Start here lists them under (the one to fix first); null when none. */
  firstProblem: z.enum(findingCodes).nullable().optional(),
  /** The fixes RosterDesk can stage for them, each with why it cannot be pressed now. */
  actions: z.array(personActionSchema).optional(),
});
export type UserDetail = z.infer<typeof userDetailSchema>;

export const troubleshootStepSchema = z.object({
  title: z.string(),
  status: z.enum(['ok', 'problem', 'unknown']),
  detail: z.string(),
  fix: z.string().nullable(),
  /** What is wrong, in words, when the check fails: the verdict quotes it. */
  problem: z.string().nullable().optional(),
  /** The fix for the troubleshooter's button (shown only with a problem). */
  action: personActionSchema.nullable().optional(),
});

export const troubleshootSchema = z.object({
  teacher: z.string(),
  steps: z.array(troubleshootStepSchema),
  importableClasses: z.array(
    z.object({ sourcedId: z.string(), title: z.string(), students: z.number().int() }),
  ),
  verdict: z.string(),
  /** The verdict's own button: the first problem's fix, when it can be pressed now. */
  verdictAction: personActionSchema.nullable().optional(),
});
export type Troubleshoot = z.infer<typeof troubleshootSchema>;

export const exportKinds = [
  'csv',
  'json',
  'pdf',
  'support-bundle',
  'student-logins',
  'student-worksheet-pdf',
  'audit-log',
  'schools-csv',
] as const;
export const exportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
});

const previewCounts = z.object({
  teachersImporting: z.number().int(),
  teachersDuplicateAccount: z.number().int(),
  teachersNotProvisioned: z.number().int(),
  studentAccounts: z.number().int(),
});
export const syncPreviewSchema = z.object({
  total: previewCounts,
  perSchool: z.array(previewCounts.extend({ sourcedId: z.string(), name: z.string() })),
  seatsAvailable: z.number().int().nullable(),
});
export type SyncPreview = z.infer<typeof syncPreviewSchema>;

export const snapshotDiffSchema = z.object({
  previous: z.object({ id: z.number().int(), finishedAt: z.string().nullable() }).nullable(),
  usersAdded: z.number().int(),
  usersRemoved: z.number().int(),
  emailsChanged: z.number().int(),
  classesAdded: z.number().int(),
  classesRemoved: z.number().int(),
  examples: z.array(
    z.object({
      kind: z.enum(['user added', 'user removed', 'email changed', 'class added', 'class removed']),
      id: z.string(),
      detail: z.string(),
    }),
  ),
});
export type SnapshotDiff = z.infer<typeof snapshotDiffSchema>;
