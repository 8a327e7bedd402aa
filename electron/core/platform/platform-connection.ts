import type { LicenseImport } from '../../../shared/domain/license';
import { AppError } from '../../../shared/ipc/errors';
import type { ConnectionsService } from '../connections/connections-service';
import type { LicenseStore } from '../license/license-store';
import { PlatformClient } from './platform-client';
import type { PlatformClientOptions } from './platform-client';

/** A client for a Platform connection, its token read from the keychain for this client only. */
export function platformClientFor(
  connections: ConnectionsService,
  connectionId: string,
  options: Omit<PlatformClientOptions, 'baseUrl' | 'licenseId' | 'token'> = {},
): PlatformClient {
  const connection = connections.get(connectionId);
  if (connection.settings.kind !== 'platform')
    throw new AppError('VALIDATION', `"${connection.name}" is not a Platform connection`);
  const token = connections.readSecret(connectionId, 'apiToken');
  if (!token)
    throw new AppError(
      'VALIDATION',
      `"${connection.name}" has no API token in the keychain; enter it in Connections`,
    );
  return new PlatformClient({
    ...options,
    baseUrl: connection.settings.baseUrl,
    licenseId: connection.settings.licenseId,
    token,
  });
}

/** The one Platform connection to use: the given one, else the only one configured. */
export function platformConnectionId(connections: ConnectionsService, given?: string): string {
  if (given) return given;
  const platforms = connections.list().filter((c) => c.settings.kind === 'platform');
  if (platforms.length === 0)
    throw new AppError(
      'NOT_FOUND',
      'Add a Platform connection (base URL, license ID, API token) first',
    );
  if (platforms.length > 1)
    throw new AppError('VALIDATION', 'Several Platform connections exist: choose one');
  return (platforms[0] as { id: string }).id;
}

/** Pulls the license, its teachers and accounts from the platform into the local cache. */
export async function pullLicense(
  connections: ConnectionsService,
  license: LicenseStore,
  connectionId: string,
  signal?: AbortSignal,
): Promise<LicenseImport> {
  const client = platformClientFor(connections, connectionId, { policy: PULL_POLICY });
  return pullWith(client, license, connectionId, signal);
}

export const PULL_POLICY = { maxAttempts: 4, baseDelayMs: 250, timeoutMs: 30_000 };

/** The pull itself, with a client already built. */
export async function pullWith(
  client: PlatformClient,
  license: LicenseStore,
  connectionId: string,
  signal?: AbortSignal,
): Promise<LicenseImport> {
  const [summary, teachers, accounts] = await Promise.all([
    client.license(signal),
    client.teachers(signal),
    client.accounts(signal),
  ]);
  return license.savePlatform(connectionId, summary, teachers, accounts);
}
