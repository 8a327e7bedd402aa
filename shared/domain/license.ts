import { z } from 'zod';

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
