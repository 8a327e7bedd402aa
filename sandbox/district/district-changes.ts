import type { RosterUser } from '../../shared/domain/roster';
import type { District } from './district';
import { filterList } from './district';

/** Whether a user is a live student whose first school is `schoolId`. */
export const studentOf =
  (schoolId: string) =>
  (u: RosterUser): boolean =>
    u.role === 'student' && u.orgSourcedIds[0] === schoolId;

/**
 * The same district with one school's students gone (and their enrollments), as a bad export or a
 * sharing rule that drops a school sends it: what a hold must catch.
 */
export function withoutStudentsOf(district: District, schoolId: string): District {
  const gone = new Set<string>();
  for (let i = 0; i < district.users.count; i++) {
    const u = district.users.at(i);
    if (studentOf(schoolId)(u)) gone.add(u.sourcedId);
  }
  return {
    ...district,
    users: filterList(district.users, (u) => !gone.has(u.sourcedId)),
    enrollments: filterList(district.enrollments, (e) => !gone.has(e.userSourcedId)),
  };
}
