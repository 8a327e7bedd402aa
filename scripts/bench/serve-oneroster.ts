import { startOneRosterServer } from '../../sandbox/oneroster/oneroster-server';
import { BENCH_CREDENTIALS, BENCH_PAGE_SIZE, benchDistrict, scaleArg } from './bench-district';

/**
 * The benchmark's roster server, in its own process so the ingesting process is measured alone.
 * Its pages are rendered before it reports ready (before the clock), as the CSV zip is written and
 * the baseline's rows are built before the clock: on this machine the server shares the two cores
 * with the ingest, and rendering live took about 8 µs a record (a real provider renders on its own
 * machines). `--live` renders each page when it is asked for, for comparison.
 */
const live = process.argv.includes('--live');
const started = performance.now();
const server = await startOneRosterServer({
  district: benchDistrict(scaleArg(process.argv)),
  ...BENCH_CREDENTIALS,
  maxLimit: 10_000,
  prerenderPageSize: live ? undefined : BENCH_PAGE_SIZE,
});
process.stderr.write(
  `roster server: ${live ? 'pages rendered live' : `pages rendered in ${((performance.now() - started) / 1000).toFixed(1)} s`}, before the clock\n`,
);
process.stdout.write(`READY ${server.baseUrl}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
