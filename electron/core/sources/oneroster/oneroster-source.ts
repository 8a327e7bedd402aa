import { rosterResources } from '../../../../shared/domain/roster';
import type { RosterResource } from '../../../../shared/domain/roster';
import { HttpClient, describeUrl } from '../../http/http-client';
import type { HttpClientOptions } from '../../http/http-client';
import type { RetryPolicy } from '../../http/retry-policy';
import { UpstreamError } from '../../http/upstream-error';
import { mapRecords } from '../map-batch';
import { pagesReadAlone } from '../roster-source';
import type {
  PageClaims,
  RosterSource,
  SourceBatch,
  SourceStream,
  SourceThread,
} from '../roster-source';
import { oauth1Header } from './oauth1';
import { ClientCredentialsToken } from './oauth2';
import { oneRosterMappers, oneRosterUserMapper } from './oneroster-records';
import type { OneRosterVersion } from './oneroster-records';

export type OneRosterAuth =
  | { method: 'oauth1'; clientId: string; clientSecret: string }
  | { method: 'oauth2'; clientId: string; clientSecret: string; tokenUrl: string };

export interface OneRosterSourceOptions {
  baseUrl: string;
  auth: OneRosterAuth;
  provider?: string;
  pageSize?: number;
  /** Pages fetched at once per resource when the total is known. */
  concurrency?: number;
  policy?: Partial<RetryPolicy>;
  /** Delta pull: only records modified after this ISO time. */
  since?: string;
  resources?: readonly RosterResource[];
  /** The user shape read: 1.1 (`role`), 1.2 (`roles[]`), or each record by its shape (default). */
  version?: OneRosterVersion;
  onRetry?: HttpClientOptions['onRetry'];
}

const COLLECTION: Record<RosterResource, { path: string; envelope: string }> = {
  orgs: { path: 'orgs', envelope: 'orgs' },
  users: { path: 'users', envelope: 'users' },
  classes: { path: 'classes', envelope: 'classes' },
  enrollments: { path: 'enrollments', envelope: 'enrollments' },
  courses: { path: 'courses', envelope: 'courses' },
  academicSessions: { path: 'academicSessions', envelope: 'academicSessions' },
};

interface Page {
  /** Released once mapped (see batch()); `read` keeps their count. */
  raws: unknown[];
  read: number;
  total: number | null;
  next: string | null;
  url: string;
}

/**
 * OneRoster 1.1 and 1.2 REST (ClassLink Roster Server and others; 1.2 users carry roles[] and
 * primaryOrg, and the base path is whatever the server serves, v1p1 or rostering/v1p2): limit/offset paging, using
 * X-Total-Count to fetch several pages at once, else Link rel="next", else short pages. URLs are
 * built from the configured base, never from hrefs in the data.
 */
export class OneRosterSource implements RosterSource {
  readonly provider: string;
  readonly label: string;
  readonly delta: boolean;
  private readonly http: HttpClient;
  private readonly pageSize: number;
  private readonly concurrency: number;

  constructor(private readonly options: OneRosterSourceOptions) {
    this.provider = options.provider ?? 'ClassLink';
    this.label = options.baseUrl;
    this.delta = Boolean(options.since);
    this.pageSize = options.pageSize ?? 1000;
    this.concurrency = options.concurrency ?? 4;
    const auth = options.auth;
    let bearer: ClientCredentialsToken | null = null;
    const tokenHttp = new HttpClient({
      provider: this.provider,
      ...(options.policy ? { policy: options.policy } : {}),
    });
    if (auth.method === 'oauth2')
      bearer = new ClientCredentialsToken(
        tokenHttp,
        auth.tokenUrl,
        auth.clientId,
        auth.clientSecret,
        this.provider,
      );
    this.http = new HttpClient({
      provider: this.provider,
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      authorize: async (req) =>
        bearer
          ? { authorization: `Bearer ${await bearer.bearer()}` }
          : { authorization: oauth1Header(auth, { url: req.url, method: req.method ?? 'GET' }) },
    });
  }

  thread(): Promise<SourceThread> {
    const { onRetry, ...options } = this.options;
    // Pages are the only thing held: as many as are fetched ahead.
    return Promise.resolve({
      spec: { kind: 'oneroster', options },
      bounded: true,
      ...(onRetry ? { onRetry } : {}),
    });
  }

  streams(): SourceStream[] {
    return (this.options.resources ?? rosterResources).map((resource) => ({
      name: resource,
      resources: [resource],
      read: (signal: AbortSignal, tickets?: PageClaims) =>
        this.readResource(resource, signal, tickets),
      help: (signal: AbortSignal, tickets: PageClaims) =>
        this.takenPages(resource, signal, tickets, null),
    }));
  }

  private url(resource: RosterResource, offset: number): string {
    const url = new URL(`${this.options.baseUrl}/${COLLECTION[resource].path}`);
    url.searchParams.set('limit', String(this.pageSize));
    url.searchParams.set('offset', String(offset));
    if (this.options.since)
      url.searchParams.set('filter', `dateLastModified>'${this.options.since}'`);
    return url.toString();
  }

  /** A page fetched, its body still text: pages fetched ahead wait as one string each. */
  private async fetchPage(url: string, signal: AbortSignal) {
    return { url, response: await this.http.text({ url }, signal) };
  }

  private async page(
    resource: RosterResource,
    fetched: Awaited<ReturnType<OneRosterSource['fetchPage']>>,
    signal: AbortSignal,
  ): Promise<Page> {
    const { url } = fetched;
    const response = await this.http.parseOr({ url }, fetched.response, signal);
    const envelope = COLLECTION[resource].envelope;
    const body = response.body as Record<string, unknown> | null;
    const raws = body && typeof body === 'object' ? body[envelope] : undefined;
    if (!Array.isArray(raws)) {
      throw new UpstreamError(
        'malformed',
        `${this.provider} answered ${describeUrl(url)} without a "${envelope}" list`,
      );
    }
    const totalHeader = response.headers['x-total-count'];
    const total = Number(Array.isArray(totalHeader) ? totalHeader[0] : totalHeader);
    const link = response.headers.link;
    const nextMatch = /<([^>]+)>\s*;\s*rel="?next"?/.exec(
      Array.isArray(link) ? link.join(',') : (link ?? ''),
    );
    return {
      raws,
      read: raws.length,
      total: Number.isFinite(total) && totalHeader !== undefined ? total : null,
      next: nextMatch?.[1] ?? null,
      url,
    };
  }

  private batch(resource: RosterResource, page: Page, total: number | null): SourceBatch {
    const where = describeUrl(page.url);
    const { records, warnings } = mapRecords(
      resource,
      page.raws,
      (resource === 'users'
        ? oneRosterUserMapper(this.options.version ?? 'detect')
        : oneRosterMappers[resource]) as (typeof oneRosterMappers)[typeof resource],
      (i) => `${where} #${i + 1}`,
    );
    // The raw records go once mapped: the generator that yields this batch still holds its page
    // while the rows are written, and a scavenge then copied and promoted a whole parsed page.
    page.raws = [];
    return {
      records: { [resource]: records },
      warnings,
      location: where,
      read: page.read,
      total,
    };
  }

  /**
   * The pages taken from `tickets`, `concurrency` of them in flight, handed over in the order taken
   * (`total`: the records in all, else each page's own X-Total-Count).
   */
  private async *takenPages(
    resource: RosterResource,
    signal: AbortSignal,
    tickets: PageClaims,
    total: number | null,
  ): AsyncGenerator<SourceBatch> {
    const inFlight: Promise<Awaited<ReturnType<OneRosterSource['fetchPage']>>>[] = [];
    const launch = () => {
      const page = tickets.take();
      if (page === null) return;
      const p = this.fetchPage(this.url(resource, page * this.pageSize), signal);
      p.catch(() => undefined); // handled when awaited in order
      inFlight.push(p);
    };
    for (let i = 0; i < this.concurrency; i++) launch();
    while (inFlight.length > 0) {
      const fetched = await (inFlight.shift() as (typeof inFlight)[number]);
      launch();
      const page = await this.page(resource, fetched, signal);
      yield this.batch(resource, page, total ?? page.total);
    }
  }

  private async *readResource(
    resource: RosterResource,
    signal: AbortSignal,
    shared?: PageClaims,
  ): AsyncGenerator<SourceBatch> {
    const first = await this.page(
      resource,
      await this.fetchPage(this.url(resource, 0), signal),
      signal,
    );
    // Known total: the later pages are numbered, each taken once, here or by a thread that helps.
    const pages = first.total === null ? null : Math.ceil(first.total / this.pageSize);
    const tickets = shared ?? pagesReadAlone();
    tickets.setPages(pages);
    yield this.batch(resource, first, first.total);
    if (first.total !== null) {
      yield* this.takenPages(resource, signal, tickets, first.total);
      return;
    }
    let previous = first;
    let offset = 0;
    for (;;) {
      offset += this.pageSize;
      let nextUrl: string | null = null;
      if (previous.next) {
        // Follow the server's next link, but on our configured origin and path only.
        const given = new URL(previous.next, this.options.baseUrl);
        const ours = new URL(this.url(resource, offset));
        given.searchParams.forEach((v, k) => ours.searchParams.set(k, v));
        nextUrl = ours.toString();
      } else if (previous.read >= this.pageSize) {
        nextUrl = this.url(resource, offset);
      }
      if (!nextUrl) return;
      previous = await this.page(resource, await this.fetchPage(nextUrl, signal), signal);
      if (previous.read === 0) return;
      yield this.batch(resource, previous, null);
    }
  }
}
