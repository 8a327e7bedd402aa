import { z } from 'zod';
import { rosterCountsSchema, schoolCountsSchema } from './snapshot';
import { findingCodes, fixSchema, severities, subjectSchema, suggestionSchema } from './finding';
import { syncDigestSchema } from './watch';

/** The documented JSON of a sanity report (README "Reports"): what support tooling can rely on. */
export const sanityReportSchema = z
  .object({
    generatedAt: z.iso.datetime(),
    /**
     * What the last sync changed for the license against the previous current snapshot (arrivals,
     * licensed leavers, emails changed at the source, problems new and resolved); null before a
     * connection's second sync, absent from `rosterdesk check` (it keeps no history).
     */
    changes: syncDigestSchema.nullable().optional(),
    source: z.object({
      kind: z.string(),
      label: z.string(),
      /** The connection's name, as the admin named it (the app's reports; not the CLI's). */
      name: z.string().optional(),
      syncedAt: z.string().nullable(),
      missingResources: z.array(z.string()),
    }),
    summary: rosterCountsSchema.extend({
      licenseEntries: z.number().int(),
      byCode: z.partialRecord(z.enum(findingCodes), z.number().int()),
    }),
    warnings: z.array(
      z
        .object({
          resource: z.string(),
          location: z.string(),
          field: z.string().nullable(),
          reason: z.string(),
        })
        .strict(),
    ),
    perSchool: z.array(schoolCountsSchema),
    findings: z.array(
      z
        .object({
          code: z.enum(findingCodes),
          severity: z.enum(severities),
          subjects: z.array(subjectSchema),
          message: z.string(),
          fix: fixSchema,
          suggestion: suggestionSchema.nullable(),
        })
        .strict(),
    ),
  })
  .strict();
