import { isSafeExternalUrl } from '../../shared/domain/external-url';
import type { AppServices } from './app/app-services';
import type { HandlerTable } from './ipc/handler-table';

export interface HandlerOptions {
  /** Opens an http(s) URL in the user's browser; the browser host has none. */
  openExternal?: (url: string) => Promise<void>;
}

/** The one handler table: channel -> core call. Both transports dispatch through it. */
export function createHandlers(services: AppServices, options: HandlerOptions = {}): HandlerTable {
  return {
    'app.status': (_request, context) => services.status(context.transport),
    'keychain.status': () => services.secrets.probe(),
    'connections.list': () => services.connections.list(),
    'connections.add': (request) => services.connections.add(request),
    'connections.update': ({ id, ...save }) => services.connections.update(id, save),
    'connections.remove': ({ id }) => {
      services.connections.remove(id);
      return { removed: true as const };
    },
    'app.openExternal': async ({ url }) => {
      if (!options.openExternal || !isSafeExternalUrl(url)) return { opened: false };
      await options.openExternal(url);
      return { opened: true };
    },
  };
}
