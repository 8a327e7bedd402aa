import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { injectedDistrict, writeSnapshot } from '../helpers/injected-district';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let services: AppServices;
beforeEach(() => {
  tmp = makeTempDir();
  services = openAppServices({ dataDir: tmp.dir, logger: memoryLogger() });
});
afterEach(async () => {
  await services.close();
  tmp.cleanup();
});

describe('finding a teacher by the email they quote', () => {
  it('a search for the license (platform) email finds the roster teacher it belongs to, and says why', async () => {
    const district = injectedDistrict();
    writeSnapshot(services.db, district);
    services.license.save('license.csv', district.license, []);
    const mismatch = district.mismatches[0];
    expect(mismatch).toBeDefined();
    const search = mismatch?.licenseEmail ?? '';
    const aliases = await services.diagnostics.licenseAliases(search);
    const found = services.roster.users({ search }, aliases);
    expect(found.rows.map((r) => r.sourcedId)).toContain(mismatch?.teacher);
    expect(found.rows.find((r) => r.sourcedId === mismatch?.teacher)?.matchedBy).toBe(
      `License email ${search}`,
    );
    // Without the license's help, the roster alone does not know that email.
    expect(services.roster.users({ search }).rows.map((r) => r.sourcedId)).not.toContain(
      mismatch?.teacher,
    );
  });

  it('filters users by school, and each school holds the users counted for it', () => {
    const district = injectedDistrict();
    const id = writeSnapshot(services.db, district);
    const school = district.orgs.find((o) => o.type === 'school');
    const all = services.roster.users({ role: 'student', limit: 1000 });
    const atSchool = services.roster.users({
      role: 'student',
      schoolId: school?.sourcedId ?? '',
      limit: 1000,
    });
    expect(atSchool.total).toBeGreaterThan(0);
    expect(atSchool.total).toBeLessThan(all.total);
    expect(id).toBeGreaterThan(0);
  });
});
