import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../../sandbox/faults';
import { PlatformFixture } from '../helpers/platform-fixture';

const BIN = fileURLToPath(new URL('../../bin/rosterdesk.mjs', import.meta.url));
const INVITES = 2500;

let f: PlatformFixture;
beforeEach(async () => {
  f = await new PlatformFixture().start();
});
afterEach(async () => {
  await f.stop();
});

function runPush(
  dataDir: string,
  killWhen?: () => boolean,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [BIN, 'push', '--data-dir', dataDir, '--concurrency', '6'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: process.env,
      },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    let timer: NodeJS.Timeout | undefined;
    if (killWhen)
      timer = setInterval(() => {
        if (killWhen()) {
          clearInterval(timer);
          child.kill('SIGKILL');
        }
      }, 10);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}

describe('crash safety of the push', () => {
  it('SIGKILL part-way under 20% 5xx and 429 bursts: after a restart every change is applied exactly once and the audit log is complete', async () => {
    const s = f.services;
    for (let i = 0; i < INVITES; i++)
      s.staging.stage({ kind: 'invite', email: `crash.${i}@example.org` });
    const manual = f.manualTeachers();
    for (const t of manual)
      s.staging.stage({
        kind: 'change-email',
        teacherId: t.platformId ?? '',
        email: `fixed.${t.platformId ?? ''}@example.org`,
      });
    const total = INVITES + manual.length;
    expect(s.changes.approve('all')).toBe(total);
    const keys = new Map(s.changes.outbox().map((c) => [c.idempotencyKey, c.id]));
    await s.close();
    // The platform now fails a fifth of requests (half of those after applying) and rate-limits in bursts.
    await f.platform.close();
    const platform = await f.startPlatform({
      ...NO_FAULTS,
      seed: 11,
      errorRate: 0.2,
      burst429Every: 300,
      burst429Length: 3,
      retryAfterSeconds: 1,
    });
    const applied = () =>
      (platform.store.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;

    const killed = await runPush(f.dataDir, () => applied() >= total / 4);
    expect(killed.signal).toBe('SIGKILL');
    const atKill = applied();
    expect(atKill).toBeLessThan(total);

    let runs = 0;
    let exit: { code: number | null; stderr: string } = { code: null, stderr: '' };
    while (runs < 3 && exit.code !== 0) {
      exit = await runPush(f.dataDir);
      runs++;
    }
    expect(exit.code).toBe(0);
    // Retries under 5xx and 429 bursts add abort listeners to one signal: no Node warning for it.
    expect(exit.stderr).not.toMatch(/MaxListenersExceededWarning/);

    // The platform's side: each key in the ledger once, each change applied once, nothing else applied.
    const events = platform.store.events();
    const perKey = new Map<string, number>();
    for (const e of events) perKey.set(e.key, (perKey.get(e.key) ?? 0) + 1);
    expect([...perKey.values()].filter((n) => n > 1)).toEqual([]);
    expect(events).toHaveLength(total);
    expect([...perKey.keys()].every((k) => keys.has(k))).toBe(true);
    expect(platform.store.ledger().filter((l) => keys.has(l.key))).toHaveLength(total);
    expect(platform.faults.counts.errors).toBeGreaterThan(50);
    expect(platform.faults.counts.rateLimited).toBeGreaterThan(0);

    // RosterDesk's side: every change applied, the killed run recorded as interrupted, the audit complete.
    const services = f.openServices();
    const counts = services.changes.list({ offset: 0, limit: 1 }).counts;
    expect(counts).toMatchObject({
      applied: total,
      approved: 0,
      failed: 0,
      rejected: 0,
      conflict: 0,
    });
    expect(
      services.db.prepare("SELECT count(*) AS n FROM push_runs WHERE status = 'interrupted'").get(),
    ).toEqual({ n: 1 });
    const audit = services.db
      .prepare(
        `SELECT change_id, sum(action = 'staged') AS staged, sum(action = 'approved') AS approved,
           sum(action = 'sent') AS sent, sum(action = 'applied') AS applied
         FROM audit_log WHERE change_id IS NOT NULL GROUP BY change_id`,
      )
      .all() as { staged: number; approved: number; sent: number; applied: number }[];
    expect(audit).toHaveLength(total);
    expect(
      audit.filter((a) => a.staged !== 1 || a.approved !== 1 || a.applied !== 1 || a.sent < 1),
    ).toEqual([]);
    const replays = services.db
      .prepare(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'applied' AND result LIKE '%replayed%'",
      )
      .get() as { n: number };
    // Changes in flight at the kill, or whose answer was lost after applying, were answered from the ledger.
    expect(replays.n).toBeGreaterThan(0);
  }, 240_000);
});
