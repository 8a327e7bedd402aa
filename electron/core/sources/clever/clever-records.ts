import type {
  RosterClass,
  RosterCourse,
  RosterEnrollment,
  RosterSession,
  RosterOrg,
  RosterUser,
  UserRole,
} from '../../../../shared/domain/roster';
import { FieldProblem, date, requiredId, text } from '../record-fields';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : [];

const ROLE_ORDER: [string, UserRole][] = [
  ['teacher', 'teacher'],
  ['student', 'student'],
  ['staff', 'staff'],
  ['district_admin', 'district_admin'],
  ['contact', 'contact'],
];

/** Clever v3.0 user -> RosterDesk user. Clever has no status: a user it sends is active. */
export function cleverUserRecord(raw: Raw): RosterUser {
  const roles = obj(raw.roles);
  const found = ROLE_ORDER.find(([key]) => key in roles);
  if (!found)
    throw new FieldProblem(
      'roles',
      Object.keys(roles).length === 0 ? 'no role' : `unknown role ${Object.keys(roles).join(', ')}`,
    );
  const [key, role] = found;
  const detail = obj(roles[key]);
  const name = obj(raw.name);
  const school = text(detail.school);
  const schools = strings(detail.schools);
  const grade = text(detail.grade);
  return {
    sourcedId: requiredId(raw.id, 'id'),
    status: 'active',
    enabledUser: true,
    role,
    username: text(obj(detail.credentials).district_username),
    givenName: text(name.first) ?? '',
    familyName: text(name.last) ?? '',
    middleName: text(name.middle),
    identifier: text(detail.sis_id),
    email: text(raw.email),
    orgSourcedIds: schools.length > 0 ? schools : school ? [school] : [],
    grades: grade ? [grade] : [],
    userIds: [],
    roles: [],
  };
}

export function cleverSchoolRecord(raw: Raw): RosterOrg {
  return {
    sourcedId: requiredId(raw.id, 'id'),
    status: 'active',
    name: text(raw.name) ?? '',
    type: 'school',
    identifier: text(raw.sis_id) ?? text(raw.school_number),
    parentSourcedId: text(raw.district),
  };
}

export function cleverDistrictRecord(raw: Raw): RosterOrg {
  return {
    sourcedId: requiredId(raw.id, 'id'),
    status: 'active',
    name: text(raw.name) ?? '',
    type: 'district',
    identifier: null,
    parentSourcedId: null,
  };
}

/** Clever v3.0 course (the sections' `course`): name and number, in the district. */
export function cleverCourseRecord(raw: Raw): RosterCourse {
  return {
    sourcedId: requiredId(raw.id, 'id'),
    status: 'active',
    title: text(raw.name) ?? '',
    courseCode: text(raw.number),
    orgSourcedId: text(raw.district),
  };
}

/** Clever v3.0 term (the sections' `term_id`), with its dates. */
export function cleverTermRecord(raw: Raw): RosterSession {
  return {
    sourcedId: requiredId(raw.id, 'id'),
    status: 'active',
    title: text(raw.name) ?? '',
    type: 'term',
    startDate: date(raw.start_date, 'start_date'),
    endDate: date(raw.end_date, 'end_date'),
    parentSourcedId: null,
    schoolYear: null,
  };
}

/** A section is a class, and its teachers and students are its enrollments. */
export function cleverSectionRecords(raw: Raw): {
  cls: RosterClass;
  enrollments: RosterEnrollment[];
} {
  const id = requiredId(raw.id, 'id');
  const school = text(raw.school);
  const primary = text(raw.teacher);
  const term = text(raw.term_id);
  const grade = text(raw.grade);
  const subject = text(raw.subject);
  const cls: RosterClass = {
    sourcedId: id,
    status: 'active',
    title: text(raw.name) ?? '',
    classCode: text(raw.sis_id),
    courseSourcedId: text(raw.course),
    schoolSourcedId: school,
    termSourcedIds: term ? [term] : [],
    grades: grade ? [grade] : [],
    subjects: subject ? [subject] : [],
  };
  const teachers = strings(raw.teachers);
  if (primary && !teachers.includes(primary)) teachers.unshift(primary);
  const enrollments: RosterEnrollment[] = [
    ...teachers.map((user) => ({
      sourcedId: `${id}:teacher:${user}`,
      status: 'active' as const,
      classSourcedId: id,
      schoolSourcedId: school,
      userSourcedId: user,
      role: 'teacher' as const,
      primary: user === primary,
    })),
    ...strings(raw.students).map((user) => ({
      sourcedId: `${id}:student:${user}`,
      status: 'active' as const,
      classSourcedId: id,
      schoolSourcedId: school,
      userSourcedId: user,
      role: 'student' as const,
      primary: false,
    })),
  ];
  return { cls, enrollments };
}
