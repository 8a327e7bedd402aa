import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDemoDistrict, servicesPerTest } from '../helpers/demo-district';

const app = servicesPerTest();

describe("the demo's stand-in platform keeps its file private", () => {
  it.runIf(process.platform !== 'win32')(
    'demo-platform.sqlite and its WAL and SHM are 0600, also when an older file was 0644',
    async () => {
      const file = path.join(app.dataDir, 'demo-platform.sqlite');
      fs.writeFileSync(file, '');
      fs.chmodSync(file, 0o644);
      await openDemoDistrict(app.services);
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
