import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedAppServices as AppServices } from '../../electron/core/app/app-services';
import { pullLicense } from '../../electron/core/platform/platform-connection';
import { pushPreview } from '../../electron/core/changes/push-preview';
import { exportFile } from '../../electron/core/reports/exports';
import { createHandlers } from '../../electron/core/handlers';
import { givenVariants } from '../../shared/matching/nicknames';
import { nameKey } from '../../shared/matching/normalize';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import { NO_FAULTS } from '../../sandbox/faults';
import type { OldStudentAccount } from '../../sandbox/platform/old-student-accounts';
import type { RunningPlatform } from '../../sandbox/platform/platform-server';
import { plannedOldStudents } from '../../sandbox/platform/seed-platform';
import { FAST_RETRY } from '../helpers/district-fixtures';
import { districtOnPlatform } from '../helpers/district-on-platform';
import type { DistrictOnPlatform } from '../helpers/district-on-platform';

const LICENSE = 'lic-old-students';
const district = generateDistrict(
  districtSpec({ seed: 11, schools: 4, teachers: 40, students: 1200 }),
);
const seed = { seed: 42, oldStudents: { count: 300, unclaimedShare: 0.1 } };
const plan = plannedOldStudents(district, seed);

let fixture: DistrictOnPlatform;
let platform: RunningPlatform;
let services: AppServices;
let platformId = '';

beforeAll(async () => {
  fixture = await districtOnPlatform(district, {
    licenseId: LICENSE,
    seed,
    // 10% of requests fail with a 5xx, half of them after the change was applied.
    faults: { ...NO_FAULTS, errorRate: 0.1, seed: 5 },
  });
  ({ platform, services, platformId } = fixture);
}, 60_000);

afterAll(() => fixture.close());

/**
 * The test's own reading of a name, independent of the matcher's nameKey: accents, capitals and
 * anything not a letter set aside. Used for the answer key (who has a namesake at the school).
 */
const plainName = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** Every student by first school, as the roster sends them: who else a typed name could be. */
function studentsBySchool(): Map<
  string,
  { id: string; key: string; plain: string; live: boolean }[]
> {
  const names = new Map<string, string>();
  for (let i = 0; i < district.orgs.count; i++)
    names.set(district.orgs.at(i).sourcedId, district.orgs.at(i).name);
  const out = new Map<string, { id: string; key: string; plain: string; live: boolean }[]>();
  for (let i = 0; i < district.users.count; i++) {
    const u = district.users.at(i);
    if (u.role !== 'student') continue;
    const school = names.get(u.orgSourcedIds[0] ?? '') ?? '';
    out.set(school, [
      ...(out.get(school) ?? []),
      {
        id: u.sourcedId,
        key: `${nameKey(u.givenName)}|${nameKey(u.familyName)}`,
        plain: `${plainName(u.givenName)}|${plainName(u.familyName)}`,
        live: u.status === 'active' && u.enabledUser,
      },
    ]);
  }
  return out;
}

describe("students' old accounts: the worksheet round trip", () => {
  it('export, fill 250 names, import: exactly the right merges; push under 10% 5xx frees the seats once', async () => {
    expect(plan).toHaveLength(300);
    const file = await exportFile(services, 'student-logins');
    const rows = parse(file.body.toString(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(300);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'real_first_name',
      'real_last_name',
      'old_username',
      'account_number',
      'created_by_teacher',
      'class_label',
      'last_active',
    ]);
    expect(rows.every((r) => r.real_first_name === '' && r.real_last_name === '')).toBe(true);

    const truth = new Map(plan.map((p) => [p.username, p]));
    const bySchool = studentsBySchool();
    const claimed = rows.filter((r) => truth.get(r.old_username ?? '')?.rosterSourcedId);
    const accented = claimed.find((r) =>
      /[^ -~]/.test(`${truth.get(r.old_username ?? '')?.familyName ?? ''}`),
    );
    // A nickname typed for a student no other student at the school could be taken for.
    const nicknameOf = (given: string) =>
      [...givenVariants(nameKey(given))].find((v) => v !== nameKey(given));
    const nicknamed = claimed.find((r) => {
      const t = truth.get(r.old_username ?? '');
      const nick = t && nicknameOf(t.givenName);
      if (!t || !nick || r === accented) return false;
      const family = nameKey(t.familyName);
      const others = (bySchool.get(t.school ?? '') ?? []).filter((s) => {
        const [g = '', f = ''] = s.key.split('|');
        return (
          f === family && s.id !== t.rosterSourcedId && (g === nick || givenVariants(g).has(nick))
        );
      });
      return others.length === 0;
    });
    if (!accented || !nicknamed)
      throw new Error('the plan lacks an accented or a nicknamed student');
    const nobody = claimed.filter((r) => r !== accented && r !== nicknamed).slice(0, 5);
    const named = [
      accented,
      nicknamed,
      ...claimed.filter((r) => r !== accented && r !== nicknamed && !nobody.includes(r)),
    ].slice(0, 245);

    const typed = new Map<string, [string, string]>();
    for (const r of named) {
      const t = truth.get(r.old_username ?? '') as OldStudentAccount;
      let given = t.givenName;
      const family =
        r === accented
          ? t.familyName.normalize('NFD').replace(/\p{Diacritic}/gu, '')
          : t.familyName;
      if (r === nicknamed) given = nicknameOf(given) ?? given;
      typed.set(r.old_username ?? '', [given, family]);
    }
    nobody.forEach((r, i) => typed.set(r.old_username ?? '', [`Zyx${i}`, 'Quokkabottom']));
    expect(typed.size).toBe(250);
    // Same-name students at one school: the teacher's classes, not a guess, must tell them apart.
    const twinsAtSchool = named.filter((r) => {
      const t = truth.get(r.old_username ?? '') as OldStudentAccount;
      const plain = `${plainName(t.givenName)}|${plainName(t.familyName)}`;
      return (bySchool.get(t.school ?? '') ?? []).filter((s) => s.plain === plain).length > 1;
    });
    expect(twinsAtSchool.length).toBeGreaterThan(0);

    // Filled as a spreadsheet saves it: semicolons, a BOM, columns in another order.
    const header = ['old_username', 'real_last_name', 'real_first_name', 'account_number'];
    const text =
      '\uFEFF' +
      [
        header.join(';'),
        ...rows.map((r) => {
          const [g, f] = typed.get(r.old_username ?? '') ?? ['', ''];
          return [r.old_username, f, g, r.account_number].join(';');
        }),
      ].join('\r\n');
    const seatsBefore = (await platformLicense()).studentSeatsUsed;
    const result = services.students.importWorksheet('worksheet-filled.csv', text);

    expect(result.errors).toEqual([]);
    expect(result.blank).toBe(50);
    // No merge goes to a child who does not own the account: the answer key is the plan.
    const wrong = result.staged.filter(
      (m) => truth.get(m.oldUsername)?.rosterSourcedId !== m.studentSourcedId,
    );
    expect(wrong).toEqual([]);
    // Most rows merge; every other one waits in the review queue, never dropped.
    expect(result.staged.length).toBeGreaterThan(200);
    expect(result.staged.length + result.ambiguous.length + result.unknown.length).toBe(250);
    expect(result.queued).toBe(result.ambiguous.length + result.unknown.length);
    expect(services.students.reviewQueue().total).toBe(result.queued);
    for (const r of nobody)
      expect(result.unknown.map((u) => u.oldUsername)).toContain(r.old_username);
    expect(result.unknown.find((u) => u.oldUsername === nobody[0]?.old_username)?.reason).toMatch(
      /no rostered student named Zyx0 Quokkabottom at /,
    );
    const expectedMerges = new Map(
      result.staged.map((m) => [m.oldUsername, m.studentSourcedId] as const),
    );
    const staged = new Map(result.staged.map((s) => [s.oldUsername, s]));
    const nick = staged.get(nicknamed.old_username ?? '');
    expect(nick?.evidence.join(' ')).toMatch(/is a nickname of/);
    expect(nick?.evidence.join(' ')).toMatch(
      /Rests on a rule weaker than an exact match: a nickname/,
    );
    const acc = staged.get(accented.old_username ?? '');
    expect(acc?.evidence.join(' ')).toMatch(/accents, capitals and hyphens aside/);

    // Nothing else is staged: every open change is one of these merges.
    const open = services.changes.list({ status: 'staged', offset: 0, limit: 1000 });
    expect(open.total).toBe(expectedMerges.size);
    expect(open.rows.every((c) => c.kind === 'merge' && c.origin === 'OLD_STUDENT_WORKSHEET')).toBe(
      true,
    );
    expect(services.students.seats()).toMatchObject({
      stagedMerges: expectedMerges.size,
      seatsToFree: expectedMerges.size,
      oldUnmerged: 300,
    });

    // The merges resting on a rule weaker than an exact match are counted where the admin looks:
    // the dashboard (from the change list) and the push confirmation.
    const weaker = result.staged.filter((m) =>
      m.evidence.some((e) => e.startsWith('Rests on a rule weaker than an exact match:')),
    ).length;
    expect(weaker).toBeGreaterThan(0);
    expect(weaker).toBeLessThan(result.staged.length);
    expect(services.changes.list({ offset: 0, limit: 1 }).weakerMatches).toBe(weaker);
    services.changes.approve('all');
    expect(pushPreview(services.changes, services.license).weakerMatches).toBe(weaker);
    services.push.start();
    const final = await services.push.wait();
    expect(final).toMatchObject({ state: 'completed', applied: expectedMerges.size, rejected: 0 });

    // Each merge applied once, by the platform's own ledger of applied events.
    const events = platform.store.db
      .prepare("SELECT target, count(*) AS n FROM events WHERE op = 'merge' GROUP BY target")
      .all() as { target: string; n: number }[];
    expect(events).toHaveLength(expectedMerges.size);
    expect(events.every((e) => e.n === 1)).toBe(true);
    const seatsAfter = (await platformLicense()).studentSeatsUsed;
    expect(seatsBefore - seatsAfter).toBe(expectedMerges.size);

    await pullLicense(services.connections, services.license, platformId);
    const seats = services.students.seats();
    expect(seats).toMatchObject({
      merged: expectedMerges.size,
      oldUnmerged: 300 - expectedMerges.size,
      stagedMerges: 0,
      studentSeatsUsed: seatsAfter,
    });
    expect(seats.perTeacher.reduce((n, t) => n + t.merged, 0)).toBe(expectedMerges.size);
    expect(seats.history.at(-1)?.studentSeatsUsed).toBe(seatsAfter);
    const finding = (await services.diagnostics.current())?.findings.filter(
      (f) => f.code === 'OLD_STUDENT_ACCOUNTS',
    );
    expect(finding?.reduce((n, f) => n + (f.seats ?? 0), 0)).toBe(300 - expectedMerges.size);
  }, 120_000);

  it('bad worksheet input: each bad row is a line-numbered error and the good rows are kept', () => {
    const old = services.license
      .accounts()
      .filter((a) => a.role === 'student' && a.provenance === 'manual' && !a.mergedInto);
    const teacher = services.license.accounts().find((a) => a.role === 'teacher' && a.username);
    const good = old.find((a) => plan.find((p) => p.username === a.username)?.rosterSourcedId);
    const other = old.find((a) => a !== good);
    if (!good || !other || !teacher) throw new Error('no accounts to test with');
    const t = plan.find((p) => p.username === good.username) as OldStudentAccount;
    expect(() =>
      services.students.importWorksheet('no-names.csv', 'old_username,account_number\nabc,1\n'),
    ).toThrow(/no-names\.csv:1 has no real_first_name, real_last_name column/);
    const text = [
      'real_first_name,real_last_name,old_username',
      `${t.givenName},${t.familyName},${good.username ?? ''}`,
      `${t.givenName},${t.familyName},${(good.username ?? '').toUpperCase()}`,
      'Ann,Lee,no-such-user',
      `Ann,Lee,${teacher.username ?? ''}`,
      `,Lee,${other.username ?? ''}`,
    ].join('\n');
    const result = services.students.importWorksheet('bad.csv', text);
    expect(result.errors).toEqual([
      {
        line: 3,
        message: `old username "${(good.username ?? '').toUpperCase()}" is already on line 2; this row is ignored`,
      },
      { line: 4, message: 'old username "no-such-user" is not on the license as last pulled' },
      {
        line: 5,
        message: `"${teacher.username ?? ''}" is a teacher's account, not an old student account`,
      },
      {
        line: 6,
        message: `give the first name of "${other.username ?? ''}" too (only the last name is filled)`,
      },
    ]);
    // The good row is kept: its merge is staged (or listed as ambiguous when a namesake shares the school).
    expect(result.staged.length + result.ambiguous.length).toBe(1);
  });

  it('a worksheet of 100,000 rows answers with every count and the first 500 rows of each list', async () => {
    const text = [
      'real_first_name,real_last_name,old_username',
      ...Array.from({ length: 100_000 }, (_, i) => `Ann,Lee,nobody-${i}`),
    ].join('\n');
    const reply = await createHandlers(services)['students.importWorksheet'](
      { fileName: 'huge.csv', text },
      { transport: 'browser-host' },
    );
    expect(reply.rows).toBe(100_000);
    expect(reply.counts.errors).toBe(100_000);
    expect(reply.errors).toHaveLength(500);
    expect(reply.errors[0]).toEqual({
      line: 2,
      message: 'old username "nobody-0" is not on the license as last pulled',
    });
    // It replied 9.4 MB with every row.
    expect(JSON.stringify(reply).length).toBeLessThan(100_000);
  });

  it('clean-up stages removals of unclaimed accounts for review, with the work they would erase', () => {
    const preview = services.students.cleanup('2026-01-01', false);
    const unclaimed = plan.filter((p) => !p.rosterSourcedId);
    expect(preview.accounts).toBe(unclaimed.length);
    expect(preview.workRecordsLost).toBe(unclaimed.reduce((n, p) => n + p.workRecords, 0));
    expect(preview.staged).toBe(0);
    const staged = services.students.cleanup('2026-01-01', true);
    expect(staged.staged).toBe(unclaimed.length);
    const open = services.changes.list({ status: 'staged', offset: 0, limit: 1000 });
    expect(open.rows.filter((c) => c.kind === 'remove-account')).toHaveLength(unclaimed.length);
    expect(services.students.seats().stagedRemovals).toBe(unclaimed.length);
  });
});

async function platformLicense() {
  const { PlatformClient } = await import('../../electron/core/platform/platform-client');
  return new PlatformClient({
    baseUrl: platform.baseUrl,
    licenseId: LICENSE,
    token: 'tok',
    policy: FAST_RETRY,
  }).license();
}
