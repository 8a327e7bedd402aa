import type { RosterRecordMap, RosterResource, RosterUser } from '../../../../shared/domain/roster';
import { oneRoster1p2User } from './oneroster-v1p2';
import { FieldProblem, refId, refIds } from '../record-fields';
import { inWireTerms, recordMappers } from '../record-mappers';

type Raw = Record<string, unknown>;

/** REST's references ({sourcedId, href, type} objects) and the flat names they are read as. */
const REFERENCES: { [R in RosterResource]: Record<string, string> } = {
  orgs: { parent: 'parentSourcedId' },
  users: { orgs: 'orgSourcedIds' },
  classes: { course: 'courseSourcedId', school: 'schoolSourcedId', terms: 'termSourcedIds' },
  enrollments: { class: 'classSourcedId', school: 'schoolSourcedId', user: 'userSourcedId' },
  courses: { org: 'orgSourcedId' },
  academicSessions: { parent: 'parentSourcedId' },
};

/** The wire's names of the flat fields, for warnings: "class: missing class", as the record has it. */
const WIRE_NAMES: { [R in RosterResource]: Record<string, string> } = Object.fromEntries(
  Object.entries(REFERENCES).map(([resource, refs]) => [
    resource,
    Object.fromEntries(Object.entries(refs).map(([wire, flat]) => [flat, wire])),
  ]),
) as { [R in RosterResource]: Record<string, string> };

/**
 * A REST record with its references put in the flat names, in place (the record was just parsed
 * from a page and is ours; a copy per record costs a district of a million users seconds).
 */
const REFERENCE_ENTRIES = Object.fromEntries(
  Object.entries(REFERENCES).map(([resource, refs]) => [resource, Object.entries(refs)]),
) as { [R in RosterResource]: [string, string][] };

function flatten(resource: RosterResource, raw: Raw): Raw {
  for (const [wire, flat] of REFERENCE_ENTRIES[resource]) {
    const value = raw[wire];
    raw[flat] = Array.isArray(value) ? refIds(value) : refId(value);
  }
  return raw;
}

const rest =
  <R extends RosterResource>(resource: R) =>
  (raw: Raw): RosterRecordMap[R] =>
    inWireTerms(WIRE_NAMES[resource], () => recordMappers[resource](flatten(resource, raw)));

const restUsers = rest('users');

/** OneRoster 1.1 JSON record -> RosterDesk record, through the one mapper of its resource. */
export const oneRosterMappers: { [R in RosterResource]: (raw: Raw) => RosterRecordMap[R] } = {
  orgs: rest('orgs'),
  users: (raw) => {
    if (raw.role === undefined && Array.isArray(raw.roles))
      throw new FieldProblem(
        'role',
        "no role: this is a OneRoster 1.2 record (roles[]); set the connection's OneRoster version to 1.2 or detect",
      );
    return restUsers(raw);
  },
  classes: rest('classes'),
  enrollments: rest('enrollments'),
  courses: rest('courses'),
  academicSessions: rest('academicSessions'),
};

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
