import { z } from 'zod';
import {
  cleanupRequestSchema,
  cleanupResultSchema,
  reviewQueueSchema,
  studentSeatsSchema,
  worksheetImportRequestSchema,
  worksheetImportResultSchema,
} from '../domain/old-students';

/** Students' old accounts: the seats, the worksheet read back, the review queue, the clean-up. */
export const studentsChannels = {
  'students.seats': {
    request: z.object({}).strict(),
    reply: studentSeatsSchema,
  },
  'students.importWorksheet': {
    request: worksheetImportRequestSchema,
    reply: worksheetImportResultSchema,
  },
  /** The worksheet rows waiting for a person's choice (kept across restarts until resolved). */
  'students.reviewQueue': {
    request: z.object({}).strict(),
    reply: reviewQueueSchema,
  },
  /** Merges a review row's old account into the candidate the admin picked (staged, for approval). */
  'students.pickCandidate': {
    request: z
      .object({ id: z.number().int().positive(), sourcedId: z.string().min(1).max(200) })
      .strict(),
    reply: z.object({ changeId: z.string() }),
  },
  /** Leaves a review row: the old account stays as it is (the clean-up can remove it later). */
  'students.dismissReview': {
    request: z.object({ id: z.number().int().positive() }).strict(),
    reply: z.object({ dismissed: z.literal(true) }),
  },
  'students.cleanup': {
    request: cleanupRequestSchema,
    reply: cleanupResultSchema,
  },
} as const;
