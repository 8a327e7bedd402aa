import type {
  RosterClass,
  RosterEnrollment,
  RosterRecordMap,
  RosterResource,
} from '../../../../shared/domain/roster';
import type { RecordBatch } from '../roster-source';
import { HttpClient, describeUrl } from '../../http/http-client';
import type { HttpClientOptions } from '../../http/http-client';
import type { RetryPolicy } from '../../http/retry-policy';
import { UpstreamError } from '../../http/upstream-error';
import { mapRecords } from '../map-batch';
import { describeProblem } from '../record-fields';
import type { RosterSource, SourceBatch, SourceStream, SourceThread } from '../roster-source';
import {
  cleverDistrictRecord,
  cleverSchoolRecord,
  cleverSectionRecords,
  cleverUserRecord,
  cleverCourseRecord,
  cleverTermRecord,
} from './clever-records';

export interface CleverSourceOptions {
  baseUrl: string;
  token: string;
  /** Records per page, at most 10,000 (more is a 413). */
  pageSize?: number;
  policy?: Partial<RetryPolicy>;
  onRetry?: HttpClientOptions['onRetry'];
}

type Raw = Record<string, unknown>;

/** Clever API v3.0: bearer token, cursor paging by following links rel "next" until there is none. */
export class CleverSource implements RosterSource {
  readonly provider = 'Clever';
  readonly label: string;
  private readonly http: HttpClient;
  private readonly pageSize: number;

  constructor(private readonly options: CleverSourceOptions) {
    this.label = options.baseUrl;
    this.pageSize = Math.min(options.pageSize ?? 1000, 10_000);
    this.http = new HttpClient({
      provider: 'Clever',
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
      authorize: () => ({ authorization: `Bearer ${options.token}` }),
    });
  }

  thread(): Promise<SourceThread> {
    const { onRetry, ...options } = this.options;
    // Pages are the only thing held: as many as are fetched ahead.
    return Promise.resolve({
      spec: { kind: 'clever', options },
      bounded: true,
      ...(onRetry ? { onRetry } : {}),
    });
  }

  streams(): SourceStream[] {
    const stream = (
      name: string,
      resources: RosterResource[],
      toBatch: (raws: unknown[], where: string) => Omit<SourceBatch, 'location' | 'read' | 'total'>,
    ): SourceStream => ({
      name,
      resources,
      read: (signal) => this.readAll(name, signal, toBatch),
    });
    return [
      stream('districts', ['orgs'], (raws, where) =>
        this.simple('orgs', raws, where, cleverDistrictRecord),
      ),
      stream('schools', ['orgs'], (raws, where) =>
        this.simple('orgs', raws, where, cleverSchoolRecord),
      ),
      stream('users', ['users'], (raws, where) =>
        this.simple('users', raws, where, cleverUserRecord),
      ),
      stream('sections', ['classes', 'enrollments'], (raws, where) => this.sections(raws, where)),
      stream('courses', ['courses'], (raws, where) =>
        this.simple('courses', raws, where, cleverCourseRecord),
      ),
      stream('terms', ['academicSessions'], (raws, where) =>
        this.simple('academicSessions', raws, where, cleverTermRecord),
      ),
    ];
  }

  private simple<R extends 'orgs' | 'users' | 'courses' | 'academicSessions'>(
    resource: R,
    raws: unknown[],
    where: string,
    mapper: (raw: Raw) => RosterRecordMap[R],
  ) {
    const { records, warnings } = mapRecords(resource, raws, mapper, (i) => `${where} #${i + 1}`);
    return { records: { [resource]: records } as RecordBatch, warnings };
  }

  private sections(raws: unknown[], where: string) {
    const classes: RosterClass[] = [];
    const enrollments: RosterEnrollment[] = [];
    const warnings: SourceBatch['warnings'] = [];
    raws.forEach((raw, i) => {
      try {
        const { cls, enrollments: e } = cleverSectionRecords(
          raw && typeof raw === 'object' ? (raw as Raw) : {},
        );
        classes.push(cls);
        enrollments.push(...e);
      } catch (error) {
        warnings.push({
          resource: 'classes',
          location: `${where} #${i + 1}`,
          ...describeProblem(error),
        });
      }
    });
    return { records: { classes, enrollments }, warnings };
  }

  private async *readAll(
    resource: string,
    signal: AbortSignal,
    toBatch: (raws: unknown[], where: string) => Omit<SourceBatch, 'location' | 'read' | 'total'>,
  ): AsyncGenerator<SourceBatch> {
    let url: string | null = `${this.options.baseUrl}/${resource}?limit=${this.pageSize}`;
    while (url) {
      const response = await this.http.json({ url }, signal);
      const body = (response.body ?? {}) as { data?: unknown; links?: unknown };
      if (!Array.isArray(body.data))
        throw new UpstreamError(
          'malformed',
          `Clever answered ${describeUrl(url)} without a "data" list`,
        );
      const raws = body.data.map((item) =>
        item && typeof item === 'object' ? (item as { data?: unknown }).data : undefined,
      );
      const where = describeUrl(url);
      yield { ...toBatch(raws, where), location: where, read: raws.length, total: null };
      url = this.nextUrl(body.links);
    }
  }

  /** The "next" link's query on our own base URL: never a host taken from the data. */
  private nextUrl(links: unknown): string | null {
    if (!Array.isArray(links)) return null;
    const next = links.find(
      (l): l is { rel: string; uri: string } =>
        !!l &&
        typeof l === 'object' &&
        (l as { rel?: unknown }).rel === 'next' &&
        typeof (l as { uri?: unknown }).uri === 'string',
    );
    if (!next) return null;
    const given = new URL(next.uri, 'http://placeholder.invalid');
    const resource = given.pathname.split('/').filter(Boolean).at(-1) ?? '';
    const ours = new URL(`${this.options.baseUrl}/${resource}`);
    given.searchParams.forEach((v, k) => ours.searchParams.set(k, v));
    return ours.toString();
  }
}
