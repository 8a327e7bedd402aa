import { z } from 'zod';

export const findingCodes = [
  'EMAIL_MISMATCH',
  'NOT_ON_LICENSE',
  'INVITE_PENDING',
  'NOT_IN_ROSTER',
  'TEACHER_NO_CLASSES',
  'CLASS_NO_TEACHER',
  'CLASS_NO_STUDENTS',
  'STUDENT_NO_ENROLLMENT',
  'DUPLICATE_EMAIL',
  'MISSING_EMAIL',
  'INVALID_EMAIL',
  'EMAIL_CASE_OR_SPACE',
  'LOW_STUDENT_SHARE',
  'MISSING_APPLICATION_ID',
  'DUPLICATE_ACCOUNT',
  'OLD_STUDENT_ACCOUNTS',
  'ORG_MISSING',
  'ROLE_MISMATCH',
] as const;
export type FindingCode = (typeof findingCodes)[number];

export const severities = ['error', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

export const subjectSchema = z.object({
  kind: z.enum(['user', 'class', 'org', 'license', 'connection', 'account']),
  id: z.string(),
  email: z.string().optional(),
});
export type Subject = z.infer<typeof subjectSchema>;

export const fixSchema = z.object({
  where: z.enum(['rosterdesk', 'rostering-service', 'sis', 'platform']),
  action: z.string(),
});

export const suggestionSchema = z.object({
  rosterEmail: z.string(),
  licenseEmail: z.string(),
  confidence: z.number().min(0).max(1),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

/** A pushable merge of a manual platform account into the rostered one of the same person. */
export const mergeProposalSchema = z.object({
  accountId: z.string(),
  intoAccountId: z.string(),
  seatsFreed: z.number().int().min(0),
});
export type MergeProposal = z.infer<typeof mergeProposalSchema>;

export const findingSchema = z.object({
  code: z.enum(findingCodes),
  severity: z.enum(severities),
  subjects: z.array(subjectSchema),
  message: z.string(),
  evidence: z.array(z.string()),
  fix: fixSchema,
  suggestion: suggestionSchema.nullable(),
  merge: mergeProposalSchema.nullable().optional(),
  /** Seats the finding's subjects hold (OLD_STUDENT_ACCOUNTS: the unmerged old accounts). */
  seats: z.number().int().min(0).optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const SEVERITY_OF: Record<FindingCode, Severity> = {
  EMAIL_MISMATCH: 'error',
  NOT_ON_LICENSE: 'warning',
  INVITE_PENDING: 'warning',
  NOT_IN_ROSTER: 'warning',
  TEACHER_NO_CLASSES: 'warning',
  CLASS_NO_TEACHER: 'warning',
  CLASS_NO_STUDENTS: 'info',
  STUDENT_NO_ENROLLMENT: 'info',
  DUPLICATE_EMAIL: 'error',
  MISSING_EMAIL: 'error',
  INVALID_EMAIL: 'error',
  EMAIL_CASE_OR_SPACE: 'warning',
  LOW_STUDENT_SHARE: 'error',
  MISSING_APPLICATION_ID: 'error',
  DUPLICATE_ACCOUNT: 'warning',
  OLD_STUDENT_ACCOUNTS: 'warning',
  ORG_MISSING: 'warning',
  ROLE_MISMATCH: 'error',
};
