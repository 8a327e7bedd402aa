import { Agent, errors as undiciErrors, request } from 'undici';
import type { Dispatcher } from 'undici';
import { DEFAULT_RETRY_POLICY, backoffDelay, rateLimitWait } from './retry-policy';
import type { RetryPolicy } from './retry-policy';
import { sleep } from './sleep';
import { UpstreamError } from './upstream-error';

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}

export interface JsonResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface HttpClientOptions {
  /** "ClassLink", "Clever": used in every message. */
  provider: string;
  policy?: Partial<RetryPolicy>;
  /** Adds auth headers; called for every attempt (OAuth 1.0a needs a fresh nonce each time). */
  authorize?: (request: JsonRequest) => Promise<Record<string, string>> | Record<string, string>;
  /** Told about each retry, for logs and progress. */
  onRetry?: (info: {
    url: string;
    attempt: number;
    waitMs: number;
    reason: string;
    /** The HTTP status that caused the retry, or null for a network failure or a bad body. */
    status: number | null;
  }) => void;
  dispatcher?: Dispatcher;
  /**
   * Non-2xx statuses the caller handles itself (a platform's 409 or 412 with a JSON reason): the
   * response comes back instead of an error. 401 is still refused; 429 and 5xx still retried.
   */
  answerStatuses?: ReadonlySet<number>;
}

const sharedAgent = new Agent({ connections: 16, keepAliveTimeout: 10_000 });

/**
 * GETs or POSTs JSON through undici with a per-request timeout, retries with backoff and jitter on
 * network errors, 5xx (not 501), 429 and malformed bodies, honouring Retry-After and
 * X-RateLimit-Reset, and no retry on 400/401/403/404/501. Cancellable through the signal.
 */
export class HttpClient {
  private readonly policy: RetryPolicy;

  constructor(private readonly options: HttpClientOptions) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  }

  async json(req: JsonRequest, signal?: AbortSignal): Promise<JsonResponse> {
    return this.send(req, signal, true);
  }

  /**
   * A 2xx reply's body as text, not yet parsed (with the same retries, except for a malformed
   * body, which only parsing finds). A page fetched ahead waits as one string instead of thousands
   * of parsed objects; parse it with parseOr().
   */
  async text(req: JsonRequest, signal?: AbortSignal): Promise<JsonResponse & { body: string }> {
    return this.send(req, signal, false) as Promise<JsonResponse & { body: string }>;
  }

  /** A body from text() parsed; if it is not valid JSON, the request again, with retries. */
  async parseOr(
    req: JsonRequest,
    response: JsonResponse & { body: string },
    signal?: AbortSignal,
  ): Promise<JsonResponse> {
    try {
      return {
        ...response,
        body: response.body.length === 0 ? null : (JSON.parse(response.body) as unknown),
      };
    } catch {
      return this.json(req, signal);
    }
  }

  private async send(
    req: JsonRequest,
    signal: AbortSignal | undefined,
    parse: boolean,
  ): Promise<JsonResponse> {
    const where = describeUrl(req.url);
    let lastReason = '';
    let lastStatus: number | null = null;
    for (let attempt = 1; attempt <= this.policy.maxAttempts; attempt++) {
      if (signal?.aborted) throw new UpstreamError('cancelled', 'Cancelled');
      let waitMs: number | null = null;
      try {
        const auth = this.options.authorize ? await this.options.authorize(req) : {};
        const timeout = AbortSignal.timeout(this.policy.timeoutMs);
        const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
        const response = await request(req.url, {
          method: req.method ?? 'GET',
          headers: { accept: 'application/json', ...req.headers, ...auth },
          ...(req.body === undefined ? {} : { body: req.body }),
          signal: combined,
          dispatcher: this.options.dispatcher ?? sharedAgent,
          headersTimeout: this.policy.timeoutMs,
          bodyTimeout: this.policy.timeoutMs,
        });
        const status = response.statusCode;
        const text = await response.body.text();
        if (status >= 200 && status < 300) {
          if (!parse) return { status, headers: response.headers, body: text };
          try {
            return {
              status,
              headers: response.headers,
              body: text.length === 0 ? null : JSON.parse(text),
            };
          } catch {
            lastReason = `the reply to ${where} is not valid JSON (${text.length} bytes)`;
            lastStatus = null;
          }
        } else if (this.options.answerStatuses?.has(status)) {
          let body: unknown = null;
          try {
            body = text.length === 0 ? null : JSON.parse(text);
          } catch {
            body = null;
          }
          return { status, headers: response.headers, body };
        } else {
          this.refuse(status, where);
          lastReason = `HTTP ${status} from ${where}`;
          lastStatus = status;
          if (status === 429 || status === 503) waitMs = rateLimitWait(response.headers);
        }
      } catch (error) {
        if (error instanceof UpstreamError) throw error;
        if (signal?.aborted) throw new UpstreamError('cancelled', 'Cancelled');
        lastReason = networkReason(error, where, this.policy.timeoutMs);
        lastStatus = null;
      }
      if (attempt === this.policy.maxAttempts) break;
      const wait = Math.min(
        waitMs ?? backoffDelay(this.policy, attempt),
        this.policy.maxRateLimitWaitMs,
      );
      this.options.onRetry?.({
        url: where,
        attempt,
        waitMs: wait,
        reason: lastReason,
        status: lastStatus,
      });
      await sleep(wait, signal);
    }
    throw new UpstreamError(
      'server',
      `${this.options.provider} kept failing: ${lastReason} (gave up after ${this.policy.maxAttempts} attempts)`,
    );
  }

  /** Statuses that retrying cannot fix: say what they mean and stop. */
  private refuse(status: number, where: string): void {
    const provider = this.options.provider;
    if (status === 401)
      throw new UpstreamError(
        'auth',
        `Credentials rejected by ${provider} (HTTP 401 for ${where}). Check the client ID and secret or token in Connections.`,
        status,
      );
    if (status === 403)
      throw new UpstreamError(
        'refused',
        `${provider} refused access to ${where} (HTTP 403): the credentials lack permission for it`,
        status,
      );
    if (status === 404)
      throw new UpstreamError(
        'not-found',
        `${provider} has nothing at ${where} (HTTP 404): check the connection's base URL`,
        status,
      );
    if (status === 413)
      throw new UpstreamError(
        'client',
        `${provider} refused the page size for ${where} (HTTP 413)`,
        status,
      );
    if (status === 501 || (status >= 400 && status < 500 && status !== 408 && status !== 429)) {
      throw new UpstreamError(
        'client',
        `${provider} rejected the request for ${where} (HTTP ${status})`,
        status,
      );
    }
  }
}

/** The URL without its query string's values: enough to say where, never a credential. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function networkReason(error: unknown, where: string, timeoutMs: number): string {
  if (
    error instanceof Error &&
    (error.name === 'TimeoutError' ||
      error instanceof undiciErrors.HeadersTimeoutError ||
      error instanceof undiciErrors.BodyTimeoutError)
  ) {
    return `no answer for ${where} within ${Math.round(timeoutMs / 1000)} s`;
  }
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ??
    (error as { cause?: { code?: string } }).cause?.code;
  if (code) return `connection failed for ${where} (${code})`;
  return `connection failed for ${where} (${error instanceof Error ? error.message : String(error)})`;
}
