import type {
  RosterClass,
  RosterEnrollment,
  RosterOrg,
  RosterSession,
  RosterUser,
  UserRole,
} from '../../shared/domain/roster';
import type { District, RecordList } from './district';
import { listOf } from './district';
import { FAMILY_NAMES, GIVEN_NAMES, SUBJECTS, emailLocal } from './names';
import { hashUnit, pick } from './random';

export interface DefectRates {
  missingEmail: number;
  invalidEmail: number;
  duplicateEmail: number;
  caseOrSpaceEmail: number;
  tobedeleted: number;
  disabled: number;
  /** Share of teachers that get no class. */
  teacherNoClasses: number;
  /** Extra classes, as a share of classes, with a teacher and no students. */
  classNoStudents: number;
  /** Extra classes, as a share of classes, with students and no teacher. */
  classNoTeacher: number;
  /** Share of students in no class. */
  studentNoEnrollment: number;
}

export interface DistrictSpec {
  seed: number;
  name: string;
  domain: string;
  schools: number;
  teachers: number;
  students: number;
  classesPerTeacher: number;
  studentsPerClass: number;
  defects: DefectRates;
  /** Share of teachers who also teach at a second school (a secondary role in OneRoster 1.2). */
  teachersAtTwoSchools?: number;
}

export const NO_DEFECTS: DefectRates = {
  missingEmail: 0,
  invalidEmail: 0,
  duplicateEmail: 0,
  caseOrSpaceEmail: 0,
  tobedeleted: 0,
  disabled: 0,
  teacherNoClasses: 0,
  classNoStudents: 0,
  classNoTeacher: 0,
  studentNoEnrollment: 0,
};

export const REALISTIC_DEFECTS: DefectRates = {
  missingEmail: 0.01,
  invalidEmail: 0.005,
  duplicateEmail: 0.005,
  caseOrSpaceEmail: 0.01,
  tobedeleted: 0.01,
  disabled: 0.005,
  teacherNoClasses: 0.05,
  classNoStudents: 0.02,
  classNoTeacher: 0.01,
  studentNoEnrollment: 0.01,
};

export function districtSpec(overrides: Partial<DistrictSpec> = {}): DistrictSpec {
  return {
    seed: 42,
    name: 'Springfield Unified School District',
    domain: 'springfield.k12.example',
    schools: 6,
    teachers: 60,
    students: 1500,
    classesPerTeacher: 4,
    studentsPerClass: 20,
    defects: REALISTIC_DEFECTS,
    ...overrides,
  };
}

const pad = (n: number) => String(n).padStart(8, '0');
const STAMP = '2026-08-15T12:00:00.000Z';
const SALT = {
  given: 1,
  family: 2,
  missing: 3,
  invalid: 4,
  dup: 5,
  caseSpace: 6,
  deleted: 7,
  disabled: 8,
  twoSchools: 9,
} as const;

/**
 * A deterministic district: the same spec gives the same records, each made from its index alone,
 * with DOMAIN.md's defects at the given rates. Users are ordered administrators, teachers,
 * students; ids are zero-padded so id order is index order (as Clever's cursor paging needs).
 */
export function generateDistrict(spec: DistrictSpec): District {
  const { seed, defects } = spec;
  const admins = Math.max(1, Math.ceil(spec.schools / 10));
  const teachersWithClasses = spec.teachers - Math.round(spec.teachers * defects.teacherNoClasses);
  const regularClasses = teachersWithClasses * spec.classesPerTeacher;
  const emptyClasses = Math.round(regularClasses * defects.classNoStudents);
  const teacherlessClasses = Math.round(regularClasses * defects.classNoTeacher);
  const enrolledStudents = Math.max(
    1,
    spec.students - Math.round(spec.students * defects.studentNoEnrollment),
  );
  const slots = 1 + spec.studentsPerClass;
  const regularEnrollments = regularClasses * slots;
  const emptyStart = regularEnrollments;
  const teacherlessStart = emptyStart + emptyClasses;
  const enrollmentCount = teacherlessStart + teacherlessClasses * spec.studentsPerClass;

  const schoolId = (s: number) => `org${pad(s + 1)}`;
  const districtId = `org${pad(0)}`;
  const userId = (u: number) => `usr${pad(u)}`;
  const teacherIndex = (t: number) => admins + t;
  const studentIndex = (s: number) => admins + spec.teachers + s;
  const classId = (c: number) => `cls${pad(c)}`;
  const chance = (index: number, salt: number, rate: number) =>
    rate > 0 && hashUnit(seed, index, salt) < rate;

  const orgs: RecordList<RosterOrg> = {
    count: spec.schools + 1,
    at: (i) =>
      i === 0
        ? {
            sourcedId: districtId,
            status: 'active',
            name: spec.name,
            type: 'district',
            identifier: `D${seed}`,
            parentSourcedId: null,
          }
        : {
            sourcedId: schoolId(i - 1),
            status: 'active',
            name: `${pick(FAMILY_NAMES, hashUnit(seed, i, 11))} ${i % 3 === 0 ? 'High' : i % 3 === 1 ? 'Middle' : 'Elementary'} School`,
            type: 'school',
            identifier: `S${String(i).padStart(4, '0')}`,
            parentSourcedId: districtId,
          },
  };

  const nameOf = (u: number) => ({
    given: pick(GIVEN_NAMES, hashUnit(seed, u, SALT.given)),
    family: pick(FAMILY_NAMES, hashUnit(seed, u, SALT.family)),
  });
  const cleanEmail = (u: number) => {
    const { given, family } = nameOf(u);
    return `${emailLocal(given, family)}${u}@${spec.domain}`;
  };
  const emailOf = (u: number): string | null => {
    if (chance(u, SALT.missing, defects.missingEmail)) return null;
    if (chance(u, SALT.invalid, defects.invalidEmail)) return cleanEmail(u).replace('@', '_at_');
    if (u > 0 && chance(u, SALT.dup, defects.duplicateEmail)) return cleanEmail(u - 1);
    if (chance(u, SALT.caseSpace, defects.caseOrSpaceEmail))
      return ` ${cleanEmail(u).replace(/^./, (c) => c.toUpperCase())} `;
    return cleanEmail(u);
  };
  const roleOf = (u: number): UserRole =>
    u < admins ? 'administrator' : u < admins + spec.teachers ? 'teacher' : 'student';
  const schoolOfUser = (u: number) =>
    u < admins
      ? -1
      : u < admins + spec.teachers
        ? (u - admins) % spec.schools
        : (u - admins - spec.teachers) % spec.schools;

  const users: RecordList<RosterUser> = {
    count: admins + spec.teachers + spec.students,
    at: (u) => {
      const { given, family } = nameOf(u);
      const role = roleOf(u);
      const school = schoolOfUser(u);
      const email = emailOf(u);
      return {
        sourcedId: userId(u),
        status: chance(u, SALT.deleted, defects.tobedeleted) ? 'tobedeleted' : 'active',
        enabledUser: !chance(u, SALT.disabled, defects.disabled),
        role,
        username: email === null ? `${emailLocal(given, family)}${u}` : email.trim().toLowerCase(),
        givenName: given,
        familyName: family,
        middleName: null,
        identifier: role === 'student' ? `S${pad(u)}` : `E${pad(u)}`,
        email,
        orgSourcedIds:
          school < 0
            ? [districtId]
            : role === 'teacher' &&
                spec.schools > 1 &&
                chance(u, SALT.twoSchools, spec.teachersAtTwoSchools ?? 0)
              ? [schoolId(school), schoolId((school + 1) % spec.schools)]
              : [schoolId(school)],
        grades: role === 'student' ? [String(6 + (u % 7))] : [],
        userIds: [{ type: 'LDAP', identifier: `${emailLocal(given, family)}${u}` }],
        roles: [],
      };
    },
  };

  const classCount = regularClasses + emptyClasses + teacherlessClasses;
  /** Who teaches class c (null for the teacherless ones). */
  const teacherOfClass = (c: number): number | null => {
    if (c < regularClasses) return Math.floor(c / spec.classesPerTeacher);
    if (c < regularClasses + emptyClasses)
      return (c - regularClasses) % Math.max(1, teachersWithClasses);
    return null;
  };
  const schoolOfClass = (c: number) => {
    const t = teacherOfClass(c);
    return t === null ? c % spec.schools : t % spec.schools;
  };
  const classes: RecordList<RosterClass> = {
    count: classCount,
    at: (c) => {
      const subject = SUBJECTS[c % SUBJECTS.length] ?? 'Science';
      return {
        sourcedId: classId(c),
        status: 'active',
        title: `${subject} - Period ${1 + (c % 7)}`,
        classCode: `${subject.slice(0, 3).toUpperCase()}-${c}`,
        courseSourcedId: `crs${pad(c % SUBJECTS.length)}`,
        schoolSourcedId: schoolId(schoolOfClass(c)),
        termSourcedIds: ['term00000001'],
        grades: [String(6 + (c % 7))],
        subjects: [subject],
      };
    },
  };

  const studentForSlot = (c: number, slot: number) =>
    (c * spec.studentsPerClass + slot) % enrolledStudents;
  const enrollments: RecordList<RosterEnrollment> = {
    count: enrollmentCount,
    at: (e) => {
      let c: number;
      let user: number;
      let role: UserRole;
      if (e < emptyStart) {
        c = Math.floor(e / slots);
        const slot = e % slots;
        if (slot === 0) {
          user = teacherIndex(teacherOfClass(c) ?? 0);
          role = 'teacher';
        } else {
          user = studentIndex(studentForSlot(c, slot - 1));
          role = 'student';
        }
      } else if (e < teacherlessStart) {
        c = regularClasses + (e - emptyStart);
        user = teacherIndex(teacherOfClass(c) ?? 0);
        role = 'teacher';
      } else {
        const k = e - teacherlessStart;
        c = regularClasses + emptyClasses + Math.floor(k / spec.studentsPerClass);
        user = studentIndex(studentForSlot(c, k % spec.studentsPerClass));
        role = 'student';
      }
      return {
        sourcedId: `enr${String(e).padStart(10, '0')}`,
        status: 'active',
        classSourcedId: classId(c),
        schoolSourcedId: schoolId(schoolOfClass(c)),
        userSourcedId: userId(user),
        role,
        primary: role === 'teacher',
      };
    },
  };

  const courses = listOf(
    SUBJECTS.map((title, i) => ({
      sourcedId: `crs${pad(i)}`,
      status: 'active' as const,
      title,
      courseCode: title.slice(0, 3).toUpperCase(),
      orgSourcedId: districtId,
    })),
  );
  const sessions: RosterSession[] = [
    {
      sourcedId: 'ses00000000',
      status: 'active',
      title: '2026-2027',
      type: 'schoolYear',
      startDate: '2026-08-15',
      endDate: '2027-06-10',
      parentSourcedId: null,
      schoolYear: '2027',
    },
    {
      sourcedId: 'term00000001',
      status: 'active',
      title: 'Fall 2026',
      type: 'semester',
      startDate: '2026-08-15',
      endDate: '2026-12-20',
      parentSourcedId: 'ses00000000',
      schoolYear: '2027',
    },
    {
      sourcedId: 'term00000002',
      status: 'active',
      title: 'Spring 2027',
      type: 'semester',
      startDate: '2027-01-05',
      endDate: '2027-06-10',
      parentSourcedId: 'ses00000000',
      schoolYear: '2027',
    },
  ];

  return {
    name: spec.name,
    orgs,
    users,
    classes,
    enrollments,
    courses,
    academicSessions: listOf(sessions),
  };
}

export const GENERATED_AT = STAMP;
