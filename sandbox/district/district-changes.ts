import type { RosterUser } from '../../shared/domain/roster';
import type { District } from './district';
import { filterList, listOf } from './district';

/** Whether a user is a live student whose first school is `schoolId`. */
export const studentOf =
  (schoolId: string) =>
  (u: RosterUser): boolean =>
    u.role === 'student' && u.orgSourcedIds[0] === schoolId;

/**
 * The same district with one school's students gone (and their enrollments), as a bad export or a
 * sharing rule that drops a school sends it: what a hold must catch.
 */
export function withoutStudentsOf(district: District, schoolId: string): District {
  const gone = new Set<string>();
  for (let i = 0; i < district.users.count; i++) {
    const u = district.users.at(i);
    if (studentOf(schoolId)(u)) gone.add(u.sourcedId);
  }
  return {
    ...district,
    users: filterList(district.users, (u) => !gone.has(u.sourcedId)),
    enrollments: filterList(district.enrollments, (e) => !gone.has(e.userSourcedId)),
  };
}

/** What a next version of a district changed, for tests to check a digest against. */
export interface DistrictChanges {
  /** Live teachers the next version no longer sends. */
  leavers: RosterUser[];
  /** Teachers the next version sends for the first time. */
  arrivals: RosterUser[];
  /** Teachers whose email the source changed (same sourcedId). */
  emailChanges: { sourcedId: string; from: string; to: string }[];
}

const GIVEN = ['Ines', 'Kwame', 'Lotte', 'Mateo', 'Nadia', 'Oren', 'Priya', 'Tomasz'];

/**
 * A teacher the source sends for the first time: the i-th newcomer ("Newcomer3"), shaped like
 * `template` (a teacher of the district), with an address at the district's `domain`.
 */
export function newTeacher(
  template: RosterUser,
  i: number,
  sourcedId: string,
  domain: string,
  schoolId: string | null,
): RosterUser {
  return {
    ...template,
    sourcedId,
    username: `arrival${i + 1}`,
    givenName: GIVEN[i % GIVEN.length] ?? 'Ines',
    familyName: `Newcomer${i + 1}`,
    middleName: null,
    identifier: `NEW${i + 1}`,
    email: `arrival.${i + 1}@${domain}`,
    orgSourcedIds: schoolId ? [schoolId] : [],
    userIds: [],
  };
}

const liveTeacher = (u: RosterUser) =>
  u.role === 'teacher' && u.status === 'active' && u.enabledUser && !!u.email && /@/.test(u.email);

/**
 * The district as its source sends it some weeks later: `leave` teachers gone (with their
 * enrollments), `arrive` new ones at the first school, `emailChange` teachers with an address at a
 * new domain. Picked evenly through the teachers, so the same call gives the same truth.
 */
export function nextVersion(
  district: District,
  counts: { leave: number; arrive: number; emailChange: number },
): { district: District; truth: DistrictChanges } {
  const users = Array.from({ length: district.users.count }, (_, i) => district.users.at(i));
  const teachers = users.filter(liveTeacher);
  const step = Math.max(1, Math.floor(teachers.length / (counts.leave + counts.emailChange + 1)));
  const picked = teachers.filter((_, i) => i % step === step - 1);
  const leavers = picked.slice(0, counts.leave);
  const changing = picked.slice(counts.leave, counts.leave + counts.emailChange);
  const gone = new Set(leavers.map((u) => u.sourcedId));
  const emailChanges = changing.map((u) => {
    const [local = 'x', domain = 'example.org'] = (u.email ?? '').split('@');
    return { sourcedId: u.sourcedId, from: u.email ?? '', to: `${local}@newmail.${domain}` };
  });
  const newEmail = new Map(emailChanges.map((c) => [c.sourcedId, c.to]));
  const school = Array.from({ length: district.orgs.count }, (_, i) => district.orgs.at(i)).find(
    (o) => o.type === 'school',
  );
  const domain = (teachers[0]?.email ?? 'x@example.org').split('@')[1] ?? 'example.org';
  const arrivals: RosterUser[] = Array.from({ length: counts.arrive }, (_, i) =>
    newTeacher(teachers[0] as RosterUser, i, `arrival-${i + 1}`, domain, school?.sourcedId ?? null),
  );
  const next = users
    .filter((u) => !gone.has(u.sourcedId))
    .map((u) =>
      newEmail.has(u.sourcedId) ? { ...u, email: newEmail.get(u.sourcedId) ?? u.email } : u,
    );
  return {
    district: {
      ...district,
      users: listOf([...next, ...arrivals]),
      enrollments: filterList(district.enrollments, (e) => !gone.has(e.userSourcedId)),
    },
    truth: { leavers, arrivals, emailChanges },
  };
}
