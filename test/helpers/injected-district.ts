import type { FindingCode } from '../../shared/domain/finding';
import type { LicenseEntry } from '../../shared/domain/license';
import type { RosterClass, RosterEnrollment, RosterUser } from '../../shared/domain/roster';
import {
  NO_DEFECTS,
  districtSpec,
  generateDistrict,
} from '../../sandbox/district/generate-district';
import { toArray } from '../../sandbox/district/district';
import type { Db } from '../../electron/core/db/open-database';
import { SnapshotWriter } from '../../electron/core/snapshot/snapshot-writer';

export interface Expected {
  code: FindingCode;
  ids: string[];
}

const DOMAIN = 'springfield.k12.example';
const OLD = 'springfield-old.example.org';

/** Names with accents, hyphens, apostrophes, spaces and nicknames, each used once. */
const NAMES: [string, string][] = [
  ['José', 'Núñez'],
  ['Mary-Kate', "O'Brien"],
  ['Robert', 'Smith-Jones'],
  ['Elizabeth', 'García'],
  ['Siobhán', 'Ó Súilleabháin'],
  ['Jean-Luc', 'Dubois'],
  ['William', 'Åkesson'],
  ['Katherine', "D'Angelo"],
  ['Michael', 'van der Berg'],
  ['Jennifer', 'Kowalski'],
  ['Christopher', 'MacDonald'],
  ['Margaret', 'Müller'],
  ['Anthony', 'Rossi'],
  ['Deborah', 'Nguyen'],
  ['Thomas', 'Patel'],
  ['Daniel', 'Hernández'],
  ['Benjamin', 'Kim'],
  ['Jacqueline', 'Lefèvre'],
  ['Samuel', 'Ortiz'],
  ['Rebecca', 'Fitzgerald'],
  ['Priya', 'Raman'],
  ['Kwame', 'Mensah'],
  ['Ingrid', 'Solberg'],
  ['Dmitri', 'Volkov'],
  ['Aisha', 'Okafor'],
  ['Björn', 'Lind'],
  ['Chloé', 'Marchand'],
  ['Farah', 'Haddad'],
  ['Gabriel', 'Silva'],
  ['Hannah', 'Weiss'],
  ['Isaac', 'Cohen'],
  ['Lucía', 'Ramos'],
  ['Mateo', 'Vargas'],
  ['Nadia', 'Petrova'],
  ['Oliver', 'Bennett'],
  ['Quinn', 'Harper'],
  ['Rafael', 'Costa'],
  ['Sofía', 'Morales'],
  ['Uma', 'Iyer'],
  ['Victor', 'Lambert'],
];

const local = (given: string, family: string) =>
  `${given}.${family}`
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z.]/g, '');

/**
 * A small clean district with one or more of every finding code injected at known places, the
 * license list that goes with it, and the findings a correct engine must report: no more, no less.
 */
export function injectedDistrict() {
  const d = generateDistrict(
    districtSpec({
      seed: 11,
      schools: 3,
      teachers: 40,
      students: 600,
      classesPerTeacher: 3,
      studentsPerClass: 12,
      defects: NO_DEFECTS,
    }),
  );
  const users = toArray(d.users);
  const classes: RosterClass[] = toArray(d.classes);
  const enrollments: RosterEnrollment[] = toArray(d.enrollments);
  const teachers = users.filter((u) => u.role === 'teacher');
  teachers.forEach((t, i) => {
    const [given, family] = NAMES[i] ?? ['X', `Teacher${i}`];
    Object.assign(t, {
      givenName: given,
      familyName: family,
      email: `${local(given, family)}@${DOMAIN}`,
      username: `${local(given, family)}`,
      userIds: [],
    });
  });
  const t = (i: number) => teachers[i] as RosterUser;
  const entryFor = (
    u: RosterUser,
    email = u.email ?? '',
    status: LicenseEntry['status'] = 'active',
  ): LicenseEntry => ({
    email,
    givenName: u.givenName,
    familyName: u.familyName,
    status,
    invitedAt: '2026-08-20T10:00:00Z',
    acceptedAt: status === 'active' ? '2026-08-21T10:00:00Z' : null,
  });
  const license: LicenseEntry[] = [];
  const expected: Expected[] = [];
  const mismatches: { teacher: string; rosterEmail: string; licenseEmail: string }[] = [];

  // EMAIL_MISMATCH: the platform account still has an old or differently built email.
  const variants: ((u: RosterUser) => string)[] = [
    (u) => `${(u.email ?? '').split('@')[0]}@${OLD}`, // same local part, old domain
    (u) => `${local(u.givenName, u.familyName).replace(/^([a-z])[a-z-]*\./, '$1')}@${DOMAIN}`, // flast
    (u) => `${local(u.givenName, u.familyName).replace(/\.([a-z])[a-z]*$/, '$1')}@${OLD}`, // firstl, old domain
    (u) => `${local(u.givenName, u.familyName).split('.').reverse().join('.')}@${DOMAIN}`, // last.first
  ];
  for (let i = 0; i < 20; i++) {
    const u = t(i);
    const email = (variants[i % variants.length] as (u: RosterUser) => string)(u);
    license.push(entryFor(u, email));
    expected.push({ code: 'EMAIL_MISMATCH', ids: [u.sourcedId, email] });
    mismatches.push({ teacher: u.sourcedId, rosterEmail: u.email ?? '', licenseEmail: email });
  }
  // Nicknames on the license: Robert -> Bob, William -> Bill, Katherine -> Kate (with names as the license lists them).
  for (const [i, nick] of [
    [2, 'Bob'],
    [6, 'Bill'],
    [7, 'Kate'],
  ] as const) {
    const u = t(i);
    const entry = license.find((e) => e.givenName === u.givenName && e.familyName === u.familyName);
    if (entry) {
      entry.givenName = nick;
      entry.email = `${local(nick, u.familyName)}@${OLD}`;
      const exp = expected.find((x) => x.ids[0] === u.sourcedId);
      if (exp) exp.ids[1] = entry.email;
      const mm = mismatches.find((m) => m.teacher === u.sourcedId);
      if (mm) mm.licenseEmail = entry.email;
    }
  }
  // NOT_ON_LICENSE: teachers 20-22 have classes and no entry.
  for (const i of [20, 21, 22]) expected.push({ code: 'NOT_ON_LICENSE', ids: [t(i).sourcedId] });
  // INVITE_PENDING: 23, 24.
  for (const i of [23, 24]) {
    license.push(entryFor(t(i), undefined, 'invited'));
    expected.push({ code: 'INVITE_PENDING', ids: [t(i).sourcedId, t(i).email ?? ''] });
  }
  // DUPLICATE_EMAIL: 26 and 27 share 26's email (on the license once).
  t(27).email = t(26).email;
  license.push(entryFor(t(26)));
  expected.push({ code: 'DUPLICATE_EMAIL', ids: [t(26).sourcedId, t(27).sourcedId] });
  // MISSING_EMAIL (28) and INVALID_EMAIL (29): not on the license.
  t(28).email = null;
  expected.push({ code: 'MISSING_EMAIL', ids: [t(28).sourcedId] });
  t(29).email = `${local(t(29).givenName, t(29).familyName).replace('.', '_')}.${DOMAIN}`;
  expected.push({ code: 'INVALID_EMAIL', ids: [t(29).sourcedId] });
  // EMAIL_CASE_OR_SPACE: 30's roster email has capitals and a trailing space.
  license.push(entryFor(t(30)));
  t(30).email = ` ${(t(30).email ?? '').replace(/^./, (c) => c.toUpperCase())} `;
  expected.push({
    code: 'EMAIL_CASE_OR_SPACE',
    ids: [t(30).sourcedId, license.at(-1)?.email ?? ''],
  });
  // Inactive: 31 is tobedeleted and on no license, 32 disabled: neither counts.
  t(31).status = 'tobedeleted';
  t(32).enabledUser = false;
  // Everyone else is on the license as they are.
  for (const i of [25, 33, 34, 35, 36, 37, 38, 39]) license.push(entryFor(t(i)));
  // NOT_IN_ROSTER: two entries nobody in the roster resembles.
  for (const [given, family] of [
    ['Xavier', 'Quimby'],
    ['Yolanda', 'Zephyrine'],
  ] as const) {
    const email = `${local(given, family)}@${DOMAIN}`;
    license.push({
      email,
      givenName: given,
      familyName: family,
      status: 'active',
      invitedAt: null,
      acceptedAt: null,
    });
    expected.push({ code: 'NOT_IN_ROSTER', ids: [email] });
  }
  // TEACHER_NO_CLASSES: two licensed teachers with no class.
  const school = t(0).orgSourcedIds;
  for (const [n, [given, family]] of [
    ['x1', ['Walter', 'Newman']],
    ['x2', ['Greta', 'Holm']],
  ] as const) {
    const u: RosterUser = {
      ...t(0),
      sourcedId: `usr-extra-${n}`,
      givenName: given,
      familyName: family,
      email: `${local(given, family)}@${DOMAIN}`,
      username: local(given, family),
      orgSourcedIds: school,
    };
    users.push(u);
    license.push(entryFor(u));
    expected.push({ code: 'TEACHER_NO_CLASSES', ids: [u.sourcedId] });
  }
  // CLASS_NO_TEACHER and CLASS_NO_STUDENTS.
  const base = classes[0] as RosterClass;
  classes.push(
    { ...base, sourcedId: 'cls-no-teacher', title: 'Chemistry - Period 9' },
    { ...base, sourcedId: 'cls-no-students', title: 'Physics - Period 9' },
  );
  const someStudents = users.filter((u) => u.role === 'student').slice(0, 3);
  someStudents.forEach((s, i) =>
    enrollments.push({
      sourcedId: `enr-nt-${i}`,
      status: 'active',
      classSourcedId: 'cls-no-teacher',
      schoolSourcedId: null,
      userSourcedId: s.sourcedId,
      role: 'student',
      primary: false,
    }),
  );
  enrollments.push({
    sourcedId: 'enr-ns-0',
    status: 'active',
    classSourcedId: 'cls-no-students',
    schoolSourcedId: null,
    userSourcedId: t(25).sourcedId,
    role: 'teacher',
    primary: true,
  });
  expected.push(
    { code: 'CLASS_NO_TEACHER', ids: ['cls-no-teacher'] },
    { code: 'CLASS_NO_STUDENTS', ids: ['cls-no-students'] },
  );
  // STUDENT_NO_ENROLLMENT: two new students in no class; a third, tobedeleted, does not count.
  const student = users.find((u) => u.role === 'student') as RosterUser;
  for (const n of [1, 2, 3])
    users.push({
      ...student,
      sourcedId: `usr-lonely-${n}`,
      givenName: 'Lonely',
      familyName: `Student${n}`,
      email: null,
      status: n === 3 ? 'tobedeleted' : 'active',
    });
  expected.push(
    { code: 'STUDENT_NO_ENROLLMENT', ids: ['usr-lonely-1'] },
    { code: 'STUDENT_NO_ENROLLMENT', ids: ['usr-lonely-2'] },
  );

  return {
    orgs: toArray(d.orgs),
    users,
    classes,
    enrollments,
    courses: toArray(d.courses),
    academicSessions: toArray(d.academicSessions),
    license,
    expected,
    mismatches,
  };
}

export type InjectedDistrict = ReturnType<typeof injectedDistrict>;

/** Writes the district's records into a fresh snapshot and returns its id. */
export function writeSnapshot(
  db: Db,
  d: Pick<
    InjectedDistrict,
    'orgs' | 'users' | 'classes' | 'enrollments' | 'courses' | 'academicSessions'
  >,
): number {
  const id = Number(
    db
      .prepare(
        "INSERT INTO snapshots (connection_id, source_kind, source_label, status, started_at) VALUES ('test', 'oneroster-csv', 'test', 'complete', '')",
      )
      .run().lastInsertRowid,
  );
  db.prepare(
    "INSERT INTO current_snapshot VALUES ('test', ?) ON CONFLICT (connection_id) DO UPDATE SET snapshot_id = excluded.snapshot_id",
  ).run(id);
  const writer = new SnapshotWriter(db, id);
  writer.write(
    {
      orgs: d.orgs,
      users: d.users,
      classes: d.classes,
      enrollments: d.enrollments,
      courses: d.courses,
      academicSessions: d.academicSessions,
    },
    [],
    'test',
  );
  writer.finish();
  return id;
}
