import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { injectedDistrict, writeSnapshot } from '../helpers/injected-district';
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

describe('search finds what an admin types (demo district)', () => {
  const open = () => openDemoDistrict(services);
  const find = async (search: string) =>
    services.roster.users(
      { search, limit: 500 },
      await services.diagnostics.licenseAliases(search),
    );
  const names = (rows: { givenName: string; familyName: string }[]) =>
    rows.map((r) => `${r.givenName} ${r.familyName}`);

  it('accents and case do not matter, either way round', async () => {
    await open();
    const accented = await find('Hernández');
    expect(accented.total).toBeGreaterThan(0);
    expect((await find('Hernandez')).total).toBe(accented.total);
    expect((await find('hernandez')).total).toBe(accented.total);
    const plain = await find('Nguyen');
    expect(plain.total).toBeGreaterThan(0);
    expect((await find('Nguyễn')).total).toBe(plain.total);
    // Both spellings are in the demo: the plain search finds the accented rows too.
    expect(names(plain.rows).some((n) => n.includes('Nguyễn'))).toBe(true);
    expect(names(plain.rows).some((n) => n.includes('Nguyen'))).toBe(true);
  }, 60_000);

  it('"Family, Given", "Given Family", part of a compound family name, an email part, a manual-account email', async () => {
    await open();
    const all = services.roster.users({ role: 'teacher', limit: 1000 }).rows;
    const someone = all.find((u) => !u.familyName.includes(' ') && !u.familyName.includes('-'));
    expect(someone).toBeDefined();
    if (!someone) return;
    const ids = (rows: { sourcedId: string }[]) => rows.map((r) => r.sourcedId);
    expect(ids((await find(`${someone.familyName}, ${someone.givenName}`)).rows)).toContain(
      someone.sourcedId,
    );
    expect(ids((await find(`${someone.givenName} ${someone.familyName}`)).rows)).toContain(
      someone.sourcedId,
    );
    const everyone = [0, 1000, 2000].flatMap(
      (offset) => services.roster.users({ limit: 1000, offset }).rows,
    );
    const compound = everyone.find((u) => /[- ]/.test(u.familyName.trim()));
    expect(compound).toBeDefined();
    const part = compound?.familyName.trim().split(/[- ]/).pop() ?? '';
    expect(ids((await find(part)).rows)).toContain(compound?.sourcedId);
    expect(ids((await find('van der Berg')).rows).length).toBeGreaterThan(0);
    // A word inside the email, not at its start.
    const withEmail = all.find((u) => (u.email ?? '').includes('.'));
    const inside = withEmail?.email?.split('@')[0]?.split('.')[1]?.replace(/\d+$/, '') ?? '';
    expect(inside.length).toBeGreaterThan(1);
    expect(ids((await find(inside)).rows)).toContain(withEmail?.sourcedId);
    // The email of an old manual account finds the rostered teacher it duplicates.
    const duplicate = ((await services.diagnostics.current())?.findings ?? []).find(
      (f) => f.code === 'DUPLICATE_ACCOUNT',
    );
    const manual = duplicate?.subjects[0]?.email ?? '';
    const rostered = duplicate?.subjects[1]?.email ?? '';
    expect(manual).not.toBe('');
    const hits = (await find(manual)).rows;
    expect(hits.map((r) => r.email)).toContain(rostered);
    expect(hits.find((r) => r.email === rostered)?.matchedBy).toBe(`Old manual account ${manual}`);
  }, 60_000);
});
