import type {
  RosterClass,
  RosterCourse,
  RosterOrg,
  RosterSession,
  RosterUser,
} from '../../shared/domain/roster';
import type { ClassMembers } from '../district/class-members';
import { GENERATED_AT } from '../district/generate-district';

/** Clever API v3.0 shapes: email at the top level of a user, roles keyed by role name. */
export function cleverUser(districtId: string, u: RosterUser) {
  const school = u.orgSourcedIds[0] ?? null;
  const common = { sis_id: u.identifier, school, schools: school ? [school] : [] };
  const roles: Record<string, unknown> = {};
  if (u.role === 'teacher')
    roles.teacher = {
      ...common,
      teacher_number: u.identifier,
      state_id: null,
      credentials: { district_username: u.username },
    };
  else if (u.role === 'student')
    roles.student = {
      ...common,
      student_number: u.identifier,
      grade: u.grades[0] ?? null,
      credentials: { district_username: u.username },
    };
  else if (u.role === 'administrator' || u.role === 'district_admin') roles.district_admin = {};
  else roles.staff = common;
  return {
    id: u.sourcedId,
    district: districtId,
    email: u.email ?? undefined,
    name: { first: u.givenName, middle: u.middleName ?? '', last: u.familyName },
    created: GENERATED_AT,
    last_modified: GENERATED_AT,
    roles,
  };
}

export const cleverRoleOf = (u: RosterUser): string =>
  u.role === 'teacher'
    ? 'teacher'
    : u.role === 'student'
      ? 'student'
      : u.role === 'administrator' || u.role === 'district_admin'
        ? 'district_admin'
        : 'staff';

export function cleverSchool(districtId: string, o: RosterOrg) {
  return {
    id: o.sourcedId,
    district: districtId,
    name: o.name,
    sis_id: o.identifier,
    school_number: o.identifier,
    created: GENERATED_AT,
    last_modified: GENERATED_AT,
  };
}

export function cleverCourse(districtId: string, c: RosterCourse) {
  return {
    id: c.sourcedId,
    district: districtId,
    name: c.title,
    number: c.courseCode,
    created: GENERATED_AT,
    last_modified: GENERATED_AT,
  };
}

export function cleverTerm(districtId: string, s: RosterSession) {
  return {
    id: s.sourcedId,
    district: districtId,
    name: s.title,
    start_date: s.startDate,
    end_date: s.endDate,
  };
}

export function cleverDistrict(o: RosterOrg) {
  return { id: o.sourcedId, name: o.name, state: 'active', sis_type: 'sandbox' };
}

export function cleverSection(
  districtId: string,
  c: RosterClass,
  members: ClassMembers | undefined,
) {
  return {
    id: c.sourcedId,
    district: districtId,
    name: c.title,
    school: c.schoolSourcedId,
    course: c.courseSourcedId,
    term_id: c.termSourcedIds[0] ?? null,
    teacher: members?.teachers[0] ?? null,
    teachers: members?.teachers ?? [],
    students: members?.students ?? [],
    grade: c.grades[0] ?? null,
    subject: c.subjects[0] ?? null,
    period: null,
    sis_id: c.classCode,
    created: GENERATED_AT,
    last_modified: GENERATED_AT,
  };
}
