import { z } from 'zod';

export const keychainStatusSchema = z.object({
  available: z.boolean(),
  /** Plain-language reason when unavailable. */
  reason: z.string().nullable(),
  backend: z.string(),
});
export type KeychainStatus = z.infer<typeof keychainStatusSchema>;

export const startupNoticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type StartupNotice = z.infer<typeof startupNoticeSchema>;

export const appStatusSchema = z.object({
  version: z.string(),
  transport: z.enum(['electron', 'browser-host']),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  keychain: keychainStatusSchema,
  notices: z.array(startupNoticeSchema),
});
export type AppStatus = z.infer<typeof appStatusSchema>;
