import type { Channel, ParsedRequestOf, ReplyOf } from '../../../shared/ipc/contract';

/** Who is calling: which transport, for logs and for handlers that behave differently. */
export interface CallContext {
  transport: 'electron' | 'browser-host';
}

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
  context: CallContext,
) => Promise<ReplyOf<C>> | ReplyOf<C>;

/** The one handler table: exactly one handler per contract channel. */
export type HandlerTable = { [C in Channel]: Handler<C> };
