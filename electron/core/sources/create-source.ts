import type { ConnectionView } from '../../../shared/domain/connection';
import { AppError } from '../../../shared/ipc/errors';
import type { ConnectionsService } from '../connections/connections-service';
import type { HttpClientOptions } from '../http/http-client';
import type { RetryPolicy } from '../http/retry-policy';
import type { RosterSource } from './roster-source';
import { sourceFromSpec } from './source-spec';
import type { SourceSpec } from './source-spec';

/**
 * Builds the roster source for a connection: its spec (specOf), then the one builder every thread
 * uses (sourceFromSpec). Secrets are read from the keychain here, in the main process, and live
 * only inside the source's request signing.
 */
export function createSource(
  connection: Pick<ConnectionView, 'id' | 'name' | 'settings'>,
  connections: Pick<ConnectionsService, 'readSecret'>,
  options: { policy?: Partial<RetryPolicy>; onRetry?: HttpClientOptions['onRetry'] } = {},
): RosterSource {
  return sourceFromSpec(specOf(connection, connections, options.policy), options.onRetry);
}

/** A connection's source as plain data (see SourceSpec), its secrets read from the keychain. */
export function specOf(
  connection: Pick<ConnectionView, 'id' | 'name' | 'settings'>,
  connections: Pick<ConnectionsService, 'readSecret'>,
  policy?: Partial<RetryPolicy>,
): SourceSpec {
  const http = policy ? { policy } : {};
  const s = connection.settings;
  const secret = (field: 'clientSecret' | 'districtToken') => {
    const value = connections.readSecret(connection.id, field);
    if (!value)
      throw new AppError(
        'VALIDATION',
        `"${connection.name}" has no ${field === 'clientSecret' ? 'client secret' : 'district token'}: set it in Connections before syncing`,
      );
    return value;
  };
  switch (s.kind) {
    case 'classlink':
      return {
        kind: 'oneroster',
        options: {
          baseUrl: s.baseUrl,
          version: s.onerosterVersion ?? 'detect',
          auth:
            s.authMethod === 'oauth1'
              ? { method: 'oauth1', clientId: s.clientId, clientSecret: secret('clientSecret') }
              : {
                  method: 'oauth2',
                  clientId: s.clientId,
                  clientSecret: secret('clientSecret'),
                  tokenUrl: s.tokenUrl || `${s.baseUrl}/token`,
                },
          ...http,
        },
      };
    case 'clever':
      return {
        kind: 'clever',
        options: { baseUrl: s.baseUrl, token: secret('districtToken'), ...http },
      };
    case 'oneroster-csv':
      return { kind: 'csv', target: s.path };
    case 'platform':
      throw new AppError(
        'VALIDATION',
        `"${connection.name}" is a platform connection: it has no roster to sync`,
      );
  }
}
