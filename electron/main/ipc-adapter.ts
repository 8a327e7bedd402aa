import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/ipc/contract';
import type { EventBus } from '../core/events/event-bus';
import type { IpcResult } from '../../shared/ipc/errors';
import type { Logger } from '../core/runtime/logger';
import { dispatch } from '../core/ipc/dispatch';
import type { HandlerTable } from '../core/ipc/handler-table';

/** The part of Electron's ipcMain the adapter uses, so it can be tested without Electron. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}
export interface IpcEventLike {
  senderFrame: { url: string } | null;
}

/**
 * Electron's transport: one invoke channel, a trusted-sender check (only the app's own page may
 * call), then the same dispatch as the browser host.
 */
export function registerIpc(
  ipc: IpcMainLike,
  table: HandlerTable,
  logger: Logger,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  ipc.handle(IPC_INVOKE_CHANNEL, async (event, channel, payload): Promise<IpcResult<unknown>> => {
    const url = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(url)) {
      logger.warn(`refused an IPC call from an untrusted frame (${url.slice(0, 120)})`);
      return {
        ok: false,
        error: { code: 'UNTRUSTED_SENDER', message: 'This page may not call RosterDesk' },
      };
    }
    return dispatch(table, channel, payload, { transport: 'electron' }, logger);
  });
  return () => ipc.removeHandler(IPC_INVOKE_CHANNEL);
}

/** The part of Electron's webContents events are sent through, so it can be tested without Electron. */
export interface WebContentsLike {
  getURL(): string;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Electron's delivery of events: each one the bus sends (already parsed with its schema) goes to
 * every window showing the app's own page, on IPC_EVENT_CHANNEL; a window that navigated elsewhere
 * gets none. Returns the call that stops forwarding.
 */
export function forwardEvents(
  bus: EventBus,
  targets: () => WebContentsLike[],
  isTrustedUrl: (url: string) => boolean,
): () => void {
  return bus.subscribe((name, payload) => {
    for (const contents of targets())
      if (!contents.isDestroyed() && isTrustedUrl(contents.getURL()))
        contents.send(IPC_EVENT_CHANNEL, name, payload);
  });
}

/** The renderer's own page: the packaged index.html, or the dev server in development. */
export function trustedUrlMatcher(rendererUrl: string): (url: string) => boolean {
  const trusted = new URL(rendererUrl);
  return (value) => {
    try {
      const url = new URL(value);
      if (trusted.protocol === 'file:')
        return url.protocol === 'file:' && url.pathname === trusted.pathname;
      return url.origin === trusted.origin;
    } catch {
      return false;
    }
  };
}
