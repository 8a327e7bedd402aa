import type { RosterRecordMap, RosterResource } from '../../../../shared/domain/roster';
import {
  FieldProblem,
  bool,
  checkTimestamp,
  date,
  list,
  personRecord,
  requiredId,
  role,
  status,
  text,
} from '../record-fields';

type Row = Record<string, string | undefined>;

/** OneRoster 1.1 CSV file names and the columns each must have. */
export const CSV_FILES: Record<RosterResource, { file: string; required: string[] }> = {
  orgs: { file: 'orgs.csv', required: ['sourcedId', 'name', 'type'] },
  users: { file: 'users.csv', required: ['sourcedId', 'role', 'givenName', 'familyName'] },
  classes: { file: 'classes.csv', required: ['sourcedId', 'title'] },
  enrollments: {
    file: 'enrollments.csv',
    required: ['sourcedId', 'classSourcedId', 'userSourcedId', 'role'],
  },
  courses: { file: 'courses.csv', required: ['sourcedId', 'title'] },
  academicSessions: { file: 'academicSessions.csv', required: ['sourcedId', 'title', 'type'] },
};

/** Non-standard column names some exports use, read as the OneRoster 1.1 column (with a warning). */
export const CSV_COLUMN_ALIASES: Partial<Record<RosterResource, Record<string, string>>> = {
  users: { userId: 'userIds', grade: 'grades', orgSourcedId: 'orgSourcedIds' },
  classes: { grade: 'grades', termSourcedId: 'termSourcedIds', subject: 'subjects' },
};

/** "{LDAP:abc},{SIS:123}" -> [{type: LDAP, identifier: abc}, …]; a bare "abc" is kept untyped. */
export function userIds(value: string | undefined): { type: string; identifier: string }[] {
  const out: { type: string; identifier: string }[] = [];
  for (const match of (value ?? '').matchAll(/\{([^:}]*):([^}]*)\}/g))
    out.push({ type: match[1] ?? '', identifier: match[2] ?? '' });
  if (out.length === 0)
    for (const id of list(value)) if (id) out.push({ type: '', identifier: id });
  return out;
}

/** One CSV row (read by header name) -> RosterDesk record; throws FieldProblem naming the bad column. */
export const csvMappers: { [R in RosterResource]: (row: Row) => RosterRecordMap[R] } = {
  orgs: (r) => {
    checkTimestamp(r.dateLastModified);
    return {
      sourcedId: requiredId(r.sourcedId),
      status: status(r.status),
      name: text(r.name) ?? '',
      type: text(r.type) ?? 'school',
      identifier: text(r.identifier),
      parentSourcedId: text(r.parentSourcedId),
    };
  },
  users: (r) => {
    checkTimestamp(r.dateLastModified);
    return personRecord(r, () => ({
      role: role(r.role),
      orgSourcedIds: list(r.orgSourcedIds),
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
      courseSourcedId: text(r.courseSourcedId),
      schoolSourcedId: text(r.schoolSourcedId),
      termSourcedIds: list(r.termSourcedIds),
      grades: list(r.grades),
      subjects: list(r.subjects),
    };
  },
  enrollments: (r) => {
    checkTimestamp(r.dateLastModified);
    date(r.beginDate, 'beginDate');
    date(r.endDate, 'endDate');
    return {
      sourcedId: requiredId(r.sourcedId),
      status: status(r.status),
      classSourcedId: requiredId(r.classSourcedId, 'classSourcedId'),
      schoolSourcedId: text(r.schoolSourcedId),
      userSourcedId: requiredId(r.userSourcedId, 'userSourcedId'),
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
      orgSourcedId: text(r.orgSourcedId),
    };
  },
  academicSessions: (r) => {
    checkTimestamp(r.dateLastModified);
    const type = text(r.type);
    if (!type) throw new FieldProblem('type', 'missing type');
    return {
      sourcedId: requiredId(r.sourcedId),
      status: status(r.status),
      title: text(r.title) ?? '',
      type,
      startDate: date(r.startDate, 'startDate'),
      endDate: date(r.endDate, 'endDate'),
      parentSourcedId: text(r.parentSourcedId),
      schoolYear: text(r.schoolYear),
    };
  },
};
