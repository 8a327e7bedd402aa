// `npm run bench:ingest [-- --scale 0.01] [--source rest|csv [--zip FILE]] [--live]`: ingest a
// full-size district through the real pipeline (REST from the sandbox OneRoster server in another process, or a OneRoster CSV
// zip the sandbox wrote before the clock), then, in the same run, the pinned baseline: the same rows
// inserted by better-sqlite3 into plain rowid tables with no index, WAL, one prepared statement per
// table, 10,000-row transactions, rows built before the clock. One JSON line on stdout; timings are
// printed, never asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/open-database';
import { completed, runIngest } from '../../electron/core/ingest/run-ingest';
import { RosterQueries } from '../../electron/core/snapshot/roster-queries';
import { CsvSource } from '../../electron/core/sources/csv/csv-source';
import type { RosterSource } from '../../electron/core/sources/roster-source';
import { benchDistrict, scaleArg } from './bench-district';
import { pinnedBaseline } from './pinned-baseline';
import { benchOneRosterSource } from './bench-source';
import { readyChild } from './ready-child';

const scale = scaleArg(process.argv);
const sourceKind = process.argv.includes('--source')
  ? process.argv[process.argv.indexOf('--source') + 1]
  : 'rest';
if (sourceKind !== 'rest' && sourceKind !== 'csv')
  throw new Error(`--source must be rest or csv, got "${sourceKind}"`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rosterdesk-bench-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

let source: RosterSource;
let stop: () => void = () => undefined;
if (sourceKind === 'rest') {
  const server = readyChild(
    'scripts/bench/serve-oneroster.ts',
    scale,
    process.argv.includes('--live') ? ['--live'] : [],
  );
  stop = () => void server.child.kill('SIGTERM');
  const baseUrl = await server.ready;
  source = benchOneRosterSource(baseUrl);
} else {
  // --zip FILE: the zip is written there when it is not there yet, and kept, so repeated runs at the
  // same scale read it again (at full scale writing it takes minutes).
  const given = process.argv.includes('--zip')
    ? process.argv[process.argv.indexOf('--zip') + 1]
    : '';
  const zip = given || path.join(work, 'district.zip');
  if (!given || !fs.existsSync(zip)) {
    log('writing the OneRoster CSV zip (before the clock)...');
    const writer = readyChild('scripts/bench/write-csv-zip.ts', scale, ['--out', zip]);
    await writer.ready;
  } else log(`reading ${zip}, written by an earlier run at the same scale`);
  source = new CsvSource(zip);
}

let peakRss = process.memoryUsage().rss;
log(`rss at start ${Math.round(peakRss / 2 ** 20)} MB`);
/** When the peak was sampled (performance.now()). */
let peakAt = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  if (rss > peakRss) [peakRss, peakAt] = [rss, performance.now()];
}, 25);
try {
  const opened = openDatabase({ dataDir: path.join(work, 'ingest') });
  const db = opened.db;
  const started = performance.now();
  let lastLog = 0;
  const result = await runIngest(db, source, {
    connectionId: 'bench',
    sourceKind: sourceKind === 'rest' ? 'classlink' : 'oneroster-csv',
    signal: new AbortController().signal,
    onProgress: (streams) => {
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(
          `ingest: ${streams.map((s) => `${s.name} ${s.read}/${s.total ?? '?'}`).join(', ')}; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
        );
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  stop();
  if (!completed(result)) throw new Error(`ingest ${result.state}: ${result.error}`);
  const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
  // Complete and indexed when the clock stopped: a search right after answers from the indexes.
  const searchStarted = performance.now();
  const hits = new RosterQueries(db).users({ search: 'smith', limit: 50 }).total;
  const searchMs = performance.now() - searchStarted;
  db.close();
  log(
    `ingest: ${rows} rows in ${seconds.toFixed(1)} s (indexes and statistics ${result.indexSeconds.toFixed(1)} s), peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB at ${((peakAt - started) / 1000).toFixed(1)} s (indexing from ${(seconds - result.indexSeconds).toFixed(1)} s); search "smith": ${hits} hits in ${searchMs.toFixed(1)} ms`,
  );

  const baseline = pinnedBaseline(benchDistrict(scale), path.join(work, 'baseline.db'));
  log(`baseline: ${baseline.rows} rows in ${baseline.seconds.toFixed(1)} s`);
  const rowsPerSec = Math.round(rows / seconds);
  const limitRowsPerSec = Math.round(baseline.rows / baseline.seconds);
  process.stdout.write(
    `${JSON.stringify({
      source: sourceKind,
      rows,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSec,
      limitRowsPerSec,
      ratio: Number((rowsPerSec / limitRowsPerSec).toFixed(3)),
      peakRssMb: Math.round(peakRss / 2 ** 20),
      indexSeconds: Number(result.indexSeconds.toFixed(2)),
      searchMs: Number(searchMs.toFixed(1)),
    })}\n`,
  );
} finally {
  clearInterval(sampler);
  stop();
  fs.rmSync(work, { recursive: true, force: true });
}
