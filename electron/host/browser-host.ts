import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HOST_API_PREFIX, HOST_EVENTS_PATH, MAX_REQUEST_BYTES } from '../../shared/ipc/contract';
import type { EventBus } from '../core/events/event-bus';
import type { IpcErrorCode, IpcResult } from '../../shared/ipc/errors';
import type { Logger } from '../core/runtime/logger';
import { dispatch } from '../core/ipc/dispatch';
import type { HandlerTable } from '../core/ipc/handler-table';
import { CONTENT_SECURITY_POLICY } from '../../shared/ipc/content-security-policy';
import { readStaticFile } from './static-files';

export interface BrowserHostOptions {
  table: HandlerTable;
  logger: Logger;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; a fresh random one per launch otherwise. */
  token?: string;
  /** The events sent to the window over GET /api/events (none when absent). */
  events?: EventBus;
}

/** A comment line on the event stream this often, so a dead client is noticed and proxies keep it open. */
const HEARTBEAT_MS = 15_000;

export interface BrowserHost {
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const STATUS: Record<IpcErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNKNOWN_CHANNEL: 404,
  NOT_FOUND: 404,
  KEYCHAIN_UNAVAILABLE: 503,
  UNTRUSTED_SENDER: 403,
  UNAUTHORIZED: 401,
  PAYLOAD_TOO_LARGE: 413,
  NEEDS_CONFIRMATION: 409,
  UPSTREAM: 502,
  SHUTTING_DOWN: 503,
  INTERNAL: 500,
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

class RequestTooLarge extends Error {}

/**
 * The browser host: serves the built renderer, POST /api/<channel> and the event stream
 * (GET /api/events) on 127.0.0.1 only.
 * Every API call must carry the per-launch token; the Host header must name this loopback
 * address (no DNS rebinding); bodies are limited in size; replies are the IPC envelope.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  let port = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      options.logger.error('browser host request failed', error);
      if (!res.headersSent)
        sendJson(res, 500, failure('INTERNAL', 'The browser host failed to answer'));
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!req.headers.host || !allowedHosts.includes(req.headers.host)) {
      sendJson(
        res,
        403,
        failure('UNTRUSTED_SENDER', 'Requests must be addressed to the loopback host'),
      );
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === HOST_EVENTS_PATH) {
      handleEvents(req, res);
      return;
    }
    if (url.pathname.startsWith(HOST_API_PREFIX)) {
      await handleApi(req, res, url.pathname.slice(HOST_API_PREFIX.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    const file = readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      res
        .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
        .end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.type,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      ...SECURITY_HEADERS,
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /** Whether the call carries this launch's token and, when it names one, this host's origin. */
  function refused(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      req.resume();
      sendJson(
        res,
        401,
        failure('UNAUTHORIZED', 'Missing or wrong RosterDesk token: open the URL the host printed'),
      );
      return true;
    }
    const origin = req.headers.origin;
    if (
      origin !== undefined &&
      origin !== `http://127.0.0.1:${port}` &&
      origin !== `http://localhost:${port}`
    ) {
      req.resume();
      sendJson(res, 403, failure('UNTRUSTED_SENDER', `Calls from ${origin} are not accepted`));
      return true;
    }
    return false;
  }

  /**
   * The event stream: server-sent events, one `event:` name and one JSON `data:` line each, as
   * shared/ipc/events.ts declares them. Read with fetch (an EventSource cannot send the token).
   */
  function handleEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'GET') {
      sendJson(res, 405, failure('BAD_REQUEST', 'The event stream is read with GET'), {
        Allow: 'GET',
      });
      return;
    }
    if (refused(req, res)) return;
    const bus = options.events;
    if (!bus) {
      sendJson(res, 404, failure('NOT_FOUND', 'This host sends no events'));
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      ...SECURITY_HEADERS,
    });
    res.write('retry: 2000\n: connected\n\n');
    const unsubscribe = bus.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const end = () => {
      clearInterval(heartbeat);
      unsubscribe();
    };
    res.on('close', end);
    res.on('error', end);
  }

  async function handleApi(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    channel: string,
  ): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(res, 405, failure('BAD_REQUEST', 'API calls must be POST'), { Allow: 'POST' });
      return;
    }
    if (refused(req, res)) return;
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      sendJson(
        res,
        415,
        failure('BAD_REQUEST', 'API calls must send Content-Type: application/json'),
      );
      return;
    }
    let body: string;
    try {
      body = await readBody(req, MAX_REQUEST_BYTES);
    } catch (error) {
      if (error instanceof RequestTooLarge) {
        sendJson(
          res,
          413,
          failure('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_REQUEST_BYTES} bytes`),
          {
            Connection: 'close',
          },
        );
        return;
      }
      throw error;
    }
    let payload: unknown;
    try {
      payload = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      sendJson(res, 400, failure('BAD_REQUEST', 'The request body is not valid JSON'));
      return;
    }
    let channelName: string;
    try {
      channelName = decodeURIComponent(channel);
    } catch {
      sendJson(res, 400, failure('BAD_REQUEST', 'The channel name in the URL is not valid'));
      return;
    }
    const result = await dispatch(
      options.table,
      channelName,
      payload,
      { transport: 'browser-host' },
      options.logger,
    );
    sendJson(res, result.ok ? 200 : STATUS[result.error.code], result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function failure(code: IpcErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
    ...extra,
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new RequestTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new RequestTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
