import { z } from 'zod';

/** The answer to "Test connection": a plain sentence, and the technical detail folded below it. */
export const connectionTestSchema = z.object({
  ok: z.boolean(),
  sentence: z.string(),
  detail: z.string(),
  seconds: z.number(),
});
export type ConnectionTest = z.infer<typeof connectionTestSchema>;
