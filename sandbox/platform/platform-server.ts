import crypto from 'node:crypto';
import http from 'node:http';
import type { District } from '../district/district';
import { seededRandom } from '../district/random';
import { FaultInjector, NO_FAULTS, sendJson, wait } from '../faults';
import type { FaultOptions } from '../faults';
import type { PlatformErrorCode } from '../../shared/platform/platform-wire';
import { listenOnLoopback } from '../loopback';
import { MUTATING, fail, routePlatform } from './platform-routes';
import type { RouteResult } from './platform-routes';
import { PlatformStore } from './platform-store';
import { seedPlatform } from './seed-platform';
import type { PlatformSeed } from './seed-platform';

export interface PlatformServerOptions {
  /** The platform's SQLite file; it survives a restart of the server. */
  file: string;
  token: string;
  licenseId: string;
  /** Seeds an empty store from this district. */
  district?: District;
  seed?: Omit<PlatformSeed, 'licenseId'>;
  port?: number;
  faults?: FaultOptions;
  /** Every exchange, for tests that check both sides against the OpenAPI document. */
  onExchange?: (exchange: Exchange) => void;
}

export interface Exchange {
  method: string;
  /** The path after the server's base (`/licenses/…`). */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: unknown;
}

export interface RunningPlatform {
  baseUrl: string;
  port: number;
  store: PlatformStore;
  faults: FaultInjector;
  /** Replaces the accepted token: the old one now gets 401 (an expired token). */
  setToken(token: string): void;
  close(): Promise<void>;
}

export const PLATFORM_BASE_PATH = '/v1';
const MAX_BODY = 1024 * 1024;

/**
 * The platform license API of `shared/platform/platform-api.openapi.yaml` on loopback: bearer
 * token, cursor paging, Idempotency-Key on every mutation with a persistent ledger (a key is
 * applied once; retries get the stored answer), If-Match with 412, 429 with Retry-After, and the
 * roster sandboxes' fault flags. Half of the injected 5xx and dropped connections on mutations
 * come after the change was applied, as when a real server commits and then its answer is lost.
 */
export async function startPlatformServer(
  options: PlatformServerOptions,
): Promise<RunningPlatform> {
  const store = new PlatformStore(options.file);
  if (options.district)
    seedPlatform(store, options.district, {
      seed: 42,
      ...options.seed,
      licenseId: options.licenseId,
    });
  const faults = new FaultInjector(options.faults ?? NO_FAULTS);
  const afterApply = seededRandom((options.faults?.seed ?? 1) + 7);
  let token = options.token;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks).toString('utf8'), size > MAX_BODY).catch(() => {
        if (res.headersSent) return;
        const failure = fail(500, 'server_error', 'sandbox failure', 'none');
        sendJson(res, failure.status, failure.body);
      });
    });
  });

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    text: string,
    tooBig: boolean,
  ) {
    const requestId = `req_${crypto.randomBytes(8).toString('hex')}`;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname.startsWith(PLATFORM_BASE_PATH)
      ? url.pathname.slice(PLATFORM_BASE_PATH.length)
      : url.pathname;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    let requestBody: unknown = undefined;
    let badJson = false;
    if (text.length > 0) {
      try {
        requestBody = JSON.parse(text);
      } catch {
        requestBody = text;
        badJson = true;
      }
    }
    const reply = (result: RouteResult, truncate = false) => {
      const responseHeaders = { 'X-Request-Id': requestId, ...result.headers };
      options.onExchange?.({
        method,
        path,
        query: Object.fromEntries(url.searchParams),
        headers,
        requestBody,
        status: result.status,
        responseHeaders,
        responseBody: result.body,
      });
      sendJson(res, result.status, result.body, responseHeaders, truncate);
    };
    const error = (
      status: number,
      code: PlatformErrorCode,
      message: string,
      headers?: Record<string, string>,
    ) => reply(fail(status, code, message, requestId, {}, headers));

    const decision = faults.decide();
    if (decision.kind !== 'drop') await wait(decision.delayMs);
    if (decision.kind === 'rate-limited')
      return error(429, 'rate_limited', 'Too many requests', {
        'Retry-After': String(decision.retryAfterSeconds),
      });
    if (req.headers.authorization !== `Bearer ${token}`)
      return error(401, 'unauthorized', 'The API token is missing, wrong or expired');
    if (!url.pathname.startsWith(`${PLATFORM_BASE_PATH}/`))
      return error(404, 'not_found', 'Not an API path');
    if (tooBig) return error(400, 'bad_request', 'The body is over 1 MiB');
    if (badJson) return error(400, 'bad_request', 'The body is not valid JSON');
    const mutating = MUTATING.has(method);
    const key = headers['idempotency-key'];
    const faultAfter =
      mutating && (decision.kind === 'error' || decision.kind === 'drop') && afterApply() < 0.5;
    if (!faultAfter) {
      if (decision.kind === 'drop') return req.socket.destroy();
      if (decision.kind === 'error')
        return error(decision.status, 'server_error', 'Injected failure');
    }
    if (mutating && (!key || !/^[A-Za-z0-9_.:-]{8,128}$/.test(key)))
      return error(
        400,
        'bad_request',
        'Every change needs an Idempotency-Key header (8 to 128 of A-Z a-z 0-9 _ . : -)',
      );
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    const bodyHash = crypto.createHash('sha256').update(text).digest('hex');
    const result = store.db.transaction((): RouteResult => {
      if (mutating && key) {
        const prior = store.idempotency.get(key);
        if (prior) {
          if (prior.method !== method || prior.path !== path || prior.body_hash !== bodyHash)
            return fail(
              409,
              'idempotency_key_reused',
              `Idempotency-Key ${key} was used for another request (${prior.method} ${prior.path})`,
              requestId,
            );
          store.idempotency.replayed(key);
          return {
            status: prior.status,
            body: JSON.parse(prior.response) as unknown,
            headers: {
              ...(JSON.parse(prior.headers) as Record<string, string>),
              'Idempotent-Replayed': 'true',
            },
          };
        }
      }
      const routed = routePlatform(store, options.licenseId, {
        method,
        segments,
        query: url.searchParams,
        headers,
        body: requestBody,
        requestId,
      });
      if (mutating && key) {
        const stored = { 'X-Request-Id': requestId, ...routed.headers };
        store.idempotency.put({
          key,
          method,
          path,
          bodyHash,
          status: routed.status,
          headers: stored,
          response: JSON.stringify(routed.body),
          requestId,
        });
        if (routed.event) store.idempotency.record({ key, ...routed.event });
        return { ...routed, headers: stored };
      }
      return routed;
    })();
    if (faultAfter && decision.kind === 'drop') return req.socket.destroy();
    if (faultAfter && decision.kind === 'error')
      return error(
        decision.status,
        'server_error',
        'Injected failure after the change was applied',
      );
    reply(result, decision.kind === 'ok' && decision.truncate && result.status < 300);
  }

  const listening = await listenOnLoopback(server, options.port);
  const port = listening.port;
  return {
    baseUrl: `http://127.0.0.1:${port}${PLATFORM_BASE_PATH}`,
    port,
    store,
    faults,
    setToken: (next) => {
      token = next;
    },
    close: async () => {
      await listening.close();
      store.close();
    },
  };
}
