import type {
  ConnectionSettings,
  SecretField,
  SecretsInput,
} from '../../../shared/domain/connection';
import type { ConnectionTest } from '../../../shared/domain/connection-test';
import { PlatformClient } from '../platform/platform-client';
import { createSource } from '../sources/create-source';
import { testCsvExport } from './test-csv-export';
import { UpstreamError } from '../http/upstream-error';
import type { ConnectionsService } from '../connections/connections-service';
import type { RosterSource } from '../sources/roster-source';
import type { RosterUser } from '../../../shared/domain/roster';

const LIMIT_MS = 10_000;
/** One attempt, no retries: the admin is waiting for an answer, not a sync. */
const ONE_TRY = { maxAttempts: 1, timeoutMs: 8_000, baseDelayMs: 0, maxDelayMs: 0 };

/**
 * "Test connection": reads one page of the roster (or the license) with the settings as typed,
 * before they are saved, and answers in plain words within 10 s: host not found, nothing listening,
 * no answer, a TLS problem, credentials rejected, not a OneRoster / Clever / platform endpoint, or
 * connected. The technical detail comes separately, for the folded section and for support.
 * Secrets typed in the form are used for this request only; blank ones come from the keychain
 * for a saved connection.
 */
export async function testConnection(
  connections: ConnectionsService,
  input: { id?: string | undefined; settings: ConnectionSettings; secrets: SecretsInput },
): Promise<ConnectionTest> {
  const started = Date.now();
  const readSecret = (_id: string, field: SecretField) =>
    input.secrets[field] || (input.id ? connections.readSecret(input.id, field) : null);
  const signal = AbortSignal.timeout(LIMIT_MS);
  const host = hostOf(input.settings);
  const what = ENDPOINT[input.settings.kind];
  try {
    if (input.settings.kind === 'platform') {
      const token = readSecret('', 'apiToken');
      if (!token) return done(started, false, 'Enter the API token to test this connection.', '');
      const license = await new PlatformClient({
        baseUrl: input.settings.baseUrl,
        licenseId: input.settings.licenseId,
        token,
        policy: ONE_TRY,
      }).license(signal);
      return done(
        started,
        true,
        `Connected: the platform answered with the license "${license.name}" (${license.seats} seats).`,
        '',
      );
    }
    if (input.settings.kind === 'oneroster-csv') {
      const tested = await testCsvExport(input.settings.path, signal);
      return done(started, tested.ok, tested.sentence, tested.detail);
    }
    const source = createSource(
      { id: input.id ?? 'unsaved', name: 'This connection', settings: input.settings },
      { readSecret },
      { policy: ONE_TRY },
    );
    const stream = source.streams()[0];
    if (!stream) return done(started, false, `${what} offers nothing to read.`, '');
    for await (const batch of stream.read(signal)) {
      // ClassLink: whether its users are 1.1 or 1.2 records, and whether the version chosen reads them.
      const version =
        input.settings.kind === 'classlink'
          ? await userShape(source, signal)
          : { text: '', fits: true };
      return done(
        started,
        version.fits,
        `Connected: ${host ?? source.label} answered as ${what} (${batch.read} record${batch.read === 1 ? '' : 's'} of ${stream.name} in the first page)${version.text}.`,
        '',
      );
    }
    return done(started, true, `Connected: ${what} answered, with no ${stream.name} yet.`, '');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return done(
      started,
      false,
      plainWords(error, detail, host, what, signal.aborted) ?? `The test failed: ${detail}`,
      detail,
    );
  }
}

const ENDPOINT: Record<ConnectionSettings['kind'], string> = {
  classlink: 'a OneRoster endpoint',
  clever: 'the Clever API',
  'oneroster-csv': 'a OneRoster CSV export',
  platform: 'the platform license API',
};

function done(started: number, ok: boolean, sentence: string, detail: string): ConnectionTest {
  return { ok, sentence, detail, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** The host:port of a connection's base URL, for messages; null for a CSV path or a bad URL. */
export function hostOf(settings: ConnectionSettings): string | null {
  if (settings.kind === 'oneroster-csv') return null;
  try {
    return new URL(settings.baseUrl).host;
  } catch {
    return null;
  }
}

/**
 * The cause in words an admin can act on (the first pattern that matches wins), or null when none
 * does: the caller then shows the technical message as it is.
 */
export function plainWords(
  error: unknown,
  detail: string,
  host: string | null,
  what: string,
  timedOut: boolean,
): string | null {
  const at = host ?? 'the server';
  const kind =
    error instanceof UpstreamError
      ? error.kind
      : // A sync's error arrives as its message only: the same words the client wrote.
        /HTTP 401\b/.test(detail)
        ? 'auth'
        : /HTTP 403\b/.test(detail)
          ? 'refused'
          : null;
  if (kind === 'auth')
    return `${at} rejected the credentials: check the client ID and secret (or the token).`;
  if (kind === 'refused')
    return `${at} accepted the credentials but refused access: they lack permission for the roster.`;
  if (kind === 'not-found' || /HTTP 404/.test(detail))
    return `${at} answers, but is not ${what}: check the URL (it should end with the API's base path, such as /ims/oneroster/v1p1).`;
  const rules: [RegExp, string][] = [
    [/ENOTFOUND|EAI_AGAIN/, `The host ${at} was not found: check the spelling of the URL.`],
    [/ECONNREFUSED/, `Nothing is listening at ${at}: check the URL and the port.`],
    [/ECONNRESET|EPIPE|socket hang up/, `${at} closed the connection: check the URL and the port.`],
    [
      /CERT_|ERR_SSL|SSL_|ERR_TLS|EPROTO|self[- ]signed|UNABLE_TO_VERIFY/,
      `The secure (TLS) connection to ${at} failed: the certificate is not trusted or the port does not speak HTTPS.`,
    ],
    [
      /not valid JSON|not JSON|shape|malformed|expected/i,
      `${at} answers, but not as ${what} (it sent something else, such as a web page): check the URL.`,
    ],
    [/no answer|timed? ?out|Timeout|aborted/i, `${at} did not answer within 10 seconds.`],
    [/ENOENT|no such file|not found/i, 'The file or folder was not found: check the path.'],
    [/EACCES|EPERM/, 'RosterDesk may not read that file or folder: check its permissions.'],
  ];
  if (timedOut) return `${at} did not answer within 10 seconds.`;
  return rules.find(([pattern]) => pattern.test(detail))?.[1] ?? null;
}

/**
 * Which OneRoster version the server's users are, from its first page of users (a `roles[]` list
 * is 1.2, one `role` is 1.1), so the admin can pick the version setting; "" when it cannot tell.
 */
async function userShape(
  source: RosterSource,
  signal: AbortSignal,
): Promise<{ text: string; fits: boolean }> {
  const users = source.streams().find((s) => s.resources.includes('users'));
  const none = { text: '', fits: true };
  if (!users) return none;
  try {
    for await (const batch of users.read(signal)) {
      const records = (batch.records.users ?? []) as RosterUser[];
      const refused = batch.warnings.find((w) =>
        /this is a OneRoster 1\.[12] record/.test(w.reason),
      );
      if (records.length === 0 && refused)
        return {
          fits: false,
          text: /1\.2 record/.test(refused.reason)
            ? '; but its users are OneRoster 1.2 records, which the version chosen (1.1) refuses: choose 1.2 or detect'
            : '; but its users are OneRoster 1.1 records, which the version chosen (1.2) refuses: choose 1.1 or detect',
        };
      if (records.length === 0) return none;
      return {
        fits: true,
        text: records.some((u) => u.roles.length > 0)
          ? '; its users are OneRoster 1.2 records (a roles list)'
          : '; its users are OneRoster 1.1 records (one role each)',
      };
    }
  } catch {
    // The version is a hint: the connection itself answered.
  }
  return none;
}
