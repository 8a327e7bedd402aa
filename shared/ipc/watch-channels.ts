import { z } from 'zod';
import { connectionIdSchema } from '../domain/connection';
import {
  heldSyncSchema,
  historyPointSchema,
  scheduleViewSchema,
  syncDigestSchema,
  syncScheduleSchema,
} from '../domain/watch';

/** Watch's channels: schedules and thresholds, held syncs, the history, what changed. */
export const watchChannels = {
  /** Each roster connection's schedule, hold thresholds and next run. */
  'watch.schedules': {
    request: z.object({}).strict(),
    reply: z.array(scheduleViewSchema),
  },
  'watch.setSchedule': {
    request: z.object({ connectionId: connectionIdSchema, schedule: syncScheduleSchema }).strict(),
    reply: z.array(scheduleViewSchema),
  },
  /** Syncs held for review: what would disappear and change, per school and resource. */
  'watch.held': {
    request: z.object({}).strict(),
    reply: z.array(heldSyncSchema),
  },
  'watch.accept': {
    request: z.object({ snapshotId: z.number().int().positive() }).strict(),
    reply: z.object({ accepted: z.literal(true) }),
  },
  'watch.reject': {
    request: z.object({ snapshotId: z.number().int().positive() }).strict(),
    reply: z.object({ rejected: z.literal(true) }),
  },
  /** Every sync's counts and outcome, oldest first: the trend. */
  'watch.history': {
    request: z.object({ connectionId: connectionIdSchema.optional() }).strict(),
    reply: z.array(historyPointSchema),
  },
  /** What the last sync changed for the license (the dashboard's connection by default). */
  'watch.digest': {
    request: z.object({ connectionId: connectionIdSchema.optional() }).strict(),
    reply: syncDigestSchema.nullable(),
  },
} as const;
