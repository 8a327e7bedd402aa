import type {
  RosterClass,
  RosterEnrollment,
  RosterSession,
  RosterUser,
} from '../../shared/domain/roster';
import type { District } from './district';
import { listOf, toArray } from './district';
import { newTeacher } from './district-changes';
import { hashUnit } from './random';

/** What the new school year changed, per person, for tests to check a rehearsal against. */
export interface NextYearTruth {
  /** Live teachers the new year no longer sends, with their school (first org). */
  leavers: { sourcedId: string; email: string; schoolId: string }[];
  /** Teachers the new year sends for the first time. */
  arrivals: { sourcedId: string; email: string; schoolId: string }[];
  /** Teachers whose email moved to the new domain (same sourcedId). */
  emailChanges: { sourcedId: string; from: string; to: string; schoolId: string }[];
  /** Staying teachers whose classes all ended: no class in the new year. */
  noClass: { sourcedId: string; schoolId: string }[];
  /** Students of the last grade, gone. */
  graduates: { sourcedId: string; schoolId: string }[];
  /** Students of other grades who moved away. */
  studentsLeaving: { sourcedId: string; schoolId: string }[];
  /** New students in the first grade. */
  incoming: { sourcedId: string; schoolId: string }[];
  /** Live (active, enabled) students in the new year: what a student seat forecast aims at. */
  students: number;
  classesEnding: string[];
  classesStarting: string[];
  /** The new year's first day. */
  startsOn: string;
}

export interface NextYearOptions {
  seed?: number;
  /** Teachers who leave, picked evenly through the live teachers. */
  leave: number;
  /** New teachers, two thirds at the first two schools (where a district grows). */
  arrive: number;
  /** Teachers whose email moves to `newDomain`. */
  emailChange: number;
  /** Staying teachers whose classes all end (they teach nothing next year). */
  noClass?: number;
  /** Share of non-graduating students who move away. */
  moveAway?: number;
  newDomain?: string;
}

const live = (u: RosterUser) =>
  u.status === 'active' && u.enabledUser && !!u.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(u.email);
const schoolOf = (u: RosterUser) => u.orgSourcedIds[0] ?? '';
const gradeOf = (u: RosterUser) => Number(u.grades[0] ?? NaN);

/** The new year's sessions: a school year starting in August and its two semesters. */
function nextSessions(sessions: RosterSession[]): RosterSession[] {
  const year = sessions.find((s) => s.type === 'schoolYear');
  const startYear = Number((year?.startDate ?? '2026-08-15').slice(0, 4)) + 1;
  const y = String(startYear + 1);
  return [
    {
      sourcedId: `ses-${y}`,
      status: 'active',
      title: `${startYear}-${y}`,
      type: 'schoolYear',
      startDate: `${startYear}-08-14`,
      endDate: `${y}-06-09`,
      parentSourcedId: null,
      schoolYear: y,
    },
    {
      sourcedId: `term-${y}-1`,
      status: 'active',
      title: `Fall ${startYear}`,
      type: 'semester',
      startDate: `${startYear}-08-14`,
      endDate: `${startYear}-12-19`,
      parentSourcedId: `ses-${y}`,
      schoolYear: y,
    },
    {
      sourcedId: `term-${y}-2`,
      status: 'active',
      title: `Spring ${y}`,
      type: 'semester',
      startDate: `${y}-01-04`,
      endDate: `${y}-06-09`,
      parentSourcedId: `ses-${y}`,
      schoolYear: y,
    },
  ];
}

/**
 * The district as its SIS exports it for the next school year, with the truth of what changed:
 * students move up a grade and the last grade graduates; a few students move away and a new first
 * grade arrives (about as large as this year's, within 5%); some teachers leave (their classes
 * end), some arrive (with new classes), some change email to a new domain, a few keep their job but
 * teach nothing; the sessions are the new year's and every class moves to them.
 */
export function nextSchoolYear(
  district: District,
  options: NextYearOptions,
): { district: District; truth: NextYearTruth } {
  const seed = options.seed ?? 7;
  const newDomain = options.newDomain ?? 'staff.newdistrict.example';
  const users = toArray(district.users);
  const classes = toArray(district.classes);
  const enrollments = toArray(district.enrollments);
  const schools = toArray(district.orgs).filter((o) => o.type === 'school');
  const sessions = nextSessions(toArray(district.academicSessions));
  const terms = sessions.filter((s) => s.type !== 'schoolYear').map((s) => s.sourcedId);

  const teachers = users.filter((u) => u.role === 'teacher' && live(u));
  const picks = options.leave + options.emailChange + (options.noClass ?? 0);
  const step = Math.max(1, Math.floor(teachers.length / (picks + 1)));
  const picked = teachers.filter((_, i) => i % step === step - 1);
  const leavers = picked.slice(0, options.leave);
  const changing = picked.slice(options.leave, options.leave + options.emailChange);
  const idle = picked.slice(
    options.leave + options.emailChange,
    options.leave + options.emailChange + (options.noClass ?? 0),
  );
  const gone = new Set(leavers.map((u) => u.sourcedId));
  const idleIds = new Set(idle.map((u) => u.sourcedId));
  const newEmail = new Map(
    changing.map((u) => [u.sourcedId, `${(u.email ?? 'x@x').split('@')[0] ?? 'x'}@${newDomain}`]),
  );

  // Classes of leavers and of idle teachers end; the rest move to the new year's terms.
  const teacherOf = new Map<string, string>();
  for (const e of enrollments)
    if (e.role === 'teacher') teacherOf.set(e.classSourcedId, e.userSourcedId);
  const ending = new Set(
    classes
      .filter((c) => {
        const t = teacherOf.get(c.sourcedId);
        return t !== undefined && (gone.has(t) || idleIds.has(t));
      })
      .map((c) => c.sourcedId),
  );

  // Students: the last grade graduates, some move away, the rest move up a grade.
  const students = users.filter((u) => u.role === 'student');
  const grades = students.map(gradeOf).filter((g) => Number.isFinite(g));
  // Reduced, not spread: a district's students are more than a call's arguments can be.
  const last = grades.reduce((a, b) => Math.max(a, b), -Infinity);
  const first = grades.reduce((a, b) => Math.min(a, b), Infinity);
  const graduates = students.filter((u) => gradeOf(u) === last);
  const movingAway = students.filter(
    (u, i) => gradeOf(u) !== last && hashUnit(seed, i, 601) < (options.moveAway ?? 0.02),
  );
  const studentGone = new Set([...graduates, ...movingAway].map((u) => u.sourcedId));
  const firstGrade = students.filter((u) => gradeOf(u) === first && !studentGone.has(u.sourcedId));
  const incomingCount = Math.round(firstGrade.length * (0.95 + hashUnit(seed, 0, 602) * 0.1));
  const template = students[0];
  const incoming: RosterUser[] = template
    ? Array.from({ length: incomingCount }, (_, i) => {
        const like = firstGrade[i % Math.max(1, firstGrade.length)] ?? template;
        return {
          ...like,
          sourcedId: `new-stu-${String(i + 1).padStart(6, '0')}`,
          status: 'active' as const,
          enabledUser: true,
          username: `newstudent${i + 1}`,
          identifier: `NS${i + 1}`,
          email: like.email
            ? `newstudent${i + 1}@${like.email.split('@')[1] ?? 'example.org'}`
            : null,
          givenName: like.givenName,
          familyName: `${like.familyName}-${i + 1}`,
          grades: [String(first)],
          userIds: [],
        };
      })
    : [];

  // Arrivals: two thirds at the first two schools, the rest spread.
  const domain = (teachers[0]?.email ?? 'x@example.org').split('@')[1] ?? 'example.org';
  const arrivals: RosterUser[] = Array.from({ length: options.arrive }, (_, i) => {
    const school =
      schools[i % 3 === 2 ? i % Math.max(1, schools.length) : i % Math.min(2, schools.length)];
    const id = `arrival-${String(i + 1).padStart(4, '0')}`;
    return newTeacher(teachers[0] as RosterUser, i, id, domain, school?.sourcedId ?? null);
  });

  // Each arrival teaches one new class, with incoming students in it.
  const newClasses: RosterClass[] = arrivals.map((a, i) => ({
    sourcedId: `new-cls-${String(i + 1).padStart(5, '0')}`,
    status: 'active',
    title: `New class ${i + 1}`,
    classCode: `NEW-${i + 1}`,
    courseSourcedId: classes[0]?.courseSourcedId ?? null,
    schoolSourcedId: schoolOf(a),
    termSourcedIds: terms,
    grades: [String(first)],
    subjects: classes[0]?.subjects ?? [],
  }));
  const kept = classes
    .filter((c) => !ending.has(c.sourcedId))
    .map((c) => ({ ...c, termSourcedIds: terms }));
  const nextEnrollments: RosterEnrollment[] = enrollments.filter(
    (e) => !ending.has(e.classSourcedId) && !studentGone.has(e.userSourcedId),
  );
  newClasses.forEach((c, i) => {
    const teacher = arrivals[i];
    if (teacher)
      nextEnrollments.push({
        sourcedId: `new-enr-t-${i + 1}`,
        status: 'active',
        classSourcedId: c.sourcedId,
        schoolSourcedId: c.schoolSourcedId,
        userSourcedId: teacher.sourcedId,
        role: 'teacher',
        primary: true,
      });
  });
  // Every incoming student in one class: a new one when there is one, else a kept one.
  const classesForNew = newClasses.length > 0 ? newClasses : kept;
  incoming.forEach((s, i) => {
    const c = classesForNew[i % Math.max(1, classesForNew.length)];
    if (c)
      nextEnrollments.push({
        sourcedId: `new-enr-s-${i + 1}`,
        status: 'active',
        classSourcedId: c.sourcedId,
        schoolSourcedId: c.schoolSourcedId,
        userSourcedId: s.sourcedId,
        role: 'student',
        primary: false,
      });
  });

  const nextUsers = [
    ...users
      .filter((u) => !gone.has(u.sourcedId) && !studentGone.has(u.sourcedId))
      .map((u) => {
        if (newEmail.has(u.sourcedId)) return { ...u, email: newEmail.get(u.sourcedId) ?? u.email };
        if (u.role === 'student' && Number.isFinite(gradeOf(u)))
          return { ...u, grades: [String(gradeOf(u) + 1)] };
        return u;
      }),
    ...arrivals,
    ...incoming,
  ];

  const truth: NextYearTruth = {
    leavers: leavers.map((u) => ({
      sourcedId: u.sourcedId,
      email: u.email ?? '',
      schoolId: schoolOf(u),
    })),
    arrivals: arrivals.map((u) => ({
      sourcedId: u.sourcedId,
      email: u.email ?? '',
      schoolId: schoolOf(u),
    })),
    emailChanges: changing.map((u) => ({
      sourcedId: u.sourcedId,
      from: u.email ?? '',
      to: newEmail.get(u.sourcedId) ?? '',
      schoolId: schoolOf(u),
    })),
    noClass: idle.map((u) => ({ sourcedId: u.sourcedId, schoolId: schoolOf(u) })),
    graduates: graduates.map((u) => ({ sourcedId: u.sourcedId, schoolId: schoolOf(u) })),
    studentsLeaving: movingAway.map((u) => ({ sourcedId: u.sourcedId, schoolId: schoolOf(u) })),
    incoming: incoming.map((u) => ({ sourcedId: u.sourcedId, schoolId: schoolOf(u) })),
    students: nextUsers.filter(
      (u) => u.role === 'student' && u.status === 'active' && u.enabledUser,
    ).length,
    classesEnding: [...ending].sort(),
    classesStarting: newClasses.map((c) => c.sourcedId),
    startsOn: sessions[0]?.startDate ?? '',
  };
  return {
    district: {
      ...district,
      users: listOf(nextUsers),
      classes: listOf([...kept, ...newClasses]),
      enrollments: listOf(nextEnrollments),
      academicSessions: listOf(sessions),
    },
    truth,
  };
}
