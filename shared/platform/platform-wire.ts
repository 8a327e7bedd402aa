import { z } from 'zod';
import { emailInputProblem } from './email-input';

/**
 * The platform license API's records as zod schemas: what RosterDesk's client accepts from the
 * wire. They mirror `platform-api.openapi.yaml`; tests check both sides against that document.
 */
export const provenances = ['manual', 'clever', 'classlink'] as const;
export type Provenance = (typeof provenances)[number];

/** Who owns a record's names and email, as the admin reads it ("edit this at ClassLink"). */
export const PROVENANCE_LABEL: Record<Provenance, string> = {
  manual: 'the platform',
  clever: 'Clever',
  classlink: 'ClassLink',
};

export const platformTeacherSchema = z.object({
  id: z.string(),
  email: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  status: z.enum(['invited', 'active']),
  invitedAt: z.string(),
  acceptedAt: z.string().nullable(),
  source: z.enum(provenances),
  rosterId: z.string().nullable(),
  accountId: z.string().nullable(),
  version: z.number().int().min(1),
});
export type PlatformTeacher = z.infer<typeof platformTeacherSchema>;

export const platformAccountSchema = z.object({
  id: z.string(),
  role: z.enum(['teacher', 'student']),
  email: z.string().nullable(),
  /** Null for a student account made by hand: the platform collected no name. */
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  provenance: z.enum(provenances),
  rosterId: z.string().nullable(),
  schoolName: z.string().nullable(),
  username: z.string().nullable(),
  mergedInto: z.string().nullable(),
  version: z.number().int().min(1),
  createdAt: z.string(),
  /** What a student types with the old username and passcode to get their records back. */
  accountNumber: z.string().nullable(),
  /** The teacher who made a manual student account. */
  createdBy: z.object({ name: z.string(), email: z.string().nullable() }).nullable(),
  classLabel: z.string().nullable(),
  lastActiveAt: z.string().nullable(),
  /** Work the account holds (lessons, tracks): lost if it is removed instead of merged. */
  workRecords: z.number().int().min(0),
});
export type PlatformAccount = z.infer<typeof platformAccountSchema>;

export const rosteringConnectionSchema = z.object({
  id: z.string(),
  provider: z.enum(['clever', 'classlink']),
  name: z.string(),
  applicationId: z.string().nullable(),
});
export type RosteringConnection = z.infer<typeof rosteringConnectionSchema>;

export const platformLicenseSchema = z.object({
  id: z.string(),
  name: z.string(),
  seats: z.number().int().min(0),
  seatsUsed: z.number().int().min(0),
  /** Student accounts holding a seat (rostered, and old manual ones not yet merged or removed). */
  studentSeatsUsed: z.number().int().min(0),
  connections: z.array(rosteringConnectionSchema),
});
export type PlatformLicense = z.infer<typeof platformLicenseSchema>;

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const platformErrorCodes = [
  'bad_request',
  'unauthorized',
  'not_found',
  'invalid_email',
  'invalid_field',
  'already_licensed',
  'email_in_use',
  'rostered_field',
  'already_active',
  'not_active',
  'no_seats',
  'already_merged',
  'not_mergeable',
  'not_removable',
  'idempotency_key_reused',
  'version_mismatch',
  'precondition_required',
  'rate_limited',
  'server_error',
] as const;
export type PlatformErrorCode = (typeof platformErrorCodes)[number];

export const platformErrorSchema = z.object({
  error: z.object({
    code: z.enum(platformErrorCodes),
    message: z.string(),
    requestId: z.string(),
    field: z.string().optional(),
    current: z.union([platformTeacherSchema, platformAccountSchema]).optional(),
  }),
});
export type PlatformError = z.infer<typeof platformErrorSchema>;

export const resendResultSchema = z.object({ teacher: platformTeacherSchema, sentAt: z.string() });
export const mergeResultSchema = z.object({
  merged: platformAccountSchema,
  into: platformAccountSchema,
  seatsFreed: z.number().int().min(0),
});

export const removeAccountResultSchema = z.object({
  removed: platformAccountSchema,
  seatsFreed: z.number().int().min(0),
  workRecordsLost: z.number().int().min(0),
});

export const etagOf = (version: number) => `"v${version}"`;
export const versionOfEtag = (etag: string | undefined): number | null => {
  const match = /^"v(\d+)"$/.exec(etag ?? '');
  return match?.[1] ? Number(match[1]) : null;
};

/** An email the platform accepts: one @, a dotted domain, no spaces, no hidden characters. */
export const isPlausibleEmail = (email: string) => emailInputProblem(email) === null;

/**
 * An account as a SQLite row, in the columns both the platform stand-in and RosterDesk's cache of
 * pulled accounts store it under; `accountFromColumns` reads it back into the wire shape.
 */
export interface AccountColumns {
  id: string;
  role: 'teacher' | 'student';
  email: string | null;
  given_name: string | null;
  family_name: string | null;
  provenance: Provenance;
  roster_id: string | null;
  school_name: string | null;
  username: string | null;
  merged_into: string | null;
  version: number;
  created_at: string;
  account_number: string | null;
  created_by_name: string | null;
  created_by_email: string | null;
  class_label: string | null;
  last_active_at: string | null;
  work_records: number;
}

export const accountFromColumns = (a: AccountColumns): PlatformAccount => ({
  id: a.id,
  role: a.role,
  email: a.email,
  givenName: a.given_name,
  familyName: a.family_name,
  provenance: a.provenance,
  rosterId: a.roster_id,
  schoolName: a.school_name,
  username: a.username,
  mergedInto: a.merged_into,
  version: a.version,
  createdAt: a.created_at,
  accountNumber: a.account_number,
  createdBy:
    a.created_by_name || a.created_by_email
      ? { name: a.created_by_name ?? '', email: a.created_by_email }
      : null,
  classLabel: a.class_label,
  lastActiveAt: a.last_active_at,
  workRecords: a.work_records,
});
