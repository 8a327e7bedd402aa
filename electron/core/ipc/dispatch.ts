import type { z } from 'zod';
import { contract, isChannel } from '../../../shared/ipc/contract';
import type { Channel } from '../../../shared/ipc/contract';
import { AppError, issuesFromZod } from '../../../shared/ipc/errors';
import type { IpcError, IpcResult } from '../../../shared/ipc/errors';
import type { CallContext, Handler, HandlerTable } from './handler-table';
import type { Logger } from '../runtime/logger';
import { UpstreamError } from '../http/upstream-error';
import { KeychainUnavailableError } from '../secrets/secret-store';

/**
 * Validates a call against the contract, runs its handler and wraps the outcome in the
 * IpcResult envelope. Both transports call this and nothing else. An unexpected error is
 * logged here and reaches the caller only as a short message with a reference, never a stack.
 */
export async function dispatch(
  table: HandlerTable,
  channel: unknown,
  payload: unknown,
  context: CallContext,
  logger: Logger,
): Promise<IpcResult<unknown>> {
  if (!isChannel(channel)) {
    return failure({
      code: 'UNKNOWN_CHANNEL',
      message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`,
    });
  }
  const spec = contract[channel];
  // No body is an empty request; a JSON `null` is a wrong shape like any other, refused.
  const parsed = spec.request.safeParse(payload === undefined ? {} : payload);
  if (!parsed.success) {
    return failure({
      code: 'BAD_REQUEST',
      message: `Invalid request for ${channel}: ${summarise(parsed.error)}`,
      issues: issuesFromZod(parsed.error),
    });
  }
  try {
    const handler = table[channel] as Handler<Channel>;
    const value: unknown = await handler(parsed.data as never, context);
    const reply = spec.reply.safeParse(value);
    if (!reply.success) {
      logger.error(`reply of ${channel} does not match the contract: ${summarise(reply.error)}`);
      return failure({
        code: 'INTERNAL',
        message: `RosterDesk produced an invalid reply for ${channel}`,
      });
    }
    return { ok: true, value: reply.data };
  } catch (error) {
    if (error instanceof AppError) {
      return failure({
        code: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      });
    }
    if (error instanceof UpstreamError) {
      // A roster service or the platform said no or kept failing: worded for the admin already.
      logger.warn(`${channel}: ${error.message}`);
      return failure({ code: 'UPSTREAM', message: error.message });
    }
    if (error instanceof KeychainUnavailableError) {
      // A locked or absent keychain, met deep in a sync or a pull: its own code and what to do.
      logger.warn(`${channel}: ${error.message}`);
      return failure({
        code: 'KEYCHAIN_UNAVAILABLE',
        message: `${error.message} Unlock your keychain, then try again; nothing was changed.`,
      });
    }
    const ref = Math.random().toString(36).slice(2, 10);
    logger.error(`handler ${channel} failed (ref ${ref})`, error);
    return failure({
      code: 'INTERNAL',
      message: `Something went wrong in ${channel} (reference ${ref}); details are in the log`,
    });
  }
}

function failure(error: IpcError): IpcResult<never> {
  return { ok: false, error };
}

function summarise(error: z.ZodError): string {
  return issuesFromZod(error)
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ');
}
