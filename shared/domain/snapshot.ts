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
  state: z.enum(['running', 'complete', 'failed', 'cancelled']),
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
