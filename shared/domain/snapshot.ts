import { z } from 'zod';

export const resourceCountsSchema = z.object({
  orgs: z.number().int(),
  users: z.number().int(),
  classes: z.number().int(),
  enrollments: z.number().int(),
  courses: z.number().int(),
  academicSessions: z.number().int(),
});
export type ResourceCounts = z.infer<typeof resourceCountsSchema>;

/**
 * The roster's live counts every screen and report shows, declared once: the dashboard's overview,
 * the stored snapshot stats and the sanity report's summary all carry these eight.
 */
export const rosterCountsSchema = z.object({
  schools: z.number().int(),
  teachers: z.number().int(),
  students: z.number().int(),
  /** Administrators and district administrators. */
  administrators: z.number().int(),
  /** Staff (and 1.2 counselors, aides, proctors). */
  staff: z.number().int(),
  /** Parents, guardians, relatives and Clever contacts. */
  contacts: z.number().int(),
  classes: z.number().int(),
  enrollments: z.number().int(),
});
export type RosterCounts = z.infer<typeof rosterCountsSchema>;
export const rosterCountKeys = Object.keys(rosterCountsSchema.shape) as (keyof RosterCounts)[];

/** An empty roster's counts. */
export const NO_ROSTER_COUNTS = Object.freeze(
  Object.fromEntries(rosterCountKeys.map((k) => [k, 0])) as RosterCounts,
);

/** The eight counts taken from a larger record (the stats, say). */
export function rosterCountsOf(from: RosterCounts): RosterCounts {
  return Object.fromEntries(rosterCountKeys.map((k) => [k, from[k]])) as RosterCounts;
}

export const EMPTY_COUNTS: Readonly<ResourceCounts> = {
  orgs: 0,
  users: 0,
  classes: 0,
  enrollments: 0,
  courses: 0,
  academicSessions: 0,
};

export const snapshotSchema = z.object({
  id: z.number().int(),
  connectionId: z.string(),
  sourceKind: z.string(),
  sourceLabel: z.string(),
  status: z.enum(['running', 'complete', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  counts: resourceCountsSchema,
  warnings: z.number().int(),
  isCurrent: z.boolean(),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const streamProgressSchema = z.object({
  name: z.string(),
  read: z.number().int(),
  total: z.number().int().nullable(),
  done: z.boolean(),
  perSecond: z.number(),
});
export type StreamProgress = z.infer<typeof streamProgressSchema>;

export const syncJobSchema = z.object({
  jobId: z.string(),
  connectionId: z.string(),
  connectionName: z.string(),
  /** held: complete, but past a hold threshold, so not current until the admin accepts it. */
  state: z.enum(['running', 'complete', 'held', 'failed', 'cancelled']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  streams: z.array(streamProgressSchema),
  snapshotId: z.number().int().nullable(),
  warnings: z.number().int(),
  error: z.string().nullable(),
  retries: z.number().int(),
});
export type SyncJob = z.infer<typeof syncJobSchema>;

/** One row of the per-school sanity table ('' sourcedId: the "No school in the roster" row). */
export const schoolCountsSchema = z
  .object({
    sourcedId: z.string(),
    name: z.string(),
    teachers: z.number().int(),
    students: z.number().int(),
    classes: z.number().int(),
    enrollments: z.number().int(),
  })
  .strict();
export type SchoolCounts = z.infer<typeof schoolCountsSchema>;
