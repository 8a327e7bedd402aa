import { z } from 'zod';
import { rosterCountsSchema, schoolCountsSchema } from './snapshot';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, 'a day of the year as MM-DD');

/**
 * What makes a sync suspicious enough to hold: a share of a resource that would disappear or
 * change, counted only where the resource has at least `minimum` records (a 3-teacher school
 * does not trip them). Defaults after Clever's: 10% deleted, 75% changed.
 */
export const holdThresholdsSchema = z.object({
  disappear: z.number().min(0).max(1),
  change: z.number().min(0).max(1),
  minimum: z.number().int().min(0).max(1_000_000),
});
export type HoldThresholds = z.infer<typeof holdThresholdsSchema>;
export const DEFAULT_THRESHOLDS: HoldThresholds = { disappear: 0.1, change: 0.75, minimum: 20 };

/** Clever's default summer pause: from 2 days before the last day of school to 2 weeks before the first. */
export const SUGGESTED_PAUSE = { from: '06-10', until: '08-15' } as const;

/** A connection's schedule: when its syncs run by themselves, and when they hold. */
export const syncScheduleSchema = z.object({
  mode: z.enum(['off', 'daily', 'hours']),
  /** Daily: the local time, HH:MM. */
  at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM'),
  /** Every N hours (a fraction for scripts and tests: 0.001 is 3.6 s). */
  everyHours: z
    .number()
    .positive()
    .max(24 * 31),
  /** Days no scheduled sync runs (a holiday, a rollover day). */
  blackout: z.array(day).max(366),
  /** A yearly pause, e.g. the summer; null for none. */
  pause: z.object({ from: monthDay, until: monthDay }).nullable(),
  thresholds: holdThresholdsSchema,
  /** After each scheduled sync, its digest is written here as JSON (null: not written). */
  digestFolder: z.string().max(1000).nullable(),
});
export type SyncSchedule = z.infer<typeof syncScheduleSchema>;

export const DEFAULT_SCHEDULE: SyncSchedule = {
  mode: 'off',
  at: '05:30',
  everyHours: 24,
  blackout: [],
  pause: null,
  thresholds: DEFAULT_THRESHOLDS,
  digestFolder: null,
};

export const scheduleViewSchema = z.object({
  connectionId: z.string(),
  connectionName: z.string(),
  schedule: syncScheduleSchema,
  /** When the next scheduled sync is due, or why none is (off, paused). */
  next: z.string(),
});
export type ScheduleView = z.infer<typeof scheduleViewSchema>;

/** Per resource, what a sync would make disappear and change, against the current snapshot. */
export const reviewedResources = ['teachers', 'students', 'classes', 'enrollments'] as const;
export type ReviewedResource = (typeof reviewedResources)[number];

export const syncReviewSchema = z.object({
  previousId: z.number().int(),
  resources: z.array(
    z.object({
      resource: z.enum(reviewedResources),
      before: z.number().int(),
      disappear: z.number().int(),
      change: z.number().int(),
    }),
  ),
  /** Per school and resource, the records that would disappear (largest first). */
  schools: z.array(
    z.object({
      school: z.string(),
      resource: z.enum(reviewedResources),
      before: z.number().int(),
      disappear: z.number().int(),
    }),
  ),
  /** Some of the people who would disappear, by name. */
  examples: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  /** Why it is held, in words ("Lee Elementary: 212 of 248 students would disappear"); empty: not held. */
  reasons: z.array(z.string()),
});
export type SyncReview = z.infer<typeof syncReviewSchema>;

export const heldSyncSchema = z.object({
  snapshotId: z.number().int(),
  connectionId: z.string(),
  connectionName: z.string(),
  heldAt: z.string(),
  review: syncReviewSchema,
});
export type HeldSync = z.infer<typeof heldSyncSchema>;

export const historyOutcomes = [
  'complete',
  'held',
  'accepted',
  'rejected',
  'failed',
  'cancelled',
] as const;

/** One completed (or failed) sync, kept after its snapshot is pruned: the trend's points. */
export const historyPointSchema = z.object({
  /** The point's own number (a snapshot id is used again once its snapshot was deleted). */
  seq: z.number().int(),
  snapshotId: z.number().int(),
  connectionId: z.string(),
  finishedAt: z.string(),
  outcome: z.enum(historyOutcomes),
  counts: rosterCountsSchema.nullable(),
  perSchool: z.array(schoolCountsSchema),
  findings: z.record(z.string(), z.number().int()),
  warnings: z.number().int(),
  error: z.string().nullable(),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

const digestTeacherSchema = z.object({
  sourcedId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
});

/**
 * What a sync changed for the license, against the previous current snapshot of the connection:
 * each item carries the change it proposes (`stage`, a changes.stage request), never applied by itself.
 */
export const syncDigestSchema = z.object({
  connectionId: z.string(),
  connectionName: z.string(),
  snapshotId: z.number().int(),
  syncedAt: z.string().nullable(),
  previous: z.object({ snapshotId: z.number().int(), syncedAt: z.string().nullable() }),
  arrivals: z.array(
    digestTeacherSchema.extend({
      onLicense: z.boolean(),
      stage: z
        .object({
          kind: z.literal('invite'),
          email: z.string(),
          givenName: z.string(),
          familyName: z.string(),
        })
        .nullable(),
    }),
  ),
  leavers: z.array(
    digestTeacherSchema.extend({
      /** "last seen in the sync of DATE": the previous snapshot's date. */
      lastSeen: z.string().nullable(),
      seats: z.number().int(),
      stage: z.object({ kind: z.literal('remove'), teacherId: z.string() }),
    }),
  ),
  emailChanges: z.array(
    digestTeacherSchema.extend({
      from: z.string().nullable(),
      onLicense: z.boolean(),
      /** Why no change is proposed (a rostered account takes the email from its rostering service). */
      note: z.string().nullable(),
      stage: z
        .object({
          kind: z.literal('change-email'),
          teacherId: z.string(),
          email: z.string(),
          origin: z.string(),
          evidence: z.array(z.string()),
        })
        .nullable(),
    }),
  ),
  /** Findings per code that appeared or went away (counts before and after). */
  problems: z.array(
    z.object({ code: z.string(), before: z.number().int(), after: z.number().int() }),
  ),
  /** Past the lists' length: how many there were in all. */
  totals: z.object({
    arrivals: z.number().int(),
    leavers: z.number().int(),
    emailChanges: z.number().int(),
  }),
});
export type SyncDigest = z.infer<typeof syncDigestSchema>;
