/** Roster records as RosterDesk keeps them, whatever the source. Ids are OneRoster sourcedIds or Clever ids. */

export const rosterResources = [
  'orgs',
  'users',
  'classes',
  'enrollments',
  'courses',
  'academicSessions',
] as const;
export type RosterResource = (typeof rosterResources)[number];

export const userRoles = [
  'administrator',
  'aide',
  'guardian',
  'parent',
  'proctor',
  'relative',
  'student',
  'teacher',
  'staff',
  'district_admin',
  'contact',
] as const;
export type UserRole = (typeof userRoles)[number];

export type RecordStatus = 'active' | 'tobedeleted';

/**
 * One role a OneRoster 1.2 user holds (1.2 sends several, each at an org). `sourceRole` is the
 * role as sent ("principal", "districtAdministrator"…); `role` is what RosterDesk reads it as.
 */
export interface RosterUserRole {
  role: UserRole;
  sourceRole: string;
  roleType: 'primary' | 'secondary';
  orgSourcedId: string | null;
  beginDate: string | null;
  endDate: string | null;
}

export interface RosterOrg {
  sourcedId: string;
  status: RecordStatus;
  name: string;
  type: string;
  identifier: string | null;
  parentSourcedId: string | null;
}

export interface RosterUser {
  sourcedId: string;
  status: RecordStatus;
  enabledUser: boolean;
  /** The one role used where one is needed: for OneRoster 1.2, the primary role at the primary org. */
  role: UserRole;
  username: string | null;
  givenName: string;
  familyName: string;
  middleName: string | null;
  identifier: string | null;
  email: string | null;
  orgSourcedIds: string[];
  grades: string[];
  userIds: { type: string; identifier: string }[];
  /** Every role a OneRoster 1.2 source sends (primary first); empty for sources with one role. */
  roles: RosterUserRole[];
}

export interface RosterClass {
  sourcedId: string;
  status: RecordStatus;
  title: string;
  classCode: string | null;
  courseSourcedId: string | null;
  schoolSourcedId: string | null;
  termSourcedIds: string[];
  grades: string[];
  subjects: string[];
}

export interface RosterEnrollment {
  sourcedId: string;
  status: RecordStatus;
  classSourcedId: string;
  schoolSourcedId: string | null;
  userSourcedId: string;
  role: UserRole;
  primary: boolean;
}

export interface RosterCourse {
  sourcedId: string;
  status: RecordStatus;
  title: string;
  courseCode: string | null;
  orgSourcedId: string | null;
}

export interface RosterSession {
  sourcedId: string;
  status: RecordStatus;
  title: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  parentSourcedId: string | null;
  /** OneRoster 1.2 `schoolYear` (e.g. "2027"); null when the source does not send it. */
  schoolYear: string | null;
}

export interface RosterRecordMap {
  orgs: RosterOrg;
  users: RosterUser;
  classes: RosterClass;
  enrollments: RosterEnrollment;
  courses: RosterCourse;
  academicSessions: RosterSession;
}

/** A record left out of a sync, and exactly where it came from. */
export interface SyncWarning {
  resource: RosterResource | 'manifest' | 'file';
  /** URL path with paging, or file:line. */
  location: string;
  field: string | null;
  reason: string;
}
