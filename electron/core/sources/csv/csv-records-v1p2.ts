import type { RosterUser, RosterUserRole } from '../../../../shared/domain/roster';
import { user1p2, userRole1p2 } from '../oneroster/oneroster-v1p2';
import { FieldProblem, checkTimestamp, requiredId, status, text } from '../record-fields';
import { userIds } from '../record-mappers';

type Row = Record<string, string | undefined>;

/**
 * OneRoster 1.2 CSV: users.csv has no role and no orgs; roles.csv gives each user its roles (type
 * primary/secondary, org, dates). The other files keep their 1.1 columns (academicSessions gains
 * schoolYear, courses schoolYearSourcedId).
 */
export const CSV_1P2_USERS_REQUIRED = ['sourcedId', 'givenName', 'familyName'];
export const CSV_1P2_ROLES = {
  file: 'roles.csv',
  required: ['userSourcedId', 'roleType', 'role', 'orgSourcedId'],
};

/** A roles.csv row -> the user it belongs to and the role; null for a role being removed. */
export function csv1p2Role(r: Row): { userSourcedId: string; role: RosterUserRole } | null {
  checkTimestamp(r.dateLastModified);
  if (status(r.status) === 'tobedeleted') return null;
  return {
    userSourcedId: requiredId(r.userSourcedId, 'userSourcedId'),
    role: userRole1p2(
      {
        roleType: r.roleType,
        role: r.role,
        orgSourcedId: text(r.orgSourcedId),
        beginDate: r.beginDate,
        endDate: r.endDate,
      },
      'role',
    ),
  };
}

/** A 1.2 users.csv row with its roles.csv rows -> RosterDesk user. */
export function csv1p2User(r: Row, roles: RosterUserRole[]): RosterUser {
  checkTimestamp(r.dateLastModified);
  if (roles.length === 0)
    throw new FieldProblem('roles', 'no role: roles.csv gives this user no role');
  return user1p2(r, roles, text(r.primaryOrgSourcedId), userIds(r.userIds));
}
