import type { RosterRecordMap, RosterResource, RosterUser } from '../../../shared/domain/roster';
import {
  FieldProblem,
  bool,
  checkTimestamp,
  date,
  list,
  personRecord,
  requiredId,
  role,
  softText,
  status,
  text,
} from './record-fields';

/** A record in OneRoster's flat field names (the CSV columns): what every source maps through. */
export type FlatRecord = Record<string, unknown>;

/**
 * One mapper per resource, for every source: a OneRoster CSV row as it is, a OneRoster REST record
 * once its references are put in the flat names (oneroster-records.ts), a Clever record once put in
 * OneRoster's terms (clever-records.ts). So a rule (a session's type, an enrollment's dates) is
 * read one way whatever sent the record. Each throws FieldProblem naming the bad field.
 */
export const recordMappers: { [R in RosterResource]: (r: FlatRecord) => RosterRecordMap[R] } = {
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
    // Nothing places an enrollment by its dates: read where they can be, said where they cannot.
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
    return {
      sourcedId: requiredId(r.sourcedId),
      status: status(r.status),
      title: text(r.title) ?? '',
      // Required by OneRoster, read by nothing here: a session without one is kept as a term,
      // said once per file (it was dropped from a CSV and made a term from REST).
      type: softText(r.type, 'type', 'term'),
      startDate: date(r.startDate, 'startDate'),
      endDate: date(r.endDate, 'endDate'),
      parentSourcedId: text(r.parentSourcedId),
      schoolYear: text(r.schoolYear),
    };
  },
};

/**
 * A user's other ids: the CSV form "{LDAP:abc},{SIS:123}" (a bare "abc" is kept untyped), or
 * REST's list of {type, identifier} objects (anything else in the list is left out).
 */
export function userIds(value: unknown): RosterUser['userIds'] {
  const out: RosterUser['userIds'] = [];
  if (Array.isArray(value)) {
    for (const u of value as unknown[])
      if (u && typeof u === 'object') {
        const id = u as { type?: unknown; identifier?: unknown };
        out.push({ type: String(id.type ?? ''), identifier: String(id.identifier ?? '') });
      }
    return out;
  }
  const s = typeof value === 'string' ? value : '';
  for (const match of s.matchAll(/\{([^:}]*):([^}]*)\}/g))
    out.push({ type: match[1] ?? '', identifier: match[2] ?? '' });
  if (out.length === 0) for (const id of list(s)) if (id) out.push({ type: '', identifier: id });
  return out;
}

/**
 * Maps a record put in the flat names, saying a problem in the wire's own field names (Clever's
 * `id`, REST's `class`), so a warning names what the admin can find in the source.
 */
export function inWireTerms<T>(names: Readonly<Record<string, string>>, map: () => T): T {
  try {
    return map();
  } catch (error) {
    const wire = error instanceof FieldProblem ? names[error.field] : undefined;
    if (error instanceof FieldProblem && wire)
      throw new FieldProblem(wire, error.message.split(error.field).join(wire));
    throw error;
  }
}
