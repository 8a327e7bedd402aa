import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAppServices } from '../core/app/app-services';
import type { AppServices } from '../core/app/app-services';
import { createHandlers } from '../core/handlers';
import { startBrowserHost } from './browser-host';
import type { BrowserHost } from './browser-host';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface RunningHost {
  host: BrowserHost;
  services: AppServices;
  stop(): Promise<void>;
}

/** Opens the services on a data dir and serves them to the browser: the browser host in one call. */
export async function runHost(options: {
  dataDir: string;
  rendererDir?: string;
  port?: number;
}): Promise<RunningHost> {
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(
      `The renderer is not built (no ${path.join(rendererDir, 'index.html')}): run "npm run build:renderer" first`,
    );
  }
  const services = openAppServices({
    dataDir: options.dataDir,
    echoLog: true,
    owner: 'the RosterDesk browser host',
  });
  try {
    const host = await startBrowserHost({
      table: createHandlers(services),
      logger: services.logger,
      events: services.events,
      rendererDir,
      ...(options.port === undefined ? {} : { port: options.port }),
    });
    return {
      host,
      services,
      stop: async () => {
        await host.close();
        await services.close();
      },
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}
