import type { RosterRecordMap, RosterResource, RosterUser } from '../../../../shared/domain/roster';
import { oneRoster1p2User } from './oneroster-v1p2';
import {
  FieldProblem,
  bool,
  checkTimestamp,
  date,
  list,
  refId,
  refIds,
  personRecord,
  requiredId,
  role,
  status,
  text,
} from '../record-fields';

type Raw = Record<string, unknown>;

/** OneRoster 1.1 JSON record -> RosterDesk record; throws FieldProblem naming the bad field. */
export const oneRosterMappers: { [R in RosterResource]: (raw: Raw) => RosterRecordMap[R] } = {
  orgs: (r) => {
    checkTimestamp(r.dateLastModified);
    return {
      sourcedId: requiredId(r.sourcedId),
      status: status(r.status),
      name: text(r.name) ?? '',
      type: text(r.type) ?? 'school',
      identifier: text(r.identifier),
      parentSourcedId: refId(r.parent),
    };
  },
  users: (r) => {
    checkTimestamp(r.dateLastModified);
    if (r.role === undefined && Array.isArray(r.roles))
      throw new FieldProblem(
        'role',
        "no role: this is a OneRoster 1.2 record (roles[]); set the connection's OneRoster version to 1.2 or detect",
      );
    return personRecord(r, () => ({
      role: role(r.role),
      orgSourcedIds: refIds(r.orgs),
      userIds: userIds(r.userIds),
      roles: [],
    }));
  },
  classes: (r) => {
    checkTimestamp(r.dateLastModified);
    return {
      sourcedId: requiredId(r.sourcedId),
      status: status(r.status),
      title: text(r.title) ?? '',
      classCode: text(r.classCode),
      courseSourcedId: refId(r.course),
      schoolSourcedId: refId(r.school),
      termSourcedIds: refIds(r.terms),
      grades: list(r.grades),
      subjects: list(r.subjects),
    };
  },
  enrollments: (r) => {
    checkTimestamp(r.dateLastModified);
    const classId = refId(r.class);
    const userId = refId(r.user);
    return {
      sourcedId: requiredId(r.sourcedId),
      status: status(r.status),
      classSourcedId: requiredId(classId, 'class'),
      schoolSourcedId: refId(r.school),
      userSourcedId: requiredId(userId, 'user'),
      role: role(r.role),
      primary: bool(r.primary, 'primary', false),
    };
  },
  courses: (r) => {
    checkTimestamp(r.dateLastModified);
    return {
      sourcedId: requiredId(r.sourcedId),
      status: status(r.status),
      title: text(r.title) ?? '',
      courseCode: text(r.courseCode),
      orgSourcedId: refId(r.org),
    };
  },
  academicSessions: (r) => {
    checkTimestamp(r.dateLastModified);
    return {
      sourcedId: requiredId(r.sourcedId),
      status: status(r.status),
      title: text(r.title) ?? '',
      type: text(r.type) ?? 'term',
      startDate: date(r.startDate, 'startDate'),
      endDate: date(r.endDate, 'endDate'),
      parentSourcedId: refId(r.parent),
      schoolYear: text(r.schoolYear),
    };
  },
};

/** A 1.1 user's `userIds` ({type, identifier} objects); anything else in the list is left out. */
function userIds(value: unknown): RosterUser['userIds'] {
  const ids: RosterUser['userIds'] = [];
  if (Array.isArray(value))
    for (const u of value as unknown[])
      if (u && typeof u === 'object')
        ids.push({
          type: String((u as Raw).type ?? ''),
          identifier: String((u as Raw).identifier ?? ''),
        });
  return ids;
}

/** Which user shape a OneRoster REST source reads: 1.1 (`role`), 1.2 (`roles[]`) or per record. */
export type OneRosterVersion = '1.1' | '1.2' | 'detect';

/** The user mapper for a version; "detect" reads each record by its shape. */
export function oneRosterUserMapper(version: OneRosterVersion): (raw: Raw) => RosterUser {
  if (version === '1.1') return oneRosterMappers.users;
  if (version === '1.2') return oneRoster1p2User;
  return (raw) =>
    raw.role === undefined && Array.isArray(raw.roles)
      ? oneRoster1p2User(raw)
      : oneRosterMappers.users(raw);
}
