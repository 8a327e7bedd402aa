import { contract } from '../../../shared/ipc/contract';
import type { Channel, ReplyOf, RequestOf } from '../../../shared/ipc/contract';
import { ipcResultSchema } from '../../../shared/ipc/errors';
import type { FieldIssue, IpcErrorCode } from '../../../shared/ipc/errors';
import { pickTransport } from './transport';
import type { Transport } from './transport';

export class RosterDeskError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'RosterDeskError';
  }
}

let transport: Transport | null = null;

export function currentTransport(): Transport {
  transport ??= pickTransport();
  return transport;
}

/** The renderer's one way to call the main process; types come from the contract. */
export async function invoke<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<ReplyOf<C>> {
  let raw: unknown;
  try {
    raw = await currentTransport().send(channel, request);
  } catch (error) {
    throw new RosterDeskError(
      'INTERNAL',
      `RosterDesk's back end could not be reached (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const envelope = ipcResultSchema.safeParse(raw);
  if (!envelope.success) throw new RosterDeskError('INTERNAL', `Unexpected reply to ${channel}`);
  if (!envelope.data.ok) {
    const { code, message, issues } = envelope.data.error;
    throw new RosterDeskError(code, message, issues ?? []);
  }
  const reply = contract[channel].reply.safeParse(envelope.data.value);
  if (!reply.success)
    throw new RosterDeskError('INTERNAL', `The reply to ${channel} does not match the contract`);
  return reply.data as ReplyOf<C>;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
