// npm run bench:push: 10,000 approved changes (5,000 email changes, 5,000 invitations) pushed to
// the sandbox platform while it fails 10% of requests with 5xx (half after applying) and answers
// bursts of 429 with Retry-After. The last line is the result, measured in this one run.
import path from 'node:path';
import { openAppServices } from '../../electron/core/app/app-services';
import { pullLicense } from '../../electron/core/platform/platform-connection';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import { NO_FAULTS } from '../../sandbox/faults';
import { startPlatformServer } from '../../sandbox/platform/platform-server';
import { makeTempDir } from '../../test/helpers/temp-dir';

const EMAIL_CHANGES = 5000;
const INVITES = 5000;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const tmp = makeTempDir();
  const platformFile = path.join(tmp.dir, 'platform.sqlite');
  const token = 'bench-token';
  let platform = await startPlatformServer({
    file: platformFile,
    token,
    licenseId: 'lic-bench',
    district: generateDistrict(districtSpec({ seed: 3, schools: 4, teachers: 60, students: 600 })),
    seed: { seed: 3, spareSeats: EMAIL_CHANGES + INVITES + 100 },
  });
  platform.store.db.transaction(() => {
    for (let i = 0; i < EMAIL_CHANGES; i++)
      platform.store.insertTeacher({
        email: `old.${i}@old-bench.example.org`,
        given_name: 'Bench',
        family_name: `Teacher ${i}`,
        status: 'active',
        invited_at: '2025-08-01T00:00:00Z',
        accepted_at: '2025-08-02T00:00:00Z',
        source: 'manual',
        roster_id: null,
        account_id: null,
      });
  })();
  const services = openAppServices({ dataDir: path.join(tmp.dir, 'data') });
  try {
    const connectionId = services.connections.add({
      name: 'Bench platform',
      settings: { kind: 'platform', baseUrl: platform.baseUrl, licenseId: 'lic-bench' },
      secrets: { apiToken: token },
    }).id;
    await pullLicense(services.connections, services.license, connectionId);
    const stageStart = performance.now();
    log(`staging ${EMAIL_CHANGES + INVITES} changes`);
    for (let offset = 0; offset < EMAIL_CHANGES; offset += 500)
      for (const t of services.license.view({ search: 'old-bench', offset, limit: 500 }, () => [])
        .rows)
        services.staging.stage({
          kind: 'change-email',
          teacherId: t.platformId ?? '',
          email: t.email.replace('old-bench', 'bench'),
        });
    for (let i = 0; i < INVITES; i++)
      services.staging.stage({ kind: 'invite', email: `new.${i}@bench.example.org` });
    const approved = services.changes.approve('all');
    log(
      `staged and approved ${approved} in ${((performance.now() - stageStart) / 1000).toFixed(1)} s`,
    );

    // The same platform, now misbehaving.
    const port = platform.port;
    await platform.close();
    platform = await startPlatformServer({
      file: platformFile,
      token,
      licenseId: 'lic-bench',
      port,
      faults: {
        ...NO_FAULTS,
        seed: 9,
        errorRate: 0.1,
        burst429Every: 1000,
        burst429Length: 5,
        retryAfterSeconds: 1,
      },
    });
    services.push.configure({ afterRun: async () => undefined });
    const start = performance.now();
    services.push.start();
    const ticker = setInterval(() => {
      const p = services.push.status();
      if (p) log(`  ${p.applied}/${p.total} applied, ${p.retries} retries`);
    }, 5000);
    const final = await services.push.wait();
    clearInterval(ticker);
    const seconds = (performance.now() - start) / 1000;
    if (!final) throw new Error('the push did not run');

    const events = platform.store.events();
    const perKey = new Map<string, number>();
    for (const e of events) perKey.set(e.key, (perKey.get(e.key) ?? 0) + 1);
    const perTarget = new Map<string, number>();
    for (const e of events)
      perTarget.set(`${e.op}|${e.detail}`, (perTarget.get(`${e.op}|${e.detail}`) ?? 0) + 1);
    const duplicatesApplied =
      [...perKey.values()].reduce((n, c) => n + c - 1, 0) +
      [...perTarget.values()].reduce((n, c) => n + c - 1, 0);
    const counts = services.changes.list({ offset: 0, limit: 1 }).counts;
    const lost = approved - (counts.applied ?? 0) + Math.max(0, approved - perKey.size);
    log(
      `faults: ${platform.faults.counts.errors} 5xx, ${platform.faults.counts.rateLimited} 429; ${final.retries} retries; state ${final.state}`,
    );
    process.stdout.write(
      `${JSON.stringify({
        changes: approved,
        seconds: Number(seconds.toFixed(2)),
        perSec: Math.round(approved / seconds),
        duplicatesApplied,
        lost,
      })}\n`,
    );
  } finally {
    await services.close();
    await platform.close();
    tmp.cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:push failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
