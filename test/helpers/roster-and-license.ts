import { syncEnded } from './wait-for';
import path from 'node:path';
import type { OpenedAppServices } from '../../electron/core/app/app-services';
import { pullLicense } from '../../electron/core/platform/platform-connection';
import type { District } from '../../sandbox/district/district';
import { writeCsvFolder } from '../../sandbox/district/write-csv';

/**
 * A district's roster synced from a OneRoster CSV export, then the license pulled from a sandbox
 * platform: where a test of the old-accounts worksheet starts. Returns the platform connection's id.
 */
export async function syncRosterAndPullLicense(
  services: OpenedAppServices,
  district: District,
  workDir: string,
  platform: { baseUrl: string; licenseId: string; token: string },
): Promise<string> {
  const exportDir = path.join(workDir, 'export');
  writeCsvFolder(district, exportDir);
  const csv = services.connections.add({
    name: 'Roster export',
    settings: { kind: 'oneroster-csv', path: exportDir },
    secrets: {},
  });
  const job = services.syncJobs.start(csv.id);
  const { state } = await syncEnded(services, job.jobId);
  if (state !== 'complete') throw new Error(`the roster sync ended ${state}`);
  const platformId = services.connections.add({
    name: 'Platform',
    settings: { kind: 'platform', baseUrl: platform.baseUrl, licenseId: platform.licenseId },
    secrets: { apiToken: platform.token },
  }).id;
  await pullLicense(services.connections, services.license, platformId);
  return platformId;
}
