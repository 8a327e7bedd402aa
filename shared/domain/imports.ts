import { z } from 'zod';

/** One OneRoster export uploaded into the data folder's imports/ (Settings lists them). */
export const importedExportSchema = z.object({
  name: z.string(),
  bytes: z.number().int(),
  savedAt: z.string(),
  /** The connections that read it (none: it is deleted a day after its upload). */
  connections: z.array(z.string()),
});
export type ImportedExport = z.infer<typeof importedExportSchema>;

export const importedExportsSchema = z.object({
  /** Delete each upload as soon as its sync has succeeded (its connection then needs a new one). */
  deleteAfterSync: z.boolean(),
  files: z.array(importedExportSchema),
});
export type ImportedExports = z.infer<typeof importedExportsSchema>;
