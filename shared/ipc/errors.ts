import { z } from 'zod';

export const ipcErrorCodes = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'VALIDATION',
  'NOT_FOUND',
  'KEYCHAIN_UNAVAILABLE',
  'UNTRUSTED_SENDER',
  'UNAUTHORIZED',
  'PAYLOAD_TOO_LARGE',
  /** The request would replace or lose something the admin should agree to first: ask, then send it again confirmed. */
  'NEEDS_CONFIRMATION',
  'UPSTREAM',
  /** The app is closing: the call was not run. */
  'SHUTTING_DOWN',
  'INTERNAL',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];

export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const ipcErrorSchema = z.object({
  code: z.enum(ipcErrorCodes),
  message: z.string(),
  issues: z.array(fieldIssueSchema).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** Every transport answers with this envelope; a stack trace never crosses it. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ipcResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ipcErrorSchema }),
]);

/** Thrown by services for errors the user should read as they are. */
export class AppError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function issuesFromZod(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}
