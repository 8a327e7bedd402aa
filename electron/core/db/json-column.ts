import type { z } from 'zod';

/**
 * A JSON column read through its schema: text that is not JSON, or JSON of another shape (a row
 * edited by hand, written by another version), reads as `fallback` instead of passing on a value
 * whose type is a lie. The caller decides what the fallback means (an empty list, no fields).
 */
export function jsonColumn<T>(schema: z.ZodType<T>, text: string | null, fallback: T): T {
  if (text === null) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fallback;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}
