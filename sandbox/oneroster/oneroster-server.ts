import crypto from 'node:crypto';
import http from 'node:http';
import type { District, RecordList } from '../district/district';
import { filterList } from '../district/district';
import { FaultInjector, NO_FAULTS, sendJson, wait } from '../faults';
import { listenOnLoopback } from '../loopback';
import type { FaultOptions } from '../faults';
import { verifyOAuth1 } from './oauth1-verify';
import {
  classWire,
  courseWire,
  enrollmentWire,
  orgWire,
  sessionWire,
  user1p2Wire,
  userWire,
} from './wire';

export const ONEROSTER_PATH = '/ims/oneroster/v1p1';
/** OneRoster 1.2 rostering: the same collections, users in the 1.2 shape (roles[], primaryOrg). */
export const ONEROSTER_1P2_PATH = '/ims/oneroster/rostering/v1p2';

/** The collections a full sync reads, rendered ahead when prerenderPageSize is set. */
const RENDERED = ['orgs', 'users', 'classes', 'enrollments', 'courses', 'academicSessions'];

export interface OneRosterServerOptions {
  district: District;
  clientId: string;
  clientSecret: string;
  port?: number;
  faults?: FaultOptions;
  maxLimit?: number;
  /**
   * Render every 1.1 page of this size before the server reports ready and answer those requests
   * with the stored bytes (the benchmark's server: a real provider renders on its own machines, so
   * here rendering must not take the cores the ingest is measured on).
   */
  prerenderPageSize?: number;
}

export interface RunningServer {
  baseUrl: string;
  port: number;
  faults: FaultInjector;
  /** The same district served as OneRoster 1.2 (OneRoster servers only). */
  baseUrl1p2?: string;
  /** Requests answered with data, by collection. */
  served: Map<string, number>;
  close(): Promise<void>;
}

interface Collection {
  envelope: string;
  list: () => RecordList<unknown>;
  wire: (base: string, record: never) => unknown;
}

/**
 * A OneRoster 1.1 and 1.2 REST server on loopback (1.1 at ONEROSTER_PATH, 1.2 at
 * ONEROSTER_1P2_PATH): two-legged OAuth 1.0a (verified by code independent of
 * the client's) or OAuth 2 client-credentials bearer tokens, limit/offset paging with
 * X-Total-Count and Link rel="next", `fields`, a simple `filter`, and injected faults.
 */
export async function startOneRosterServer(
  options: OneRosterServerOptions,
): Promise<RunningServer> {
  const { district } = options;
  const faults = new FaultInjector(options.faults ?? NO_FAULTS);
  const consumers = new Map([[options.clientId, options.clientSecret]]);
  const nonces = new Set<string>();
  const tokens = new Set<string>();
  const served = new Map<string, number>();
  const maxLimit = options.maxLimit ?? 10_000;
  const cache = new Map<string, RecordList<unknown>>();
  const memo =
    <T>(key: string, make: () => RecordList<T>) =>
    () => {
      if (!cache.has(key)) cache.set(key, make() as RecordList<unknown>);
      return cache.get(key) as RecordList<T>;
    };
  const byRole = (roles: string[]) =>
    memo(`users:${roles.join(',')}`, () =>
      filterList(district.users, (u) => roles.includes(u.role)),
    );
  const collections: Record<string, Collection> = {
    orgs: { envelope: 'orgs', list: () => district.orgs, wire: orgWire as Collection['wire'] },
    schools: {
      envelope: 'orgs',
      list: memo('schools', () => filterList(district.orgs, (o) => o.type === 'school')),
      wire: orgWire as Collection['wire'],
    },
    users: { envelope: 'users', list: () => district.users, wire: userWire as Collection['wire'] },
    teachers: {
      envelope: 'users',
      list: byRole(['teacher']),
      wire: userWire as Collection['wire'],
    },
    students: {
      envelope: 'users',
      list: byRole(['student']),
      wire: userWire as Collection['wire'],
    },
    classes: {
      envelope: 'classes',
      list: () => district.classes,
      wire: classWire as Collection['wire'],
    },
    enrollments: {
      envelope: 'enrollments',
      list: () => district.enrollments,
      wire: enrollmentWire as Collection['wire'],
    },
    courses: {
      envelope: 'courses',
      list: () => district.courses,
      wire: courseWire as Collection['wire'],
    },
    academicSessions: {
      envelope: 'academicSessions',
      list: () => district.academicSessions,
      wire: sessionWire as Collection['wire'],
    },
    terms: {
      envelope: 'academicSessions',
      list: memo('terms', () =>
        filterList(district.academicSessions, (s) => s.type !== 'schoolYear'),
      ),
      wire: sessionWire as Collection['wire'],
    },
  };

  let port = 0;
  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent)
        sendJson(res, 500, { imsx_codeMajor: 'failure', imsx_description: 'sandbox error' });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const prefix = [ONEROSTER_PATH, ONEROSTER_1P2_PATH].find((p) => url.pathname.startsWith(p));
    if (!prefix)
      return sendJson(res, 404, { imsx_codeMajor: 'failure', imsx_description: 'not found' });
    const v1p2 = prefix === ONEROSTER_1P2_PATH;
    const rest = url.pathname.slice(prefix.length);
    if (rest === '/token' && req.method === 'POST') return token(req, res);
    if (!authorized(req, url)) {
      return sendJson(
        res,
        401,
        { imsx_codeMajor: 'failure', imsx_severity: 'error', imsx_description: 'Unauthorized' },
        { 'WWW-Authenticate': 'OAuth realm="oneroster"' },
      );
    }
    const decision = faults.decide();
    if (decision.kind === 'drop') return void req.socket.destroy();
    await wait(decision.delayMs);
    if (decision.kind === 'error')
      return sendJson(res, decision.status, {
        imsx_codeMajor: 'failure',
        imsx_description: 'injected server error',
      });
    if (decision.kind === 'rate-limited')
      return sendJson(
        res,
        429,
        { imsx_codeMajor: 'failure', imsx_description: 'Too Many Requests' },
        { 'Retry-After': String(decision.retryAfterSeconds) },
      );
    const name = rest.replace(/^\//, '');
    const found = collections[name];
    const collection =
      found && v1p2 && found.envelope === 'users'
        ? { ...found, wire: user1p2Wire as Collection['wire'] }
        : found;
    if (!collection)
      return sendJson(res, 404, {
        imsx_codeMajor: 'failure',
        imsx_description: `unknown collection ${name}`,
      });
    const limit = Number(url.searchParams.get('limit') ?? '100');
    const offset = Number(url.searchParams.get('offset') ?? '0');
    if (
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > maxLimit ||
      !Number.isInteger(offset) ||
      offset < 0
    ) {
      return sendJson(res, 400, {
        imsx_codeMajor: 'failure',
        imsx_description: `limit must be 1..${maxLimit} and offset >= 0`,
      });
    }
    let list = collection.list();
    const filter = url.searchParams.get('filter');
    if (filter) {
      const parsed = /^(\w+)(>=|<=|!=|=|>|<|~)'([^']*)'$/.exec(filter.trim());
      if (!parsed)
        return sendJson(res, 400, {
          imsx_codeMajor: 'failure',
          imsx_description: `unsupported filter ${filter}`,
        });
      const [, field = '', op = '=', value = ''] = parsed;
      const wire = (r: unknown) =>
        collection.wire(`${base(prefix)}`, r as never) as Record<string, unknown>;
      list = memo(`${prefix}${name}:${filter}`, () =>
        filterList(list, (r) => compare(String(wire(r)[field] ?? ''), op, value)),
      )();
    }
    const fields = url.searchParams
      .get('fields')
      ?.split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    served.set(name, (served.get(name) ?? 0) + 1);
    const headers: Record<string, string> = { 'X-Total-Count': String(list.count) };
    if (offset + limit < list.count) {
      const next = new URL(url);
      next.searchParams.set('offset', String(offset + limit));
      next.searchParams.set('limit', String(limit));
      headers.Link = `<${next.toString()}>; rel="next"`;
    }
    const stored =
      !v1p2 && !filter && !fields && !decision.truncate && limit === options.prerenderPageSize
        ? rendered.get(`${name}:${offset}`)
        : undefined;
    if (stored) {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': stored.byteLength,
        ...headers,
      });
      return void res.end(stored);
    }
    const body = { [collection.envelope]: page(collection, list, prefix, offset, limit, fields) };
    sendJson(res, 200, body, headers, decision.truncate);
  }

  function page(
    collection: Collection,
    list: RecordList<unknown>,
    prefix: string,
    offset: number,
    limit: number,
    fields?: string[],
  ): unknown[] {
    const records: unknown[] = [];
    for (let i = offset; i < Math.min(list.count, offset + limit); i++) {
      const record = collection.wire(base(prefix), list.at(i) as never) as Record<string, unknown>;
      records.push(fields ? Object.fromEntries(fields.map((f) => [f, record[f]])) : record);
    }
    return records;
  }

  /** The stored 1.1 pages (prerenderPageSize), by `collection:offset`. */
  const rendered = new Map<string, Buffer>();
  function prerender(size: number): void {
    for (const name of RENDERED) {
      const collection = collections[name];
      if (!collection) continue;
      const list = collection.list();
      for (let offset = 0; offset === 0 || offset < list.count; offset += size) {
        const body = {
          [collection.envelope]: page(collection, list, ONEROSTER_PATH, offset, size),
        };
        rendered.set(`${name}:${offset}`, Buffer.from(JSON.stringify(body)));
      }
    }
  }

  const base = (prefix = ONEROSTER_PATH) => `http://127.0.0.1:${port}${prefix}`;

  function authorized(req: http.IncomingMessage, url: URL): boolean {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) return tokens.has(header.slice(7));
    return verifyOAuth1({
      method: req.method ?? 'GET',
      baseUrl: `http://${req.headers.host ?? ''}${url.pathname}`,
      query: url.searchParams,
      authorization: header,
      consumers,
      seenNonces: nonces,
    }).ok;
  }

  function token(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const basic = req.headers.authorization?.startsWith('Basic ')
        ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString()
        : '';
      const [id = '', secret = ''] = basic.split(':').map((p) => decodeURIComponent(p));
      if (
        new URLSearchParams(body).get('grant_type') !== 'client_credentials' ||
        consumers.get(id) !== secret
      ) {
        return sendJson(res, 401, { error: 'invalid_client' });
      }
      const value = crypto.randomBytes(24).toString('hex');
      tokens.add(value);
      sendJson(res, 200, { access_token: value, token_type: 'bearer', expires_in: 3600 });
    });
  }

  const listening = await listenOnLoopback(server, options.port);
  port = listening.port;
  if (options.prerenderPageSize) prerender(options.prerenderPageSize);
  return {
    baseUrl: base(),
    baseUrl1p2: base(ONEROSTER_1P2_PATH),
    port,
    faults,
    served,
    close: listening.close,
  };
}

function compare(actual: string, op: string, expected: string): boolean {
  switch (op) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    default:
      return actual.includes(expected);
  }
}
