import { z } from 'zod';
import { rosterCountsSchema, snapshotSchema } from './snapshot';

export const userQuerySchema = z
  .object({
    search: z.string().trim().max(200).default(''),
    role: z.enum(['all', 'teacher', 'student', 'administrator', 'other']).default('all'),
    status: z.enum(['all', 'active', 'inactive']).default('all'),
    /** Only users of this school (any of their orgs). */
    schoolId: z.string().max(500).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type UserQuery = z.input<typeof userQuerySchema>;

export const userRowSchema = z.object({
  sourcedId: z.string(),
  role: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string().nullable(),
  username: z.string().nullable(),
  school: z.string().nullable(),
  active: z.boolean(),
  /** Why a search found this user when it is not by their roster fields: "license email …". */
  matchedBy: z.string().nullable().optional(),
});
export type UserRow = z.infer<typeof userRowSchema>;

export const classQuerySchema = z
  .object({
    search: z.string().trim().max(200).default(''),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type ClassQuery = z.input<typeof classQuerySchema>;

export const classRowSchema = z.object({
  sourcedId: z.string(),
  title: z.string(),
  classCode: z.string().nullable(),
  school: z.string().nullable(),
  teachers: z.number().int(),
  students: z.number().int(),
});
export type ClassRow = z.infer<typeof classRowSchema>;

export const pageOf = <T extends z.ZodType>(row: T) =>
  z.object({ total: z.number().int(), offset: z.number().int(), rows: z.array(row) });

export const rosterOverviewSchema = rosterCountsSchema.extend({
  snapshot: snapshotSchema.nullable(),
  connectionName: z.string().nullable(),
  inactiveUsers: z.number().int(),
});
export type RosterOverview = z.infer<typeof rosterOverviewSchema>;

export const syncWarningRowSchema = z.object({
  resource: z.string(),
  location: z.string(),
  field: z.string().nullable(),
  reason: z.string(),
});
export type SyncWarningRow = z.infer<typeof syncWarningRowSchema>;

export const warningQuerySchema = z
  .object({
    snapshotId: z.number().int().positive(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
