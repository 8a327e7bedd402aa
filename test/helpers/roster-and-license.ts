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
  await syncExport(services, 'Roster export', path.join(workDir, 'export'), district);
  const platformId = services.connections.add({
    name: 'Platform',
    settings: { kind: 'platform', baseUrl: platform.baseUrl, licenseId: platform.licenseId },
    secrets: { apiToken: platform.token },
  }).id;
  await pullLicense(services.connections, services.license, platformId);
  return platformId;
}

/**
 * A district written as a OneRoster CSV export into `dir`, added as a connection named `name` and
 * synced to the end; returns the connection's id (throws when the sync did not complete).
 */
export async function syncExport(
  services: OpenedAppServices,
  name: string,
  dir: string,
  district: District,
): Promise<string> {
  writeCsvFolder(district, dir);
  const csv = services.connections.add({
    name,
    settings: { kind: 'oneroster-csv', path: dir },
    secrets: {},
  });
  const job = services.syncJobs.start(csv.id);
  const { state } = await syncEnded(services, job.jobId);
  if (state !== 'complete') throw new Error(`the sync of ${name} ended ${state}`);
  return csv.id;
}
