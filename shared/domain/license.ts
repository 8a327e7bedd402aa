import { z } from 'zod';
import { rosteringConnectionSchema } from '../platform/platform-wire';

export const licenseEntrySchema = z.object({
  email: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  status: z.enum(['invited', 'active']),
  invitedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
});
export type LicenseEntry = z.infer<typeof licenseEntrySchema>;

export const rowErrorSchema = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  reason: z.string(),
});
export type RowError = z.infer<typeof rowErrorSchema>;

export const licenseImportSchema = z.object({
  id: z.number().int(),
  source: z.string(),
  importedAt: z.string(),
  entries: z.number().int(),
  errors: z.array(rowErrorSchema),
});
export type LicenseImport = z.infer<typeof licenseImportSchema>;

/** A license entry as the License screen shows it: with the platform's id, version and provenance when pulled. */
export const licenseRowSchema = licenseEntrySchema.extend({
  platformId: z.string().nullable(),
  version: z.number().int().nullable(),
  source: z.enum(['manual', 'clever', 'classlink']).nullable(),
  rosterId: z.string().nullable(),
  accountId: z.string().nullable(),
  /** Kinds of changes staged or approved for this entry, not pushed yet. */
  pending: z.array(z.string()),
});
export type LicenseRow = z.infer<typeof licenseRowSchema>;

export const licenseViewSchema = z.object({
  import: licenseImportSchema.nullable(),
  fromPlatform: z.boolean(),
  seats: z.number().int().nullable(),
  seatsUsed: z.number().int().nullable(),
  /** The license's rostering connections on the platform, with their Application IDs. */
  rostering: z.array(rosteringConnectionSchema),
  total: z.number().int(),
  rows: z.array(licenseRowSchema),
});
export type LicenseView = z.infer<typeof licenseViewSchema>;
