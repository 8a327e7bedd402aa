// `npm run bench:ingest [-- --scale 0.01]`: ingest a full-size district from the sandbox OneRoster
// server (another process) through the real client, then insert the same rows straight into
// better-sqlite3, and print one JSON line with the ratio. Timings are printed, never asserted.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../electron/core/db/open-database';
import { runIngest } from '../../electron/core/ingest/run-ingest';
import { SnapshotWriter } from '../../electron/core/ingest/snapshot-writer';
import { OneRosterSource } from '../../electron/core/sources/oneroster/oneroster-source';
import { benchDistrict, insertDistrict, scaleArg } from './bench-district';

const scale = scaleArg(process.argv);
const root = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rosterdesk-bench-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    path.join(root, 'scripts/bench/serve-oneroster.ts'),
    '--scale',
    String(scale),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const baseUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /READY (\S+)/.exec(out);
    if (m?.[1]) resolve(m[1]);
  });
  child.once('exit', (code) => reject(new Error(`roster server exited with ${code}`)));
});

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
try {
  const ingestDb = openDatabase({ dataDir: path.join(work, 'ingest') }).db;
  const started = performance.now();
  let lastLog = 0;
  const result = await runIngest(
    ingestDb,
    new OneRosterSource({
      baseUrl,
      auth: { method: 'oauth1', clientId: 'bench', clientSecret: 'bench-secret' },
      pageSize: 5000,
      concurrency: 3,
    }),
    {
      connectionId: 'bench',
      sourceKind: 'classlink',
      signal: new AbortController().signal,
      concurrency: 2,
      onProgress: (streams) => {
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`ingest: ${streams.map((s) => `${s.name} ${s.read}/${s.total ?? '?'}`).join(', ')}`);
        }
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (result.state !== 'complete') throw new Error(`ingest ${result.state}: ${result.error}`);
  const rows = Object.values(result.counts).reduce((a, b) => a + b, 0);
  ingestDb.close();
  child.kill('SIGTERM');
  log(
    `ingest: ${rows} rows in ${seconds.toFixed(1)} s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`,
  );

  // The same rows, generated here and inserted straight into the same schema: the ceiling.
  const district = benchDistrict(scale);
  const rawDb = openDatabase({ dataDir: path.join(work, 'raw') }).db;
  const snapshotId = Number(
    rawDb
      .prepare(
        "INSERT INTO snapshots (connection_id, source_kind, source_label, status, started_at) VALUES ('raw', 'raw', 'raw', 'running', '')",
      )
      .run().lastInsertRowid,
  );
  const writer = new SnapshotWriter(rawDb, snapshotId);
  const rawStarted = performance.now();
  insertDistrict(writer, district, 'raw');
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  const rawRows = Object.values(writer.counts).reduce((a, b) => a + b, 0);
  rawDb.close();
  const rowsPerSec = Math.round(rows / seconds);
  const rawRowsPerSec = Math.round(rawRows / rawSeconds);
  log(`raw: ${rawRows} rows in ${rawSeconds.toFixed(1)} s`);
  process.stdout.write(
    `${JSON.stringify({ rows, seconds: Number(seconds.toFixed(2)), rowsPerSec, rawRowsPerSec, ratio: Number((rowsPerSec / rawRowsPerSec).toFixed(3)), peakRssMb: Math.round(peakRss / 2 ** 20) })}\n`,
  );
} finally {
  clearInterval(sampler);
  child.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
}
