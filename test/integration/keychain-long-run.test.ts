import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startHostProcess, stubRenderer } from '../helpers/processes';
import type { HostProcess } from '../helpers/processes';
import { makeTempDir } from '../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir> | null = null;
let host: HostProcess | null = null;
afterEach(async () => {
  if (host && host.child.exitCode === null) {
    host.child.kill('SIGTERM');
    await host.exited;
  }
  host = null;
  tmp?.cleanup();
  tmp = null;
});

/** Open file descriptors of a process (Linux: its /proc/<pid>/fd). */
const descriptors = (pid: number) => fs.readdirSync(`/proc/${pid}/fd`).length;

describe('a host that runs for weeks: keychain-backed calls do not pile up connections', () => {
  it.runIf(process.platform === 'linux')(
    '5,000 calls to keychain.status, roster.user and diagnostics.troubleshoot: descriptors stay within 50, app.status answers within 1 s',
    async () => {
      tmp = makeTempDir();
      host = startHostProcess(tmp.dir, stubRenderer(tmp.dir));
      const ready = await host.ready;
      if (!('url' in ready)) throw new Error(`host did not start: ${ready.stderr}`);
      const origin = new URL(ready.url).origin;
      const token = new URL(ready.url).hash.replace('#token=', '');
      const call = async (channel: string, body: unknown = {}) => {
        const response = await fetch(`${origin}/api/${channel}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        const reply = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
        if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
        return reply.value;
      };
      // The demo: three connections whose secrets are in the keychain, a synced roster.
      const { jobId } = (await call('demo.open')) as { jobId: string };
      for (let i = 0; i < 600; i++) {
        const job = (await call('sync.status', { jobId })) as { state: string };
        if (job.state !== 'running') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const staff = (await call('roster.users', { role: 'teacher', limit: 50 })) as {
        rows: { sourcedId: string }[];
      };
      const teachers = staff.rows.map((r) => r.sourcedId);
      expect(teachers.length).toBeGreaterThan(10);
      // Warm: the first calls load what the host keeps for good (threads, statements).
      for (const id of teachers.slice(0, 5))
        await call('diagnostics.troubleshoot', { sourcedId: id });
      const pid = host.child.pid ?? 0;
      const start = descriptors(pid);
      let most = start;
      let slowest = 0;
      for (let i = 0; i < 5000; i++) {
        const id = teachers[i % teachers.length] ?? '';
        if (i % 3 === 0) await call('keychain.status');
        else if (i % 3 === 1) await call('roster.user', { sourcedId: id });
        else await call('diagnostics.troubleshoot', { sourcedId: id });
        if (i % 250 === 0) {
          most = Math.max(most, descriptors(pid));
          const t = performance.now();
          await call('app.status');
          slowest = Math.max(slowest, performance.now() - t);
        }
      }
      most = Math.max(most, descriptors(pid));
      expect(
        most - start,
        `open descriptors: ${start} at the start, ${most} at most`,
      ).toBeLessThanOrEqual(50);
      expect(slowest, 'app.status, slowest answer in ms').toBeLessThan(1000);
    },
    600_000,
  );
});
