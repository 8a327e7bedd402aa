// `npm run bench:check [-- --scale 0.01]`: on the ingest benchmark's full-size district, synced as the
// app syncs it from the ingest benchmark's roster server (before the clock), time the full diagnostics (as the app runs them, in worker threads), the dashboard's first paint from the cache in Chromium, and user search p95.
// Prints what it measured; asserts nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { generateLicense } from '../../sandbox/district/generate-license';
import { openDatabase } from '../../electron/core/db/open-database';
import { prewarmDiagnostics, runInWorker } from '../../electron/core/diagnostics/run-in-worker';
import { completed, runIngest } from '../../electron/core/ingest/run-ingest';
import { LicenseStore } from '../../electron/core/license/license-store';
import { RosterQueries } from '../../electron/core/snapshot/roster-queries';
import { runHost } from '../../electron/host/run-host';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { benchDistrict, scaleArg } from './bench-district';
import { measureWhileSyncing } from './busy-measure';
import { benchOneRosterSource } from './bench-source';
import { readyChild } from './ready-child';

const scale = scaleArg(process.argv);
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rosterdesk-check-bench-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

try {
  const district = benchDistrict(scale);
  const db = openDatabase({ dataDir }).db;
  // The snapshot as the app's sync writes it (two lanes, two files), from the ingest benchmark's
  // roster server.
  const server = readyChild('scripts/bench/serve-oneroster.ts', scale);
  let synced: Awaited<ReturnType<typeof runIngest>>;
  try {
    const source = benchOneRosterSource(await server.ready);
    const syncStarted = performance.now();
    synced = await runIngest(db, source, {
      connectionId: 'bench',
      sourceKind: 'classlink',
      signal: new AbortController().signal,
    });
    log(
      `synced from the bench roster server in ${((performance.now() - syncStarted) / 1000).toFixed(1)} s`,
    );
  } finally {
    server.child.kill('SIGTERM');
  }
  if (!completed(synced)) throw new Error(`sync ${synced.state}: ${synced.error}`);
  const snapshotId = synced.snapshotId;
  const license = generateLicense(district, 42);
  new LicenseStore(db).save('bench license', license, []);
  log(
    `the district: ${Object.entries(synced.counts)
      .map(([k, n]) => `${n} ${k}`)
      .join(
        ', ',
      )} in ${fs.readdirSync(path.join(dataDir, 'snapshots')).length} snapshot file(s), ${license.length} license entries`,
  );

  // As the app runs them: the two halves of the rules in their worker threads (started ahead, as
  // the app starts them when it opens), with the diff, until the findings are back on this thread.
  await prewarmDiagnostics();
  const checkStarted = performance.now();
  const { findings, preview } = await runInWorker({
    dbFile: db.name,
    snapshotId,
    license,
    connections: [],
  });
  const checkSeconds = (performance.now() - checkStarted) / 1000;
  // The sync preview card settles after the findings (it is not part of checkSeconds).
  await preview;
  const previewSeconds = (performance.now() - checkStarted) / 1000;
  const byCode: Record<string, number> = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  log(
    `diagnostics: ${findings.length} findings in ${checkSeconds.toFixed(2)} s (sync preview at ${previewSeconds.toFixed(2)} s): ${JSON.stringify(byCode)}`,
  );

  const queries = new RosterQueries(db);
  const terms: string[] = [];
  for (let k = 0; k < 200; k++) {
    const u = district.users.at(Math.floor((k * 7919 * 13) % district.users.count));
    const pick = k % 4;
    terms.push(
      pick === 0
        ? u.familyName.slice(0, 3)
        : pick === 1
          ? (u.email ?? u.givenName).trim().slice(0, 6)
          : pick === 2
            ? u.sourcedId
            : `${u.givenName} ${u.familyName.slice(0, 2)}`,
    );
  }
  const times = terms.map((search) => {
    const t = performance.now();
    queries.users({ search, limit: 200 });
    return performance.now() - t;
  });
  times.sort((a, b) => a - b);
  const searchP95Ms = times[Math.floor(times.length * 0.95)] ?? 0;
  log(
    `user search: p50 ${(times[100] ?? 0).toFixed(1)} ms, p95 ${searchP95Ms.toFixed(1)} ms over ${times.length} searches`,
  );
  db.close();

  // The same searches, and Start here, as the app answers them while a full-scale sync of the
  // same district runs in the same process (its lanes in their threads, its finish on this one).
  const busy = await measureWhileSyncing(dataDir, terms, scale);
  log(
    `while a sync runs: user search p95 ${busy.searchP95Ms.toFixed(1)} ms (p50 ${busy.searchP50Ms.toFixed(1)}), Start here ${busy.startHereMs.toFixed(0)} ms at worst of ${busy.startHereCalls} (${busy.startHereIdleMs.toFixed(0)} ms idle); the sync took ${busy.syncSeconds.toFixed(1)} s`,
  );

  if (!fs.existsSync(path.join(root, 'out/renderer/index.html')))
    execFileSync(
      path.join(root, 'node_modules/.bin/vite'),
      ['build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' },
    );
  const running = await runHost({ dataDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  let dashboardFirstPaintMs = 0;
  try {
    const page = await browser.newPage();
    const started = performance.now();
    await page.goto(running.host.url);
    await page.getByLabel(/^Students: \d+$/).waitFor({ timeout: 60_000 });
    dashboardFirstPaintMs = performance.now() - started;
    log(`dashboard first paint from the cache: ${dashboardFirstPaintMs.toFixed(0)} ms`);
  } finally {
    await browser.close();
    await running.stop();
  }
  process.stdout.write(
    `${JSON.stringify({ checkSeconds: Number(checkSeconds.toFixed(2)), previewSeconds: Number(previewSeconds.toFixed(2)), dashboardFirstPaintMs: Math.round(dashboardFirstPaintMs), searchP95Ms: Number(searchP95Ms.toFixed(1)), busySearchP95Ms: Number(busy.searchP95Ms.toFixed(1)), busyStartHereMs: Math.round(busy.startHereMs) })}\n`,
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
