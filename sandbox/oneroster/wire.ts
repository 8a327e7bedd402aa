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
    schoolYear: s.schoolYear ?? '',
  };
}

/** RosterDesk's roles as OneRoster 1.2 names them (1.2 has no "administrator" and no "staff"). */
const ROLE_1P2: Record<RosterUser['role'], string> = {
  administrator: 'siteAdministrator',
  district_admin: 'districtAdministrator',
  staff: 'counselor',
  contact: 'relative',
  aide: 'aide',
  guardian: 'guardian',
  parent: 'parent',
  proctor: 'proctor',
  relative: 'relative',
  student: 'student',
  teacher: 'teacher',
};

/** A user's 1.2 roles: the ones it carries, else its one role, primary at its first org and secondary at the others. */
export function roles1p2(u: RosterUser) {
  if (u.roles.length > 0)
    return u.roles.map((r) => ({
      roleType: r.roleType,
      role: r.sourceRole,
      org: r.orgSourcedId,
      beginDate: r.beginDate,
      endDate: r.endDate,
    }));
  return u.orgSourcedIds.map((org, i) => ({
    roleType: i === 0 ? 'primary' : 'secondary',
    role: ROLE_1P2[u.role],
    org,
    beginDate: null,
    endDate: null,
  }));
}

/** OneRoster 1.2 JSON user: roles[] with an org each, primaryOrg, userProfiles, real booleans. */
export function user1p2Wire(base: string, u: RosterUser) {
  const primary = u.orgSourcedIds[0];
  return {
    sourcedId: u.sourcedId,
    status: u.status,
    dateLastModified: GENERATED_AT,
    metadata: {},
    userMasterIdentifier: '',
    username: u.username ?? '',
    userIds: u.userIds,
    enabledUser: u.enabledUser,
    givenName: u.givenName,
    familyName: u.familyName,
    middleName: u.middleName ?? '',
    preferredFirstName: '',
    preferredMiddleName: '',
    preferredLastName: '',
    pronouns: '',
    roles: roles1p2(u).map((r) => ({
      roleType: r.roleType,
      role: r.role,
      org: ref(base, 'org', 'orgs', r.org ?? ''),
      ...(r.beginDate ? { beginDate: r.beginDate } : {}),
      ...(r.endDate ? { endDate: r.endDate } : {}),
    })),
    userProfiles: [],
    primaryOrg: primary ? ref(base, 'org', 'orgs', primary) : undefined,
    identifier: u.identifier ?? '',
    email: u.email ?? '',
    sms: '',
    phone: '',
    agents: [],
    grades: u.grades,
    resources: [],
  };
}
