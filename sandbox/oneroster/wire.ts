import type {
  RosterClass,
  RosterCourse,
  RosterEnrollment,
  RosterOrg,
  RosterSession,
  RosterUser,
} from '../../shared/domain/roster';
import { GENERATED_AT } from '../district/generate-district';

/** OneRoster 1.1 JSON as Roster Server sends it: booleans as strings, references as {href, sourcedId, type}. */
type Ref = { href: string; sourcedId: string; type: string };
const ref = (base: string, type: string, collection: string, id: string): Ref => ({
  href: `${base}/${collection}/${id}`,
  sourcedId: id,
  type,
});

export function userWire(base: string, u: RosterUser) {
  return {
    sourcedId: u.sourcedId,
    status: u.status,
    dateLastModified: GENERATED_AT,
    enabledUser: u.enabledUser ? 'true' : 'false',
    givenName: u.givenName,
    familyName: u.familyName,
    middleName: u.middleName ?? '',
    role: u.role,
    username: u.username ?? '',
    userIds: u.userIds,
    identifier: u.identifier ?? '',
    email: u.email ?? '',
    sms: '',
    phone: '',
    orgs: u.orgSourcedIds.map((id) => ref(base, 'org', 'orgs', id)),
    agents: [],
    grades: u.grades,
  };
}

export function orgWire(base: string, o: RosterOrg) {
  return {
    sourcedId: o.sourcedId,
    status: o.status,
    dateLastModified: GENERATED_AT,
    name: o.name,
    type: o.type,
    identifier: o.identifier ?? '',
    parent: o.parentSourcedId ? ref(base, 'org', 'orgs', o.parentSourcedId) : null,
    children: [],
  };
}

export function classWire(base: string, c: RosterClass) {
  return {
    sourcedId: c.sourcedId,
    status: c.status,
    dateLastModified: GENERATED_AT,
    title: c.title,
    classCode: c.classCode ?? '',
    classType: 'scheduled',
    location: '',
    grades: c.grades,
    subjects: c.subjects,
    course: c.courseSourcedId ? ref(base, 'course', 'courses', c.courseSourcedId) : null,
    school: c.schoolSourcedId ? ref(base, 'org', 'schools', c.schoolSourcedId) : null,
    terms: c.termSourcedIds.map((id) => ref(base, 'academicSession', 'terms', id)),
    periods: [],
  };
}

export function enrollmentWire(base: string, e: RosterEnrollment) {
  return {
    sourcedId: e.sourcedId,
    status: e.status,
    dateLastModified: GENERATED_AT,
    role: e.role,
    primary: e.primary ? 'true' : 'false',
    user: ref(base, 'user', 'users', e.userSourcedId),
    class: ref(base, 'class', 'classes', e.classSourcedId),
    school: e.schoolSourcedId ? ref(base, 'org', 'schools', e.schoolSourcedId) : null,
  };
}

export function courseWire(base: string, c: RosterCourse) {
  return {
    sourcedId: c.sourcedId,
    status: c.status,
    dateLastModified: GENERATED_AT,
    title: c.title,
    courseCode: c.courseCode ?? '',
    grades: [],
    subjects: [],
    org: c.orgSourcedId ? ref(base, 'org', 'orgs', c.orgSourcedId) : null,
  };
}

export function sessionWire(base: string, s: RosterSession) {
  return {
    sourcedId: s.sourcedId,
    status: s.status,
    dateLastModified: GENERATED_AT,
    title: s.title,
    type: s.type,
    startDate: s.startDate ?? '',
    endDate: s.endDate ?? '',
    parent: s.parentSourcedId
      ? ref(base, 'academicSession', 'academicSessions', s.parentSourcedId)
      : null,
    schoolYear: '2027',
  };
}
