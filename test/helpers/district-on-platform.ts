import path from 'node:path';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices } from '../../electron/core/app/app-services';
import type { District } from '../../sandbox/district/district';
import { startPlatformServer } from '../../sandbox/platform/platform-server';
import type {
  PlatformServerOptions,
  RunningPlatform,
} from '../../sandbox/platform/platform-server';
import { FAST_RETRY } from './district-fixtures';
import { syncRosterAndPullLicense } from './roster-and-license';
import { memoryLogger } from './silent-logger';
import { makeTempDir } from './temp-dir';

export interface DistrictOnPlatform {
  tmp: ReturnType<typeof makeTempDir>;
  platform: RunningPlatform;
  services: OpenedAppServices;
  /** The platform connection's id in RosterDesk. */
  platformId: string;
  close(): Promise<void>;
}

/**
 * A district's roster synced from its CSV export into a fresh data folder, and the license pulled
 * from a sandbox platform seeded from the same district (its faults as given): where the tests of
 * a whole journey (digest, old accounts, the new year) start. No scheduled sync runs by itself.
 */
export async function districtOnPlatform(
  district: District,
  options: Pick<PlatformServerOptions, 'licenseId' | 'seed' | 'faults' | 'onExchange'>,
): Promise<DistrictOnPlatform> {
  const tmp = makeTempDir();
  const platform = await startPlatformServer({
    file: path.join(tmp.dir, 'platform.sqlite'),
    token: 'tok',
    district,
    ...options,
  });
  const services = openAppServices({
    dataDir: path.join(tmp.dir, 'data'),
    logger: memoryLogger(),
    dueSyncs: () => [],
  });
  services.push.configure({ policy: FAST_RETRY });
  const platformId = await syncRosterAndPullLicense(services, district, tmp.dir, {
    baseUrl: platform.baseUrl,
    licenseId: options.licenseId,
    token: 'tok',
  });
  return {
    tmp,
    platform,
    services,
    platformId,
    close: async () => {
      for (const c of services.connections.list()) services.connections.remove(c.id);
      await services.close();
      await platform.close();
      tmp.cleanup();
    },
  };
}
