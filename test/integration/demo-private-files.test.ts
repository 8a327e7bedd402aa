import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { openDemoDistrict } from '../helpers/demo-district';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let services: AppServices;
beforeEach(() => {
  tmp = makeTempDir();
  services = openAppServices({ dataDir: tmp.dir, logger: memoryLogger() });
});
afterEach(async () => {
  for (const c of services.connections.list()) services.connections.remove(c.id);
  await services.close();
  tmp.cleanup();
});

describe("the demo's stand-in platform keeps its file private", () => {
  it.runIf(process.platform !== 'win32')(
    'demo-platform.sqlite and its WAL and SHM are 0600, also when an older file was 0644',
    async () => {
      const file = path.join(tmp.dir, 'demo-platform.sqlite');
      fs.writeFileSync(file, '');
      fs.chmodSync(file, 0o644);
      await openDemoDistrict(services);
      const modes = ['', '-wal', '-shm']
        .map((suffix) => `${file}${suffix}`)
        .filter((f) => fs.existsSync(f))
        .map((f) => [path.basename(f), (fs.statSync(f).mode & 0o777).toString(8)]);
      expect(modes.length).toBeGreaterThanOrEqual(2);
      expect(modes).toEqual(modes.map(([name]) => [name, '600']));
    },
    60_000,
  );
});
