import type { z } from 'zod';
import {
  etagOf,
  mergeResultSchema,
  removeAccountResultSchema,
  pageSchema,
  platformAccountSchema,
  platformErrorSchema,
  platformLicenseSchema,
  platformTeacherSchema,
  resendResultSchema,
  rosteringConnectionSchema,
} from '../../../shared/platform/platform-wire';
import type {
  PlatformAccount,
  PlatformErrorCode,
  PlatformLicense,
  PlatformTeacher,
} from '../../../shared/platform/platform-wire';
import { HttpClient } from '../http/http-client';
import type { HttpClientOptions, JsonRequest, JsonResponse } from '../http/http-client';
import type { RetryPolicy } from '../http/retry-policy';
import { UpstreamError } from '../http/upstream-error';

export interface PlatformClientOptions {
  baseUrl: string;
  licenseId: string;
  token: string;
  policy?: Partial<RetryPolicy>;
  onRetry?: HttpClientOptions['onRetry'];
  pageSize?: number;
}

/** What one mutation came to. Retryable trouble (429, 5xx, network) never gets here: it is retried, then thrown. */
export type MutationOutcome =
  | { kind: 'applied'; status: number; body: unknown; requestId: string | null; replayed: boolean }
  | {
      kind: 'rejected';
      status: number;
      code: PlatformErrorCode | 'malformed';
      message: string;
      requestId: string | null;
    }
  | {
      kind: 'conflict';
      status: number;
      message: string;
      current: unknown;
      requestId: string | null;
    };

const ANSWERED = new Set([400, 404, 409, 412, 422, 428]);

const header = (headers: JsonResponse['headers'], name: string): string | null => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
};

/** Says which field of a reply broke the schema: the message a change shows. */
function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unexpected shape';
}

/**
 * The platform license API over undici: bearer token (read from the keychain by the caller, held
 * only here while requests are built), cursor paging, an Idempotency-Key on every mutation,
 * If-Match with the version the change was staged against, retries through HttpClient, and every
 * reply validated.
 */
export class PlatformClient {
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(private readonly options: PlatformClientOptions) {
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/licenses/${encodeURIComponent(options.licenseId)}`;
    this.http = new HttpClient({
      provider: 'The platform',
      policy: options.policy,
      authorize: () => ({ authorization: `Bearer ${options.token}` }),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      answerStatuses: ANSWERED,
    });
  }

  async license(signal?: AbortSignal): Promise<PlatformLicense> {
    return this.read(
      platformLicenseSchema,
      await this.http.json({ url: this.base }, signal),
      'the license',
    );
  }

  async teachers(signal?: AbortSignal): Promise<PlatformTeacher[]> {
    return this.all('teachers', platformTeacherSchema, signal);
  }

  async accounts(signal?: AbortSignal): Promise<PlatformAccount[]> {
    return this.all('accounts', platformAccountSchema, signal);
  }

  async teacher(id: string, signal?: AbortSignal): Promise<PlatformTeacher | null> {
    const response = await this.http.json(
      { url: `${this.base}/teachers/${encodeURIComponent(id)}` },
      signal,
    );
    if (response.status === 404) return null;
    return this.read(platformTeacherSchema, response, `teacher ${id}`);
  }

  invite(
    body: { email: string; givenName: string | null; familyName: string | null },
    key: string,
    signal?: AbortSignal,
  ): Promise<MutationOutcome> {
    return this.mutate(
      { method: 'POST', path: '/teachers', body, key },
      platformTeacherSchema,
      signal,
    );
  }

  changeEmail(
    id: string,
    email: string,
    version: number,
    key: string,
    signal?: AbortSignal,
  ): Promise<MutationOutcome> {
    return this.mutate(
      {
        method: 'PATCH',
        path: `/teachers/${encodeURIComponent(id)}`,
        body: { email },
        key,
        version,
      },
      platformTeacherSchema,
      signal,
    );
  }

  remove(id: string, version: number, key: string, signal?: AbortSignal): Promise<MutationOutcome> {
    return this.mutate(
      { method: 'DELETE', path: `/teachers/${encodeURIComponent(id)}`, key, version },
      platformTeacherSchema,
      signal,
    );
  }

  resend(id: string, key: string, signal?: AbortSignal): Promise<MutationOutcome> {
    return this.mutate(
      { method: 'POST', path: `/teachers/${encodeURIComponent(id)}/resend-invitation`, key },
      resendResultSchema,
      signal,
    );
  }

  /** Reminds an active teacher who has not signed in for long (the platform emails them). */
  remind(id: string, key: string, signal?: AbortSignal): Promise<MutationOutcome> {
    return this.mutate(
      { method: 'POST', path: `/teachers/${encodeURIComponent(id)}/remind`, key },
      resendResultSchema,
      signal,
    );
  }

  registerApplicationId(
    connectionId: string,
    applicationId: string,
    key: string,
    signal?: AbortSignal,
  ) {
    return this.mutate(
      {
        method: 'PUT',
        path: `/connections/${encodeURIComponent(connectionId)}/application-id`,
        body: { applicationId },
        key,
      },
      rosteringConnectionSchema,
      signal,
    );
  }

  merge(
    accountId: string,
    intoAccountId: string,
    version: number,
    key: string,
    signal?: AbortSignal,
  ) {
    return this.mutate(
      {
        method: 'POST',
        path: `/accounts/${encodeURIComponent(accountId)}/merge`,
        body: { intoAccountId },
        key,
        version,
      },
      mergeResultSchema,
      signal,
    );
  }

  /** Erases an old manual account (never a rostered one): its seat is freed, its work lost. */
  removeAccount(accountId: string, version: number, key: string, signal?: AbortSignal) {
    return this.mutate(
      { method: 'DELETE', path: `/accounts/${encodeURIComponent(accountId)}`, key, version },
      removeAccountResultSchema,
      signal,
    );
  }

  private async all<T>(
    what: 'teachers' | 'accounts',
    item: z.ZodType<T>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const out: T[] = [];
    const schema = pageSchema(item);
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: String(this.options.pageSize ?? 1000) });
      if (cursor) query.set('cursor', cursor);
      const page = this.read(
        schema,
        await this.http.json({ url: `${this.base}/${what}?${query}` }, signal),
        what,
      );
      out.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  private read<T>(schema: z.ZodType<T>, response: JsonResponse, what: string): T {
    if (response.status >= 300) {
      const error = platformErrorSchema.safeParse(response.body);
      throw new UpstreamError(
        response.status === 404 ? 'not-found' : 'client',
        `The platform refused to send ${what} (HTTP ${response.status}${error.success ? `: ${error.data.error.message}` : ''}). Check the license ID in Connections.`,
        response.status,
      );
    }
    const parsed = schema.safeParse(response.body);
    if (!parsed.success)
      throw new UpstreamError(
        'server',
        `The platform sent ${what} in a shape RosterDesk does not know (${describeIssues(parsed.error)})`,
      );
    return parsed.data;
  }

  private async mutate(
    op: {
      method: JsonRequest['method'];
      path: string;
      body?: unknown;
      key: string;
      version?: number;
    },
    schema: z.ZodType<unknown>,
    signal?: AbortSignal,
  ): Promise<MutationOutcome> {
    const headers: Record<string, string> = { 'idempotency-key': op.key };
    if (op.body !== undefined) headers['content-type'] = 'application/json';
    if (op.version !== undefined) headers['if-match'] = etagOf(op.version);
    const response = await this.http.json(
      {
        url: `${this.base}${op.path}`,
        method: op.method,
        headers,
        ...(op.body === undefined ? {} : { body: JSON.stringify(op.body) }),
      },
      signal,
    );
    const requestId = header(response.headers, 'x-request-id');
    if (response.status < 300) {
      const parsed = schema.safeParse(response.body);
      if (!parsed.success)
        return {
          kind: 'rejected',
          status: response.status,
          code: 'malformed',
          message: `The platform answered HTTP ${response.status} in a shape RosterDesk does not know (${describeIssues(parsed.error)}); check the record on the platform before retrying`,
          requestId,
        };
      return {
        kind: 'applied',
        status: response.status,
        body: parsed.data,
        requestId,
        replayed: header(response.headers, 'idempotent-replayed') === 'true',
      };
    }
    const error = platformErrorSchema.safeParse(response.body);
    if (!error.success)
      return {
        kind: 'rejected',
        status: response.status,
        code: 'malformed',
        message: `The platform refused the change with HTTP ${response.status} and an unreadable reason`,
        requestId,
      };
    const e = error.data.error;
    if (response.status === 412)
      return {
        kind: 'conflict',
        status: 412,
        message: e.message,
        current: e.current ?? null,
        requestId: e.requestId,
      };
    return {
      kind: 'rejected',
      status: response.status,
      code: e.code,
      message: e.message,
      requestId: e.requestId,
    };
  }
}
