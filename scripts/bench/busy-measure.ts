import { openAppServices } from '../../electron/core/app/app-services';
import { startHere } from '../../electron/core/diagnostics/start-here';
import { runIngest } from '../../electron/core/ingest/run-ingest';
import type { Logger } from '../../electron/core/runtime/logger';
import { benchOneRosterSource } from './bench-source';
import { readyChild } from './ready-child';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens the app's services on a data folder holding a synced district, computes the findings once
 * (idle), then starts a second full sync in this process and, while it runs, answers the searches
 * and a Start here every 40 searches, as a window would. Latencies are of each call alone, with
 * the event loop free between calls (a sync's work on this thread shows as waiting).
 */
export async function measureWhileSyncing(
  dataDir: string,
  terms: string[],
  scale: number,
): Promise<{
  searchP50Ms: number;
  searchP95Ms: number;
  startHereMs: number;
  startHereIdleMs: number;
  startHereCalls: number;
  syncSeconds: number;
}> {
  const services = openAppServices({ dataDir, logger: silent });
  const server = readyChild('scripts/bench/serve-oneroster.ts', scale);
  try {
    await startHere(services); // the findings, computed once in their threads
    const idleStarted = performance.now();
    await startHere(services);
    const startHereIdleMs = performance.now() - idleStarted;
    const source = benchOneRosterSource(await server.ready);
    const syncStarted = performance.now();
    let syncing = true;
    const sync = runIngest(services.db, source, {
      connectionId: 'bench',
      sourceKind: 'classlink',
      signal: new AbortController().signal,
    }).finally(() => (syncing = false));
    // The sync's own start (its lanes loading) first: measured once pages flow.
    await pause(2000);
    const searches: number[] = [];
    const starts: number[] = [];
    // Round after round of the searches, until the sync ends (a full sync outlasts one round).
    for (let round = 0; syncing || round === 0; round++) {
      for (let i = 0; i < terms.length && (syncing || round === 0); i++) {
        // A caller waits for its turn on this thread: the time counts from the call's arrival.
        const arrived = performance.now();
        await pause(0);
        services.roster.users({ search: terms[i] ?? '', limit: 200 });
        searches.push(performance.now() - arrived);
        if (i % 40 === 0) {
          const t = performance.now();
          await startHere(services);
          starts.push(performance.now() - t);
        }
        await pause(20);
      }
    }
    const synced = await sync;
    if (synced.state !== 'complete') throw new Error(`the busy sync ${synced.state}`);
    searches.sort((a, b) => a - b);
    return {
      searchP50Ms: searches[Math.floor(searches.length * 0.5)] ?? 0,
      searchP95Ms: searches[Math.floor(searches.length * 0.95)] ?? 0,
      startHereMs: Math.max(0, ...starts),
      startHereIdleMs,
      startHereCalls: starts.length,
      syncSeconds: (performance.now() - syncStarted) / 1000,
    };
  } finally {
    server.child.kill('SIGTERM');
    await services.close();
  }
}

const silent: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  recent: () => [],
};
