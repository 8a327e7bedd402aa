import { events } from '../../../shared/ipc/events';
import type { EventName, EventOf } from '../../../shared/ipc/events';
import type { Logger } from '../runtime/logger';

export type EventListener = <E extends EventName>(name: E, payload: EventOf<E>) => void;

interface Pending {
  timer: ReturnType<typeof setTimeout>;
  payload: () => unknown;
  name: EventName;
}

/**
 * The main process's events to the window (see shared/ipc/events.ts). Services emit; each
 * transport subscribes once and delivers (Electron: webContents.send; the browser host: its
 * event stream). Every payload is parsed with its schema before delivery, so unknown fields are
 * stripped and a malformed one is logged and dropped, never sent.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  private readonly pending = new Map<string, Pending>();
  private readonly lastSent = new Map<string, number>();
  private closed = false;

  constructor(private readonly logger: Logger) {}

  /** Listens to every event; returns the call that stops listening. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends now (and drops a pending `emitSoon` of the same key, which this one supersedes). */
  emit<E extends EventName>(name: E, payload: EventOf<E>, key: string = name): void {
    const pending = this.pending.get(key);
    if (pending) {
      clearTimeout(pending.timer);
      this.pending.delete(key);
    }
    this.deliver(name, payload, key);
  }

  /**
   * Sends at most one event per `key` every `everyMs`, always after the current synchronous work
   * (a transaction in progress is committed first), with the payload read when it is sent: many
   * calls in a burst (a page of a sync, a change applied) become one event with the latest state.
   */
  emitSoon<E extends EventName>(
    name: E,
    payload: () => EventOf<E>,
    key: string = name,
    everyMs = 250,
  ): void {
    if (this.closed) return;
    const pending = this.pending.get(key);
    if (pending) {
      pending.payload = payload;
      return;
    }
    const since = Date.now() - (this.lastSent.get(key) ?? 0);
    const timer = setTimeout(
      () => {
        const due = this.pending.get(key);
        this.pending.delete(key);
        if (!due) return;
        try {
          this.deliver(due.name, due.payload(), key);
        } catch (error) {
          this.logger.error(`reading the payload of a ${due.name} event failed`, error);
        }
      },
      Math.max(0, everyMs - since),
    );
    timer.unref?.();
    this.pending.set(key, { timer, payload, name });
  }

  /** Drops pending events and listeners: nothing is sent after the services close. */
  close(): void {
    this.closed = true;
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.listeners.clear();
  }

  private deliver(name: EventName, payload: unknown, key: string): void {
    if (this.closed) return;
    this.lastSent.set(key, Date.now());
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      this.logger.error(`a ${name} event does not match its schema; not sent`);
      return;
    }
    for (const listener of this.listeners) {
      try {
        (listener as (n: EventName, p: unknown) => void)(name, parsed.data);
      } catch (error) {
        this.logger.error(`a listener of ${name} events failed`, error);
      }
    }
  }
}
