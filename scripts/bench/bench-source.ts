import { OneRosterSource } from '../../electron/core/sources/oneroster/oneroster-source';
import { BENCH_CREDENTIALS, BENCH_PAGE_SIZE } from './bench-district';

/**
 * The app's OneRoster source over the benchmarks' roster server at `baseUrl`, with the app's page
 * size (1,000 records). Two pages in flight per resource: on loopback more only adds parsed pages
 * waiting in memory (4 in flight: 281 MB peak at 0.1 scale; 2: 243 MB).
 */
export function benchOneRosterSource(baseUrl: string): OneRosterSource {
  return new OneRosterSource({
    baseUrl,
    auth: { method: 'oauth1', ...BENCH_CREDENTIALS },
    pageSize: BENCH_PAGE_SIZE,
    concurrency: 2,
  });
}
