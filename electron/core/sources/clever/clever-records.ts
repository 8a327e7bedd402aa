import type {
  RosterClass,
  RosterCourse,
  RosterEnrollment,
  RosterSession,
  RosterOrg,
  RosterUser,
  UserRole,
} from '../../../../shared/domain/roster';
import { FieldProblem, text } from '../record-fields';
import { inWireTerms, recordMappers } from '../record-mappers';

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

/** Clever's names of the flat fields, for warnings: "id: missing id", as the record has it. */
const CLEVER_NAMES = { sourcedId: 'id', startDate: 'start_date', endDate: 'end_date' } as const;

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
  return inWireTerms(CLEVER_NAMES, () =>
    recordMappers.users({
      sourcedId: raw.id,
      status: 'active',
      enabledUser: true,
      role,
      username: obj(detail.credentials).district_username,
      givenName: name.first,
      familyName: name.last,
      middleName: name.middle,
      identifier: detail.sis_id,
      email: raw.email,
      orgSourcedIds: schools.length > 0 ? schools : school ? [school] : [],
      grades: grade ? [grade] : [],
      userIds: [],
    }),
  );
}

export function cleverSchoolRecord(raw: Raw): RosterOrg {
  return inWireTerms(CLEVER_NAMES, () =>
    recordMappers.orgs({
      sourcedId: raw.id,
      status: 'active',
      name: raw.name,
      type: 'school',
      identifier: text(raw.sis_id) ?? text(raw.school_number),
      parentSourcedId: raw.district,
    }),
  );
}

export function cleverDistrictRecord(raw: Raw): RosterOrg {
  return inWireTerms(CLEVER_NAMES, () =>
    recordMappers.orgs({ sourcedId: raw.id, status: 'active', name: raw.name, type: 'district' }),
  );
}

/** Clever v3.0 course (the sections' `course`): name and number, in the district. */
export function cleverCourseRecord(raw: Raw): RosterCourse {
  return inWireTerms(CLEVER_NAMES, () =>
    recordMappers.courses({
      sourcedId: raw.id,
      status: 'active',
      title: raw.name,
      courseCode: raw.number,
      orgSourcedId: raw.district,
    }),
  );
}

/** Clever v3.0 term (the sections' `term_id`), with its dates. */
export function cleverTermRecord(raw: Raw): RosterSession {
  return inWireTerms(CLEVER_NAMES, () =>
    recordMappers.academicSessions({
      sourcedId: raw.id,
      status: 'active',
      title: raw.name,
      type: 'term',
      startDate: raw.start_date,
      endDate: raw.end_date,
    }),
  );
}

/** A section is a class, and its teachers and students are its enrollments. */
export function cleverSectionRecords(raw: Raw): {
  cls: RosterClass;
  enrollments: RosterEnrollment[];
} {
  const cls = inWireTerms(CLEVER_NAMES, () => {
    const term = text(raw.term_id);
    const grade = text(raw.grade);
    const subject = text(raw.subject);
    return recordMappers.classes({
      sourcedId: raw.id,
      status: 'active',
      title: raw.name,
      classCode: raw.sis_id,
      courseSourcedId: raw.course,
      schoolSourcedId: raw.school,
      termSourcedIds: term ? [term] : [],
      grades: grade ? [grade] : [],
      subjects: subject ? [subject] : [],
    });
  });
  const id = cls.sourcedId;
  const school = cls.schoolSourcedId;
  const primary = text(raw.teacher);
  const teachers = strings(raw.teachers);
  if (primary && !teachers.includes(primary)) teachers.unshift(primary);
  const enrollment = (user: string, role: 'teacher' | 'student') =>
    recordMappers.enrollments({
      sourcedId: `${id}:${role}:${user}`,
      status: 'active',
      classSourcedId: id,
      schoolSourcedId: school,
      userSourcedId: user,
      role,
      primary: role === 'teacher' && user === primary,
    });
  const enrollments: RosterEnrollment[] = [
    ...teachers.map((user) => enrollment(user, 'teacher')),
    ...strings(raw.students).map((user) => enrollment(user, 'student')),
  ];
  return { cls, enrollments };
}
