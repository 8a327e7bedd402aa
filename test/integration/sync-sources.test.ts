import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/wait-for';
import { runIngest } from '../../electron/core/ingest/run-ingest';
import { SnapshotReader } from '../../electron/core/snapshot/snapshot-reader';
import { SnapshotStore } from '../../electron/core/snapshot/snapshot-store';
import { SnapshotWriter } from '../../electron/core/snapshot/snapshot-writer';
import { snapshotDir, snapshotFile } from '../../electron/core/snapshot/snapshot-files';
import { CleverSource } from '../../electron/core/sources/clever/clever-source';
import { CsvSource } from '../../electron/core/sources/csv/csv-source';
import { OneRosterSource } from '../../electron/core/sources/oneroster/oneroster-source';
import type { RosterSource } from '../../electron/core/sources/roster-source';
import { startCleverServer } from '../../sandbox/clever/clever-server';
import { NO_FAULTS } from '../../sandbox/faults';
import { classMembers } from '../../sandbox/district/class-members';
import { writeCsvFolder, writeCsvZip } from '../../sandbox/district/write-csv';
import { startOneRosterServer } from '../../sandbox/oneroster/oneroster-server';
import type { RunningServer } from '../../sandbox/oneroster/oneroster-server';
import {
  FAST_RETRY,
  expectedCounts,
  smallDistrict,
  storedCounts,
} from '../helpers/district-fixtures';
import { useTempDatabase } from '../helpers/temp-database';

const temp = useTempDatabase();
const servers: RunningServer[] = [];
const district = smallDistrict();
const creds = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret&+/=' };

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const sync = (source: RosterSource, signal = new AbortController().signal) =>
  runIngest(temp.db, source, { connectionId: 'c1', sourceKind: 'test', signal });
const oneRoster = async (faults?: Parameters<typeof startOneRosterServer>[0]['faults']) => {
  const server = await startOneRosterServer({ district, ...creds, ...(faults ? { faults } : {}) });
  servers.push(server);
  return server;
};

describe('sync from each source kind gives exactly the dataset', () => {
  it('OneRoster REST with OAuth 1.0a, several pages at once', async () => {
    const server = await oneRoster();
    const result = await sync(
      new OneRosterSource({
        baseUrl: server.baseUrl,
        auth: { method: 'oauth1', ...creds },
        pageSize: 97,
      }),
    );
    expect(result.state).toBe('complete');
    expect(storedCounts(temp.db, result.snapshotId)).toEqual(expectedCounts(district));
    expect(result.warnings).toBe(0);
  });

  it("OneRoster REST from a server that renders its pages ahead (the benchmark's) stores the same rows", async () => {
    const live = await oneRoster();
    const ahead = await startOneRosterServer({ district, ...creds, prerenderPageSize: 97 });
    servers.push(ahead);
    const auth = { method: 'oauth1' as const, ...creds };
    const first = await sync(new OneRosterSource({ baseUrl: live.baseUrl, auth, pageSize: 97 }));
    const second = await sync(new OneRosterSource({ baseUrl: ahead.baseUrl, auth, pageSize: 97 }));
    expect(second.state).toBe('complete');
    expect(storedCounts(temp.db, second.snapshotId)).toEqual(expectedCounts(district));
    const users = (id: number) =>
      new SnapshotReader(temp.db, id)
        .staff()
        .map((u) => JSON.stringify(u))
        .sort();
    expect(users(second.snapshotId)).toEqual(users(first.snapshotId));
  });

  it('OneRoster REST with OAuth 2 client credentials', async () => {
    const server = await oneRoster();
    const result = await sync(
      new OneRosterSource({
        baseUrl: server.baseUrl,
        auth: { method: 'oauth2', ...creds, tokenUrl: `${server.baseUrl}/token` },
        pageSize: 500,
      }),
    );
    expect(result.state).toBe('complete');
    expect(storedCounts(temp.db, result.snapshotId)).toEqual(expectedCounts(district));
  });

  it('Clever v3 following links until there is none', async () => {
    const server = await startCleverServer({ district, token: 'clever-token' });
    servers.push(server);
    const result = await sync(
      new CleverSource({ baseUrl: server.baseUrl, token: 'clever-token', pageSize: 50 }),
    );
    expect(result.state).toBe('complete');
    const members = [...classMembers(district).values()].reduce(
      (n, m) => n + m.teachers.length + m.students.length,
      0,
    );
    expect(storedCounts(temp.db, result.snapshotId)).toEqual({
      orgs: district.orgs.count,
      users: district.users.count,
      classes: district.classes.count,
      enrollments: members,
      courses: district.courses.count,
      // Clever's /terms: the terms, not the school year that holds them.
      academicSessions: district.academicSessions.count - 1,
    });
  });

  it('OneRoster CSV folder', async () => {
    const dir = path.join(temp.dir, 'export');
    writeCsvFolder(district, dir);
    const result = await sync(new CsvSource(dir));
    expect(result.state).toBe('complete');
    expect(storedCounts(temp.db, result.snapshotId)).toEqual(expectedCounts(district));
    expect(result.warnings).toBe(0);
  });

  it('OneRoster CSV zip', async () => {
    const zip = path.join(temp.dir, 'export.zip');
    await writeCsvZip(district, zip);
    const result = await sync(new CsvSource(zip));
    expect(result.state).toBe('complete');
    expect(storedCounts(temp.db, result.snapshotId)).toEqual(expectedCounts(district));
  });
});

describe('delta pulls', () => {
  it("filter=dateLastModified>'…' brings only what changed since", async () => {
    const server = await oneRoster();
    const since = (iso: string) =>
      sync(
        new OneRosterSource({
          baseUrl: server.baseUrl,
          auth: { method: 'oauth1', ...creds },
          since: iso,
          resources: ['users'],
        }),
      );
    const none = await since('2026-09-01T00:00:00.000Z');
    expect(none).toMatchObject({ state: 'complete', counts: { users: 0 } });
    const all = await since('2026-08-01T00:00:00.000Z');
    expect(all).toMatchObject({ state: 'complete', counts: { users: district.users.count } });
  });
});

describe('credentials', () => {
  it('a wrong secret fails the sync with "credentials rejected", not a stack', async () => {
    const server = await oneRoster();
    const result = await sync(
      new OneRosterSource({
        baseUrl: server.baseUrl,
        auth: { method: 'oauth1', clientId: creds.clientId, clientSecret: 'wrong' },
      }),
    );
    expect(result).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/^Credentials rejected by ClassLink \(HTTP 401/),
    });
  });

  it('a wrong Clever token is rejected the same way', async () => {
    const server = await startCleverServer({ district, token: 'right' });
    servers.push(server);
    const result = await sync(new CleverSource({ baseUrl: server.baseUrl, token: 'wrong' }));
    expect(result).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/^Credentials rejected by Clever/),
    });
  });
});

describe('a flaky network', () => {
  it('with 20% 5xx, 429 bursts, 2 s latency spikes and truncated bodies the sync still has exactly the rows', async () => {
    const server = await oneRoster({
      seed: 3,
      latencyMs: 5,
      spikeRate: 0.05,
      spikeMs: 2000,
      errorRate: 0.2,
      burst429Every: 12,
      burst429Length: 3,
      retryAfterSeconds: 1,
      truncateRate: 0.05,
      dropRate: 0.02,
    });
    const result = await sync(
      new OneRosterSource({
        baseUrl: server.baseUrl,
        auth: { method: 'oauth1', ...creds },
        pageSize: 150,
        policy: FAST_RETRY,
      }),
    );
    expect(result.state).toBe('complete');
    expect(storedCounts(temp.db, result.snapshotId)).toEqual(expectedCounts(district));
    expect(server.faults.counts.errors).toBeGreaterThan(0);
    expect(server.faults.counts.rateLimited).toBeGreaterThan(0);
    expect(server.faults.counts.spikes).toBeGreaterThan(0);
  }, 60_000);

  it('Clever: 429 with X-RateLimit-Reset past the rate is waited out', async () => {
    const server = await startCleverServer({
      district,
      token: 't',
      ratePerMinute: 100_000,
      faults: { ...NO_FAULTS, seed: 5, errorRate: 0.2, burst429Every: 5, burst429Length: 2 },
    });
    servers.push(server);
    const result = await sync(
      new CleverSource({ baseUrl: server.baseUrl, token: 't', pageSize: 100, policy: FAST_RETRY }),
    );
    expect(result.state).toBe('complete');
    expect(storedCounts(temp.db, result.snapshotId).users).toBe(district.users.count);
  }, 60_000);

  it('killing the server mid-sync fails clearly and leaves the previous snapshot current and intact', async () => {
    const good = await oneRoster();
    const first = await sync(
      new OneRosterSource({ baseUrl: good.baseUrl, auth: { method: 'oauth1', ...creds } }),
    );
    expect(first.state).toBe('complete');

    const slow = await oneRoster({ ...NO_FAULTS, latencyMs: 30 });
    let killed = false;
    const result = await runIngest(
      temp.db,
      new OneRosterSource({
        baseUrl: slow.baseUrl,
        auth: { method: 'oauth1', ...creds },
        pageSize: 20,
        policy: { ...FAST_RETRY, maxAttempts: 4 },
      }),
      {
        connectionId: 'c1',
        sourceKind: 'test',
        signal: new AbortController().signal,
        onProgress: (streams) => {
          if (!killed && streams.some((s) => s.read > 0)) {
            killed = true;
            void slow.close();
          }
        },
      },
    );
    expect(killed).toBe(true);
    expect(result.state).toBe('failed');
    if (result.state !== 'failed') return;
    expect(result.error).toMatch(
      /ClassLink kept failing: connection failed .*\(gave up after 4 attempts\)/,
    );
    const store = new SnapshotStore(temp.db);
    expect(store.current('c1')?.id).toBe(first.snapshotId);
    expect(storedCounts(temp.db, first.snapshotId)).toEqual(expectedCounts(district));
    expect(storedCounts(temp.db, result.snapshotId)).toEqual({
      orgs: 0,
      users: 0,
      classes: 0,
      enrollments: 0,
      courses: 0,
      academicSessions: 0,
    });
    // Every file of the failed sync went: only the first snapshot's two files are left.
    const firstFile = path.basename(snapshotFile(snapshotDir(temp.db), first.snapshotId));
    expect(fs.readdirSync(snapshotDir(temp.db)).sort()).toEqual([firstFile, `${firstFile}.lane-1`]);
  }, 60_000);

  it('cancel takes effect while requests hang: the requests in flight are aborted, not waited for', async () => {
    // Every answer would take two minutes: only aborting the requests in flight ends the sync.
    const server = await oneRoster({ ...NO_FAULTS, latencyMs: 120_000 });
    const controller = new AbortController();
    const running = sync(
      new OneRosterSource({ baseUrl: server.baseUrl, auth: { method: 'oauth1', ...creds } }),
      controller.signal,
    );
    await waitUntil(
      'the sync to be waiting on its first requests',
      () => server.faults.counts.requests > 0,
      {
        seconds: 30,
      },
    );
    controller.abort();
    // Not a timing: the limit is far below the two minutes a request that was not aborted waits.
    const result = await Promise.race([
      running,
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error('the cancelled sync still waits for its requests')),
          20_000,
        ),
      ),
    ]);
    expect(result).toMatchObject({
      state: 'cancelled',
      error: expect.stringMatching(/previous snapshot is still current/),
    });
    expect(fs.readdirSync(snapshotDir(temp.db)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('a sync interrupted by a crash is marked failed at the next start and its rows removed', () => {
    const store = new SnapshotStore(temp.db);
    const id = store.begin('c1', 'test', 'x');
    const half = new SnapshotWriter(temp.db, id);
    half.write(
      {
        orgs: [
          {
            sourcedId: 'o1',
            status: 'active',
            name: 'Half',
            type: 'school',
            identifier: null,
            parentSourcedId: null,
          },
        ],
      },
      [],
      'test',
    );
    const partial = `${snapshotFile(snapshotDir(temp.db), id)}.partial`;
    expect(fs.existsSync(partial)).toBe(true);
    // A run of this live process is never recovered; one whose process is gone is.
    expect(new SnapshotStore(temp.db).recoverInterrupted()).toBe(0);
    temp.db.prepare("UPDATE snapshots SET owner = 'a-process-that-died' WHERE id = ?").run(id);
    expect(new SnapshotStore(temp.db).recoverInterrupted()).toBe(1);
    expect(store.get(id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/Interrupted/),
    });
    expect(storedCounts(temp.db, id).orgs).toBe(0);
    expect(fs.existsSync(partial)).toBe(false);
    half.discard();
  });
});
