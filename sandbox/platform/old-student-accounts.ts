import { nameKey } from '../../shared/matching/normalize';
import { classMembers } from '../district/class-members';
import type { District } from '../district/district';
import { FAMILY_NAMES, GIVEN_NAMES } from '../district/names';
import { hashUnit, pick } from '../district/random';

/** One old manual student account, with who it really is (the sandbox knows; the platform does not). */
export interface OldStudentAccount {
  username: string;
  accountNumber: string;
  /** The rostered student it belongs to; null for a student who left (nobody will claim it). */
  rosterSourcedId: string | null;
  /** The student's real name: what a teacher types on the worksheet. */
  givenName: string;
  familyName: string;
  teacher: { sourcedId: string; name: string; email: string | null };
  school: string | null;
  classLabel: string;
  lastActiveAt: string;
  workRecords: number;
}

export interface OldStudentOptions {
  seed: number;
  /** Share of rostered students who still have an old manual account (default 0.3). */
  rate?: number;
  /** Exactly this many old accounts (claimed and unclaimed), instead of `rate`. */
  count?: number;
  /** Share of the old accounts that belong to students no longer in the roster (default 0.1). */
  unclaimedShare?: number;
  /** Only these rostered students have a platform account to merge into. */
  rostered: Set<string>;
}

const day = (unit: number, from: string, spanDays: number) =>
  new Date(Date.parse(from) + Math.floor(unit * spanDays) * 86_400_000).toISOString();

/**
 * The manual student accounts a platform holds after a district starts rostering: made by a
 * teacher last year with a username and passcode, no name, no email. Usernames are what teachers
 * make: first name and an initial with digits, or the teacher's initials and a seat number.
 */
export function planOldStudentAccounts(
  district: District,
  options: OldStudentOptions,
): OldStudentAccount[] {
  const { seed } = options;
  const users = new Map<string, ReturnType<District['users']['at']>>();
  for (let i = 0; i < district.users.count; i++) {
    const u = district.users.at(i);
    users.set(u.sourcedId, u);
  }
  const schoolNames = new Map<string, string>();
  for (let i = 0; i < district.orgs.count; i++) {
    const o = district.orgs.at(i);
    schoolNames.set(o.sourcedId, o.name);
  }
  // Each student's first class with a teacher: who made their old account, and its label.
  const classTitle = new Map<string, string>();
  for (let i = 0; i < district.classes.count; i++) {
    const c = district.classes.at(i);
    classTitle.set(c.sourcedId, c.title);
  }
  const firstClass = new Map<string, { teacher: string; title: string }>();
  const teachersBySchool = new Map<string, string[]>();
  for (const [classId, m] of classMembers(district)) {
    const teacher = m.teachers[0];
    if (!teacher) continue;
    for (const s of m.students)
      if (!firstClass.has(s))
        firstClass.set(s, { teacher, title: classTitle.get(classId) ?? classId });
  }
  for (const u of users.values())
    if (u.role === 'teacher' && u.status === 'active') {
      const school = u.orgSourcedIds[0] ?? '';
      teachersBySchool.set(school, [...(teachersBySchool.get(school) ?? []), u.sourcedId]);
    }
  const teacherOf = (id: string) => {
    const t = users.get(id);
    return {
      sourcedId: id,
      name: t ? `${t.givenName} ${t.familyName}` : id,
      email: t?.email?.trim() || null,
    };
  };
  const candidates = [...options.rostered].filter((id) => firstClass.has(id));
  const unclaimedShare = options.unclaimedShare ?? 0.1;
  const wanted =
    options.count ?? Math.round((candidates.length * (options.rate ?? 0.3)) / (1 - unclaimedShare));
  const unclaimed = Math.round(wanted * unclaimedShare);
  const claimed = Math.min(candidates.length, wanted - unclaimed);
  // Spread over the students: every k-th rostered student has an old account.
  const step = candidates.length / Math.max(1, claimed);
  const out: OldStudentAccount[] = [];
  const usernames = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; usernames.has(name); n++) name = `${base}${n}`;
    usernames.add(name);
    return name;
  };
  for (let k = 0; k < claimed; k++) {
    const id = candidates[Math.floor(k * step)];
    const u = id ? users.get(id) : undefined;
    const cls = id ? firstClass.get(id) : undefined;
    if (!u || !cls) continue;
    const teacher = teacherOf(cls.teacher);
    const initials = teacher.name
      .split(' ')
      .map((p) => p[0] ?? '')
      .join('')
      .toLowerCase();
    const byName = hashUnit(seed, k, 401) < 0.6;
    out.push({
      username: unique(
        byName
          ? `${nameKey(u.givenName)}${nameKey(u.familyName).slice(0, 1)}${10 + Math.floor(hashUnit(seed, k, 402) * 89)}`
          : `${initials}-${String(1 + (k % 30)).padStart(2, '0')}`,
      ),
      accountNumber: String(4_100_000 + k),
      rosterSourcedId: u.sourcedId,
      givenName: u.givenName,
      familyName: u.familyName,
      teacher,
      school: schoolNames.get(u.orgSourcedIds[0] ?? '') ?? null,
      classLabel: `${cls.title} (2025-26)`,
      lastActiveAt: day(hashUnit(seed, k, 403), '2026-03-01T15:00:00Z', 100),
      workRecords: 5 + Math.floor(hashUnit(seed, k, 404) * 300),
    });
  }
  const schools = [...teachersBySchool.keys()].filter(Boolean);
  for (let k = 0; k < unclaimed; k++) {
    const school = pick(schools, hashUnit(seed, k, 411));
    const teacherId = pick(teachersBySchool.get(school ?? '') ?? [''], hashUnit(seed, k, 412));
    const given = pick(GIVEN_NAMES, hashUnit(seed, k, 413)) ?? 'Sam';
    const family = pick(FAMILY_NAMES, hashUnit(seed, k, 414)) ?? 'Lee';
    out.push({
      username: unique(`${nameKey(given)}${nameKey(family).slice(0, 1)}${k}x`),
      accountNumber: String(4_900_000 + k),
      rosterSourcedId: null,
      givenName: given,
      familyName: family,
      teacher: teacherOf(teacherId ?? ''),
      school: schoolNames.get(school ?? '') ?? null,
      classLabel: 'Homeroom (2024-25)',
      lastActiveAt: day(hashUnit(seed, k, 415), '2025-01-10T15:00:00Z', 200),
      workRecords: Math.floor(hashUnit(seed, k, 416) * 60),
    });
  }
  return out;
}
