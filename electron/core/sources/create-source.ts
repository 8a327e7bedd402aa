import type { ConnectionView } from '../../../shared/domain/connection';
import { AppError } from '../../../shared/ipc/errors';
import type { ConnectionsService } from '../connections/connections-service';
import { CleverSource } from './clever/clever-source';
import { CsvSource } from './csv/csv-source';
import type { HttpClientOptions } from '../http/http-client';
import type { RetryPolicy } from '../http/retry-policy';
import { OneRosterSource } from './oneroster/oneroster-source';
import type { RosterSource } from './roster-source';

/**
 * Builds the roster source for a connection. Secrets are read from the keychain here, in the main
 * process, and live only inside the source's request signing.
 */
export function createSource(
  connection: Pick<ConnectionView, 'id' | 'name' | 'settings'>,
  connections: Pick<ConnectionsService, 'readSecret'>,
  options: { policy?: Partial<RetryPolicy>; onRetry?: HttpClientOptions['onRetry'] } = {},
): RosterSource {
  const http = {
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  };
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
      return new OneRosterSource({
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
      });
    case 'clever':
      return new CleverSource({
        baseUrl: s.baseUrl,
        token: secret('districtToken'),
        ...http,
      });
    case 'oneroster-csv':
      return new CsvSource(s.path);
    case 'platform':
      throw new AppError(
        'VALIDATION',
        `"${connection.name}" is a platform connection: it has no roster to sync`,
      );
  }
}
