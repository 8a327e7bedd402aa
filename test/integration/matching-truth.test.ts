import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../../electron/core/diagnostics/run-diagnostics';
import type { Finding } from '../../shared/domain/finding';
import type { LicenseEntry } from '../../shared/domain/license';
import type { RosterUser } from '../../shared/domain/roster';
import { listOf, toArray } from '../../sandbox/district/district';
import {
  NO_DEFECTS,
  districtSpec,
  generateDistrict,
} from '../../sandbox/district/generate-district';
import { useTempDatabase } from '../helpers/temp-database';
import { writeSnapshot } from '../helpers/injected-district';

/**
 * The license match against an answer key, on generated districts whose teachers' names collide as
 * real ones do: shared given names, double family names beside their single parts, nicknames, one
 * letter typed wrong or left out, leavers who share a name with a teacher who stayed, and a license
 * email that fits two people. The key is what the generator did; RosterDesk's own matching code is
 * never asked what the answer is.
 */

const temp = useTempDatabase();
const DOMAIN = 'district.k12.example';
const OLD = 'old-district.example.org';
const PERSONAL = 'personal.example.com';

/** Letters only, lower case, no accents: the test's own way to build an email. */
const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const GIVEN = [
  'Donna',
  'Maria',
  'Michael',
  'Robert',
  'Katherine',
  'William',
  'José',
  'Ana',
  'Alejandro',
  'Santiago',
  'Oluwaseun',
  'Daniel',
  'Jennifer',
  'Christopher',
  'Elizabeth',
];
const FAMILY = [
  'Smith',
  'Smith-Jones',
  'Jones',
  'García',
  'García-López',
  'López',
  'Nguyen',
  'Patel',
  'Van der Berg',
  "O'Brien",
  'Brown',
  'Martínez',
  'Johnson',
];
/** Nicknames the license may carry, from the test's own list. */
const NICK: Record<string, string> = {
  Michael: 'Mike',
  Robert: 'Bob',
  Katherine: 'Kate',
  William: 'Bill',
  Elizabeth: 'Liz',
  Jennifer: 'Jen',
  Christopher: 'Chris',
  Daniel: 'Dan',
  Alejandro: 'Alex',
  Santiago: 'Santi',
  Oluwaseun: 'Seun',
};

/** A letter changed in the middle (substitution), on a name of 5 letters or more. */
const typo = (s: string) => {
  const i = Math.floor(s.length / 2);
  return s.length < 5 ? s : `${s.slice(0, i)}${s[i] === 'e' ? 'a' : 'e'}${s.slice(i + 1)}`;
};
/** A letter left out in the middle, on a name of 5 letters or more. */
const dropped = (s: string) => {
  const i = Math.floor(s.length / 2);
  return s.length < 5 ? s : `${s.slice(0, i)}${s.slice(i + 1)}`;
};

interface Key {
  code: string;
  ids: string[];
}

function scenario(seed: number) {
  const d = generateDistrict(
    districtSpec({
      seed,
      schools: 3,
      teachers: 150,
      students: 450,
      classesPerTeacher: 2,
      studentsPerClass: 6,
      defects: NO_DEFECTS,
    }),
  );
  const users = toArray(d.users);
  const teachers = users.filter((u) => u.role === 'teacher');
  teachers.forEach((t, i) => {
    const given = GIVEN[(i * 5 + seed) % GIVEN.length] ?? 'Ana';
    const family = FAMILY[(i * 3 + seed * 7) % FAMILY.length] ?? 'Smith';
    Object.assign(t, {
      givenName: given,
      familyName: family,
      email: `${plain(given)}.${plain(family)}${i}@${DOMAIN}`,
      username: null,
      identifier: null,
      userIds: [],
    });
  });
  const license: LicenseEntry[] = [];
  const key: Key[] = [];
  const entry = (
    u: { givenName: string; familyName: string },
    email: string,
    status: LicenseEntry['status'] = 'active',
  ): LicenseEntry => ({
    email,
    givenName: u.givenName,
    familyName: u.familyName,
    status,
    invitedAt: '2026-08-20T10:00:00Z',
    acceptedAt: status === 'active' ? '2026-08-21T10:00:00Z' : null,
  });

  // The trap: a license email that fits two people. Donna Smith's account is dsmith@ (flast);
  // Donna Smith-Jones's is donnas@ (first name and family initial), which fits Donna Smith too.
  const [smith, smithJones] = teachers.slice(-2) as [RosterUser, RosterUser];
  Object.assign(smith, {
    givenName: 'Donna',
    familyName: 'Smith',
    email: `donna.smith@${DOMAIN}`,
  });
  Object.assign(smithJones, {
    givenName: 'Donna',
    familyName: 'Smith-Jones',
    email: `donna.smithjones@${DOMAIN}`,
  });
  license.push(entry(smith, `dsmith@${DOMAIN}`), entry(smithJones, `donnas@${DOMAIN}`));
  key.push(
    { code: 'EMAIL_MISMATCH', ids: [smith.sourcedId, `dsmith@${DOMAIN}`] },
    { code: 'EMAIL_MISMATCH', ids: [smithJones.sourcedId, `donnas@${DOMAIN}`] },
  );

  const fullName = (u: RosterUser) => `${plain(u.givenName)}|${plain(u.familyName)}`;
  const open: RosterUser[] = [];
  const exactly: RosterUser[] = [];
  teachers.slice(0, -2).forEach((u, i) => {
    const roll = (i * 37 + seed * 11) % 100;
    const email = u.email ?? '';
    if (roll < 6) {
      key.push({ code: 'NOT_ON_LICENSE', ids: [u.sourcedId] });
      open.push(u);
      return;
    }
    if (roll < 26) {
      open.push(u);
      const namesake = teachers.some((o) => o !== u && fullName(o) === fullName(u));
      const g = plain(u.givenName);
      const f = plain(u.familyName);
      // Where a namesake teacher could be taken for them, the old email keeps its number.
      const variant = namesake ? 0 : i % 5;
      const licenseEmail = [
        `${email.split('@')[0]}@${OLD}`,
        `${g[0]}${f}@${DOMAIN}`,
        `${g}.${f}@${PERSONAL}`,
        `${f}.${g}@${OLD}`,
        `${g}.${f}@${PERSONAL}`,
      ][variant] as string;
      if (license.some((e) => e.email === licenseEmail)) {
        key.push({ code: 'NOT_ON_LICENSE', ids: [u.sourcedId] });
        return;
      }
      // The name as the license lists it: as rostered, a nickname, a typo, or a nickname and a
      // family name with a letter left out.
      const names = [
        { givenName: u.givenName, familyName: u.familyName },
        { givenName: NICK[u.givenName] ?? u.givenName, familyName: u.familyName },
        { givenName: typo(u.givenName), familyName: u.familyName },
        {
          givenName: NICK[u.givenName] ?? u.givenName,
          familyName: dropped(u.familyName),
        },
      ][(i >> 1) % 4] as { givenName: string; familyName: string };
      license.push(entry(names, licenseEmail));
      key.push({ code: 'EMAIL_MISMATCH', ids: [u.sourcedId, licenseEmail] });
      return;
    }
    exactly.push(u);
    const invited = roll >= 94;
    license.push(entry(u, email, invited ? 'invited' : 'active'));
    if (invited) key.push({ code: 'INVITE_PENDING', ids: [u.sourcedId, email] });
  });
  // Leavers, some sharing the name of a teacher who stayed and is on the license as rostered.
  for (let k = 0; k < 6; k++) {
    const stayed = exactly[(k * 7 + seed) % exactly.length] as RosterUser;
    // Nobody could tell a leaver from a teacher missing from the license who bears the same name
    // (with no email in common): such a namesake is not generated.
    const undecidable = open.some((o) => fullName(o) === fullName(stayed));
    const leaver =
      k % 2 === 0 && !undecidable
        ? { givenName: stayed.givenName, familyName: stayed.familyName }
        : { givenName: 'Zebulon', familyName: `Quokka${k}` };
    const email = `former.${plain(leaver.givenName)}.${plain(leaver.familyName)}${k}@retired.example.org`;
    license.push(entry(leaver, email));
    key.push({ code: 'NOT_IN_ROSTER', ids: [email] });
  }
  return {
    district: { ...d, users: listOf(users) },
    license,
    key,
    trap: { smith, smithJones },
  };
}

const LICENSE_CODES = new Set([
  'EMAIL_MISMATCH',
  'EMAIL_CASE_OR_SPACE',
  'INVITE_PENDING',
  'NOT_ON_LICENSE',
  'NOT_IN_ROSTER',
]);
const keyOf = (k: { code: string; ids: string[] }) => `${k.code} ${[...k.ids].sort().join(' ')}`;
const findingKey = (f: Finding) => keyOf({ code: f.code, ids: f.subjects.map((s) => s.id) });

describe('the license match against an answer key, on districts whose names collide', () => {
  const totals = { defects: 0, proposals: 0, sure: 0, sureWrong: 0 };

  it.each([5, 23, 41])(
    'district %i: every injected defect found, no wrong code or pairing, nothing wrong at 90% or more',
    (seed) => {
      const { district, license, key, trap } = scenario(seed);
      const snapshotId = writeSnapshot(temp.db, {
        orgs: toArray(district.orgs),
        users: toArray(district.users),
        classes: toArray(district.classes),
        enrollments: toArray(district.enrollments),
        courses: toArray(district.courses),
        academicSessions: toArray(district.academicSessions),
      });
      const { findings } = runDiagnostics(temp.db, snapshotId, license);
      const found = findings.filter((f) => LICENSE_CODES.has(f.code));
      const expected = new Set(key.map(keyOf));
      const actual = new Set(found.map(findingKey));
      // Recall: every injected defect, with its pairing.
      expect([...expected].filter((k) => !actual.has(k))).toEqual([]);
      // Nothing else: no finding with a wrong code or a wrong pairing.
      expect([...actual].filter((k) => !expected.has(k))).toEqual([]);

      const proposals = found.filter((f) => f.code === 'EMAIL_MISMATCH');
      const sure = proposals.filter((f) => (f.suggestion?.confidence ?? 0) >= 0.9);
      const sureWrong = sure.filter((f) => !expected.has(findingKey(f)));
      expect(sureWrong).toEqual([]);
      // The email that fits two people is never proposed as sure, and the evidence says who else.
      const donnas = proposals.find((f) => f.subjects.some((s) => s.id === `donnas@${DOMAIN}`));
      expect(donnas?.subjects.find((s) => s.kind === 'user')?.id).toBe(trap.smithJones.sourcedId);
      expect(donnas?.suggestion?.confidence ?? 1).toBeLessThan(0.9);
      expect(donnas?.evidence.join(' '), JSON.stringify(donnas)).toMatch(/also fits Donna Smith/);
      // Every kind of collision is in the district.
      const nicknames = new Set(Object.values(NICK));
      expect(license.some((e) => nicknames.has(e.givenName ?? ''))).toBe(true);
      expect(key.filter((k) => k.code === 'EMAIL_MISMATCH').length).toBeGreaterThan(15);

      totals.defects += key.length;
      totals.proposals += proposals.length;
      totals.sure += sure.length;
      totals.sureWrong += sureWrong.length;
    },
  );

  it('over the three districts: no proposal at 90% or more is wrong', () => {
    expect(totals.defects).toBeGreaterThan(100);
    expect(totals.sureWrong).toBe(0);
    process.stdout.write(
      `matching truth: ${totals.defects} injected defects all found; ${totals.proposals} email proposals, ${totals.sure} at >= 90%, ${totals.sureWrong} of them wrong\n`,
    );
  });
});
