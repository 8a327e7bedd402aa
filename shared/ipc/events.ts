import { z } from 'zod';
import { startupNoticeSchema } from '../domain/app-status';
import { changeListSchema, pushProgressSchema } from '../domain/change';
import { syncJobSchema } from '../domain/snapshot';

/**
 * The events the main process sends the window, each with the schema of its payload, as the
 * contract does for requests. Electron delivers them over webContents.send on IPC_EVENT_CHANNEL;
 * the browser host over one server-sent-events stream (GET /api/events) guarded by the token.
 * Payloads are parsed on both sides: a field the core adds by mistake never reaches the window.
 */
export const events = {
  /** A sync started, moved on, or ended (complete, failed, cancelled): the job as it stands. */
  'sync.progress': syncJobSchema,
  /** A push started, moved on or ended; also a push queued behind another. */
  'push.progress': pushProgressSchema,
  /** The change set changed (staged, approved, sent, discarded…): its counts, for the nav badge. */
  'changes.count': changeListSchema.pick({ counts: true, weakerMatches: true }),
  /** Something the admin should read now (a push resumed at start has ended, say). */
  notice: startupNoticeSchema.extend({ title: z.string() }),
} as const;

export type EventName = keyof typeof events;
export type EventOf<E extends EventName> = z.infer<(typeof events)[E]>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
