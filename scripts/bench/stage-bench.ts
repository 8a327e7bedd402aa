// npm run bench:stage: the time to stage 1,000 invitations with none waiting, and the 1,000 after
// 60,000 are waiting (invitations and email changes of a license pulled from the sandbox
// platform). The last line is the result, measured in this one run; it asserts nothing.
import path from 'node:path';
import { openAppServices } from '../../electron/core/app/app-services';
import { pullLicense } from '../../electron/core/platform/platform-connection';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import { startPlatformServer } from '../../sandbox/platform/platform-server';
import { makeTempDir } from '../../test/helpers/temp-dir';

const at = process.argv.indexOf('--waiting');
const WAITING = at >= 0 ? Number(process.argv[at + 1]) : 60_000;
const MEASURED = 1000;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const tmp = makeTempDir();
  const token = 'bench-token';
  const platform = await startPlatformServer({
    file: path.join(tmp.dir, 'platform.sqlite'),
    token,
    licenseId: 'lic-bench',
    district: generateDistrict(districtSpec({ seed: 3, schools: 4, teachers: 60, students: 600 })),
    seed: { seed: 3, spareSeats: WAITING + 2 * MEASURED + 100 },
  });
  const services = openAppServices({ dataDir: path.join(tmp.dir, 'data') });
  try {
    const connectionId = services.connections.add({
      name: 'Bench platform',
      settings: { kind: 'platform', baseUrl: platform.baseUrl, licenseId: 'lic-bench' },
      secrets: { apiToken: token },
    }).id;
    await pullLicense(services.connections, services.license, connectionId);
    const stage = (from: number, count: number) => {
      const start = performance.now();
      for (let i = from; i < from + count; i++)
        services.staging.stage({ kind: 'invite', email: `new.${i}@bench.example.org` });
      return (performance.now() - start) / 1000;
    };
    const first = stage(0, MEASURED);
    log(`first ${MEASURED}: ${first.toFixed(2)} s`);
    log(`filling the queue to ${WAITING} waiting…`);
    const fill = stage(MEASURED, WAITING - MEASURED);
    log(`${WAITING - MEASURED} more staged in ${fill.toFixed(1)} s`);
    const after = stage(WAITING, MEASURED);
    log(`${MEASURED} after ${WAITING} waiting: ${after.toFixed(2)} s`);
    process.stdout.write(
      `${JSON.stringify({
        waiting: WAITING,
        firstSeconds: Number(first.toFixed(3)),
        afterSeconds: Number(after.toFixed(3)),
        ratio: Number((after / first).toFixed(2)),
      })}\n`,
    );
  } finally {
    await services.close();
    await platform.close();
    tmp.cleanup();
  }
}

void main();
