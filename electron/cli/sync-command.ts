import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openAppServices } from '../core/app/app-services';
import type { AppServices } from '../core/app/app-services';
import { makePrivateFile } from '../core/db/private-files';
import { resolveDataDir } from '../core/runtime/data-dir';
import type { SyncJob } from '../../shared/domain/snapshot';

export const SYNC_USAGE = `Usage: rosterdesk sync [--data-dir DIR] (--connection NAME | --all | --oneroster-csv FILE) [--json FILE]
       rosterdesk sync [--data-dir DIR] [--connection NAME | --all] (--accept-held | --reject-held)
Syncs roster connections of a data folder, for cron, a systemd timer or Task Scheduler. A sync past
its connection's hold thresholds is kept but held for review: the current snapshot stays until it is
accepted (here with --accept-held, or in the app). --oneroster-csv creates or reuses a connection
for that export. Refused while RosterDesk is open on the folder.
Exit: 0 synced; 3 held for review; 2 failed (the previous snapshot stays current) or refused.`;

interface Outcome {
  connection: string;
  state: SyncJob['state'] | 'accepted' | 'rejected' | 'none held';
  snapshotId: number | null;
  detail: string | null;
}

/** The connection an export path names, created the first time. */
function csvConnection(services: AppServices, file: string): string {
  const target = path.resolve(file);
  if (!fs.existsSync(target)) throw new Error(`--oneroster-csv: ${target} does not exist`);
  const found = services.connections
    .list()
    .find((c) => c.settings.kind === 'oneroster-csv' && path.resolve(c.settings.path) === target);
  if (found) return found.id;
  return services.connections.add({
    name: `OneRoster CSV (${path.basename(target)})`,
    settings: { kind: 'oneroster-csv', path: target },
    secrets: {},
  }).id;
}

function chosen(services: AppServices, v: { connection?: string; all?: boolean }): string[] {
  const roster = services.connections.list().filter((c) => c.settings.kind !== 'platform');
  if (v.all) return roster.map((c) => c.id);
  if (v.connection === undefined) return [];
  const named = roster.filter((c) => c.name === v.connection);
  if (named.length === 0)
    throw new Error(
      `no roster connection is named "${v.connection}" (there are: ${roster.map((c) => `"${c.name}"`).join(', ') || 'none'})`,
    );
  return named.map((c) => c.id);
}

async function ended(services: AppServices, job: SyncJob): Promise<SyncJob> {
  for (;;) {
    const now = services.syncJobs.get(job.jobId);
    if (now.state !== 'running') return now;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `rosterdesk sync`: the data folder's roster connections synced from a terminal or a timer. */
export async function syncCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      connection: { type: 'string' },
      all: { type: 'boolean' },
      'oneroster-csv': { type: 'string' },
      json: { type: 'string' },
      'accept-held': { type: 'boolean' },
      'reject-held': { type: 'boolean' },
    },
  });
  const picks = [
    values.connection !== undefined,
    values.all === true,
    values['oneroster-csv'] !== undefined,
  ];
  if (picks.filter(Boolean).length > 1)
    throw new Error('give one of --connection, --all or --oneroster-csv');
  if (values['accept-held'] && values['reject-held'])
    throw new Error('give --accept-held or --reject-held, not both');
  const answering = values['accept-held'] === true || values['reject-held'] === true;
  if (!answering && !picks.some(Boolean)) {
    process.stderr.write(`${SYNC_USAGE}\n`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? resolveDataDir();
  // No scheduled sync of its own: this run does what it was asked, then closes.
  const services = openAppServices({
    dataDir,
    resumePush: false,
    owner: 'rosterdesk sync',
    dueSyncs: () => [],
  });
  const outcomes: Outcome[] = [];
  const names = new Map(services.connections.list().map((c) => [c.id, c.name]));
  try {
    const ids =
      values['oneroster-csv'] !== undefined
        ? [csvConnection(services, values['oneroster-csv'])]
        : chosen(services, values);
    if (answering) {
      const scope = new Set(ids);
      const held = services.held
        .list()
        .filter((h) => scope.size === 0 || scope.has(h.connectionId));
      if (held.length === 0) {
        process.stderr.write('No sync is held for review.\n');
        outcomes.push({ connection: '', state: 'none held', snapshotId: null, detail: null });
      }
      for (const h of held) {
        if (values['accept-held']) services.held.accept(h.snapshotId);
        else services.held.reject(h.snapshotId);
        const state = values['accept-held'] ? 'accepted' : 'rejected';
        process.stderr.write(`${h.connectionName}: held sync ${h.snapshotId} ${state}\n`);
        outcomes.push({
          connection: h.connectionName,
          state,
          snapshotId: h.snapshotId,
          detail: h.review.reasons.join('; '),
        });
      }
    } else {
      const controller = new AbortController();
      const stop = () => {
        for (const j of services.syncJobs.list()) void services.syncJobs.cancel(j.jobId);
        controller.abort();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        for (const id of ids) {
          const name = services.connections.get(id).name;
          names.set(id, name);
          process.stderr.write(`Syncing ${name}…\n`);
          const job = await ended(services, services.syncJobs.start(id, { hold: true }));
          const line =
            job.state === 'complete'
              ? `${name}: synced (snapshot ${job.snapshotId ?? '?'}, ${job.warnings} warnings)`
              : `${name}: ${job.state}${job.error ? `: ${job.error}` : ''}`;
          process.stderr.write(`${line}\n`);
          outcomes.push({
            connection: name,
            state: job.state,
            snapshotId: job.snapshotId,
            detail: job.error,
          });
          if (controller.signal.aborted) break;
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    }
    if (values.json) {
      const file = path.resolve(values.json);
      fs.writeFileSync(
        file,
        `${JSON.stringify({ dataDir, at: new Date().toISOString(), syncs: outcomes }, null, 2)}\n`,
      );
      makePrivateFile(file);
    }
  } finally {
    await services.close();
  }
  if (
    outcomes.some((o) => o.state === 'failed' || o.state === 'cancelled' || o.state === 'none held')
  )
    return 2;
  if (outcomes.some((o) => o.state === 'held')) return 3;
  return 0;
}
