import http from 'node:http';
import type { RosterCourse, RosterOrg, RosterSession } from '../../shared/domain/roster';
import { classMembers } from '../district/class-members';
import type { District, RecordList } from '../district/district';
import { filterList } from '../district/district';
import { FaultInjector, NO_FAULTS, sendJson, wait } from '../faults';
import { listenOnLoopback } from '../loopback';
import type { FaultOptions } from '../faults';
import type { RunningServer } from '../oneroster/oneroster-server';
import {
  cleverCourse,
  cleverDistrict,
  cleverRoleOf,
  cleverSchool,
  cleverSection,
  cleverTerm,
  cleverUser,
} from './wire';

export interface CleverServerOptions {
  district: District;
  token: string;
  port?: number;
  faults?: FaultOptions;
  /** Requests a minute per token before 429 with X-RateLimit-Reset; Clever's is 1,200. */
  ratePerMinute?: number;
}

const MAX_LIMIT = 10_000;

/** A Clever API v3.0 server on loopback: bearer auth, id-sorted cursor paging with links, rate limits, faults. */
export async function startCleverServer(options: CleverServerOptions): Promise<RunningServer> {
  const { district } = options;
  const faults = new FaultInjector(options.faults ?? NO_FAULTS);
  const served = new Map<string, number>();
  const districtOrg = filterList(district.orgs, (o) => o.type === 'district');
  const districtId = districtOrg.count > 0 ? districtOrg.at(0).sourcedId : 'district';
  const schools = filterList(district.orgs, (o) => o.type === 'school');
  const terms = filterList(district.academicSessions, (s) => s.type !== 'schoolYear');
  const byRole = new Map<string, RecordList<ReturnType<typeof district.users.at>>>();
  let members: ReturnType<typeof classMembers> | null = null;
  const window = { start: Date.now(), count: 0 };

  const lists: Record<
    string,
    (
      query: URLSearchParams,
    ) => { list: RecordList<unknown>; render: (r: never) => { id: string } } | string
  > = {
    users: (q) => {
      const role = q.get('role');
      if (role && !['teacher', 'student', 'staff', 'district_admin', 'contact'].includes(role))
        return `unknown role ${role}`;
      let list = district.users;
      if (role) {
        if (!byRole.has(role))
          byRole.set(
            role,
            filterList(district.users, (u) => cleverRoleOf(u) === role),
          );
        list = byRole.get(role) ?? list;
      }
      return {
        list: list as RecordList<unknown>,
        render: ((u: Parameters<typeof cleverUser>[1]) => cleverUser(districtId, u)) as (
          r: never,
        ) => { id: string },
      };
    },
    sections: () => {
      members ??= classMembers(district);
      const m = members;
      return {
        list: district.classes as RecordList<unknown>,
        render: ((c: Parameters<typeof cleverSection>[1]) =>
          cleverSection(districtId, c, m.get(c.sourcedId))) as (r: never) => { id: string },
      };
    },
    schools: () => ({
      list: schools as RecordList<unknown>,
      render: ((o: RosterOrg) => cleverSchool(districtId, o)) as (r: never) => { id: string },
    }),
    courses: () => ({
      list: district.courses as RecordList<unknown>,
      render: ((c: RosterCourse) => cleverCourse(districtId, c)) as (r: never) => { id: string },
    }),
    terms: () => ({
      list: terms as RecordList<unknown>,
      render: ((s: RosterSession) => cleverTerm(districtId, s)) as (r: never) => { id: string },
    }),
    districts: () => ({
      list: districtOrg as RecordList<unknown>,
      render: ((o: RosterOrg) => cleverDistrict(o)) as (r: never) => { id: string },
    }),
  };

  let port = 0;
  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'sandbox error' });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return sendJson(res, 401, { error: 'Unauthorized' });
    const rate = options.ratePerMinute ?? 1200;
    if (Date.now() - window.start >= 60_000) Object.assign(window, { start: Date.now(), count: 0 });
    window.count++;
    const reset = String(Math.ceil((window.start + 60_000) / 1000));
    const rateHeaders = {
      'X-RateLimit-Limit': String(rate),
      'X-RateLimit-Remaining': String(Math.max(0, rate - window.count)),
      'X-RateLimit-Reset': reset,
    };
    if (window.count > rate) return sendJson(res, 429, { error: 'Too Many Requests' }, rateHeaders);
    const decision = faults.decide();
    if (decision.kind === 'drop') return void req.socket.destroy();
    await wait(decision.delayMs);
    if (decision.kind === 'error')
      return sendJson(res, decision.status, { error: 'injected server error' });
    if (decision.kind === 'rate-limited') {
      return sendJson(
        res,
        429,
        { error: 'Too Many Requests' },
        {
          ...rateHeaders,
          'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + decision.retryAfterSeconds),
        },
      );
    }
    const match = /^\/v3\.0\/(\w+)$/.exec(url.pathname);
    const resource = match?.[1] ?? '';
    const make = lists[resource];
    if (!make) return sendJson(res, 404, { error: `Not found: ${url.pathname}` });
    const made = make(url.searchParams);
    if (typeof made === 'string') return sendJson(res, 400, { error: made });
    const limit = Number(url.searchParams.get('limit') ?? '100');
    if (!Number.isInteger(limit) || limit < 1)
      return sendJson(res, 400, { error: 'limit must be a positive integer' });
    if (limit > MAX_LIMIT)
      return sendJson(res, 413, { error: `limit may be at most ${MAX_LIMIT}` });
    const after = url.searchParams.get('starting_after');
    const { list, render } = made;
    let start = 0;
    if (after) {
      // Ids are sorted: binary search for the first id greater than the cursor.
      let lo = 0;
      let hi = list.count;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (render(list.at(mid) as never).id <= after) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const data: { data: unknown; uri: string }[] = [];
    for (let i = start; i < Math.min(list.count, start + limit); i++) {
      const record = render(list.at(i) as never);
      data.push({ data: record, uri: `/v3.0/${resource}/${record.id}` });
    }
    served.set(resource, (served.get(resource) ?? 0) + 1);
    const links: { rel: string; uri: string }[] = [
      { rel: 'self', uri: `${url.pathname}${url.search}` },
    ];
    const last = data.at(-1) as { data: { id: string } } | undefined;
    if (last && start + limit < list.count) {
      const next = new URLSearchParams(url.searchParams);
      next.set('limit', String(limit));
      next.set('starting_after', last.data.id);
      links.push({ rel: 'next', uri: `${url.pathname}?${next.toString()}` });
    }
    sendJson(res, 200, { data, links }, rateHeaders, decision.truncate);
  }

  const listening = await listenOnLoopback(server, options.port);
  port = listening.port;
  return { baseUrl: `http://127.0.0.1:${port}/v3.0`, port, faults, served, close: listening.close };
}
