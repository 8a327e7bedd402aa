import { syncEnded } from './wait-for';
import { afterEach, beforeEach } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices } from '../../electron/core/app/app-services';
import { memoryLogger } from './silent-logger';
import { makeTempDir } from './temp-dir';

/**
 * Opens the embedded demo district as the dashboard's button does and waits (60 s at most) for
 * its ClassLink sync to complete. Returns the demo's connection ids (ClassLink first).
 */
export async function openDemoDistrict(services: OpenedAppServices): Promise<string[]> {
  const { jobId, connectionIds } = await services.demo.open();
  const { state } = await syncEnded(services, jobId);
  if (state !== 'complete') throw new Error(`the demo sync ended ${state}`);
  return connectionIds;
}

/**
 * A fresh data folder and the app's services on it for each test of the file; after each, its
 * connections are removed (their secrets leave the keychain), the services closed and the folder
 * deleted. Read `services` and `dataDir` inside a test.
 */
export function servicesPerTest(): {
  readonly services: OpenedAppServices;
  readonly dataDir: string;
} {
  let tmp: ReturnType<typeof makeTempDir> | null = null;
  let services: OpenedAppServices | null = null;
  beforeEach(() => {
    tmp = makeTempDir();
    services = openAppServices({ dataDir: tmp.dir, logger: memoryLogger() });
  });
  afterEach(async () => {
    if (services) {
      for (const c of services.connections.list()) services.connections.remove(c.id);
      await services.close();
    }
    tmp?.cleanup();
    services = null;
    tmp = null;
  });
  return {
    get services() {
      if (!services) throw new Error('the services are open only inside a test');
      return services;
    },
    get dataDir() {
      if (!tmp) throw new Error('the data folder exists only inside a test');
      return tmp.dir;
    },
  };
}
