import { z } from 'zod';
import { stageRequestSchema } from '../domain/change';
import { exportFileSchema } from '../domain/diagnostics-views';
import {
  reclaimListSchema,
  rehearsalSchema,
  stageManyResultSchema,
  yearSourceSchema,
} from '../domain/new-year';

/** The new school year's channels: the rehearsal, its export, the picks staged, unused seats. */
export const newYearChannels = {
  /** Snapshots that can stand for next year (held syncs, other connections' current ones). */
  'year.sources': {
    request: z.object({}).strict(),
    reply: z.array(yearSourceSchema),
  },
  /** Next year's roster beside today's and the license (the first source by default). */
  'year.rehearse': {
    request: z.object({ snapshotId: z.number().int().positive().optional() }).strict(),
    reply: rehearsalSchema,
  },
  /** The rehearsal as a CSV or PDF for the district's meeting. */
  'year.export': {
    request: z
      .object({
        snapshotId: z.number().int().positive().optional(),
        format: z.enum(['csv', 'pdf']),
      })
      .strict(),
    reply: exportFileSchema,
  },
  /** Stages what the admin picked (each checked alone; one refusal does not stop the rest). */
  'year.stage': {
    request: z
      .object({
        requests: z.array(stageRequestSchema).min(1).max(20_000),
        origin: z.enum(['NEW_YEAR', 'RECLAIM']),
      })
      .strict(),
    reply: stageManyResultSchema,
  },
  /** The demo district's next school year, written as an export, added and synced. */
  'demo.nextYear': {
    request: z.object({}).strict(),
    reply: z.object({ jobId: z.string(), connectionId: z.string() }),
  },
  /** Licensed teachers and invitations with no activity for the admin's idle days. */
  'year.reclaim': {
    request: z.object({}).strict(),
    reply: reclaimListSchema,
  },
} as const;
