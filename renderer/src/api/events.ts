import { events, isEventName } from '../../../shared/ipc/events';
import type { EventName, EventOf } from '../../../shared/ipc/events';
import { currentTransport } from './invoke';

type Handler = (payload: unknown) => void;

const handlers = new Map<EventName, Set<Handler>>();
const reopenHandlers = new Set<() => void>();
let stop: (() => void) | null = null;

/** Starts listening to the main process's events once, on whichever transport the app runs. */
function listen(): void {
  if (stop) return;
  stop = currentTransport().listen(
    (name, payload) => {
      if (!isEventName(name)) return;
      // Parsed with the event's schema, as replies are: a payload that does not match is dropped.
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) return;
      for (const handler of handlers.get(name) ?? []) handler(parsed.data);
    },
    () => {
      // Also at the first opening: what ended between a screen's first read and the stream's
      // opening (a push resumed at start, say) would otherwise never be seen ending.
      for (const handler of reopenHandlers) handler();
    },
  );
}

/** Calls `handler` with each event of this name; returns the call that stops. */
export function onEvent<E extends EventName>(
  name: E,
  handler: (payload: EventOf<E>) => void,
): () => void {
  listen();
  let set = handlers.get(name);
  if (!set) handlers.set(name, (set = new Set()));
  const wrapped = handler as Handler;
  set.add(wrapped);
  return () => set.delete(wrapped);
}

/** Calls `handler` each time the event stream opens (and after a drop): what was missed is read again. */
export function onReconnect(handler: () => void): () => void {
  listen();
  reopenHandlers.add(handler);
  return () => reopenHandlers.delete(handler);
}
