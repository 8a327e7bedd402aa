import type { RosterUser, RosterUserRole, UserRole } from '../../../../shared/domain/roster';
import { FieldProblem, checkTimestamp, date, personRecord, refId, text } from '../record-fields';

/**
 * OneRoster 1.2 roles as RosterDesk reads them. 1.2 names site and district administrators, a
 * principal and a counselor where 1.1 had "administrator"; the role as sent is kept beside it.
 */
const ROLES_1P2: Record<string, UserRole> = {
  aide: 'aide',
  counselor: 'staff',
  districtadministrator: 'district_admin',
  guardian: 'guardian',
  parent: 'parent',
  principal: 'administrator',
  proctor: 'proctor',
  relative: 'relative',
  siteadministrator: 'administrator',
  student: 'student',
  systemadministrator: 'administrator',
  teacher: 'teacher',
  // 1.1 names some 1.2 exports still use
  administrator: 'administrator',
};

/** The 1.2 role sent -> the role RosterDesk reads; an unknown role is a problem on that field. */
export function role1p2(value: unknown, field = 'role'): { role: UserRole; sourceRole: string } {
  const sourceRole = typeof value === 'string' ? value.trim() : '';
  const role = ROLES_1P2[sourceRole.toLowerCase()];
  if (!role)
    throw new FieldProblem(
      field,
      sourceRole === '' ? `missing ${field}` : `unknown role "${String(value)}"`,
    );
  return { role, sourceRole };
}

/** One entry of a 1.2 user's roles, however it arrived (REST `roles[]` or a roles.csv row). */
export interface RoleInput {
  roleType: unknown;
  role: unknown;
  orgSourcedId: string | null;
  beginDate: unknown;
  endDate: unknown;
}

export function userRole1p2(input: RoleInput, field = 'roles'): RosterUserRole {
  const type = typeof input.roleType === 'string' ? input.roleType.trim().toLowerCase() : '';
  if (type !== 'primary' && type !== 'secondary')
    throw new FieldProblem(
      `${field}.roleType`,
      `roleType "${String(input.roleType ?? '')}" is not primary or secondary`,
    );
  return {
    ...role1p2(input.role, `${field}.role`),
    roleType: type,
    orgSourcedId: input.orgSourcedId,
    beginDate: date(input.beginDate, `${field}.beginDate`),
    endDate: date(input.endDate, `${field}.endDate`),
  };
}

/**
 * A 1.2 user's roles, primary first, and the one role and org list RosterDesk uses: the primary
 * role at the primary org (else the first primary role, else the first role), and the primary org
 * first, then every other org a role names.
 */
export function resolveRoles(
  roles: RosterUserRole[],
  primaryOrg: string | null,
): { role: UserRole; roles: RosterUserRole[]; orgSourcedIds: string[] } {
  if (roles.length === 0)
    throw new FieldProblem('roles', 'no role: the user has an empty roles list');
  const primaries = roles.filter((r) => r.roleType === 'primary');
  const main =
    primaries.find((r) => primaryOrg !== null && r.orgSourcedId === primaryOrg) ??
    primaries[0] ??
    roles[0];
  const ordered = main ? [main, ...roles.filter((r) => r !== main)] : roles;
  const orgs = [primaryOrg ?? main?.orgSourcedId ?? null, ...ordered.map((r) => r.orgSourcedId)];
  return {
    role: (main ?? ordered[0] ?? roles[0])?.role ?? 'student',
    roles: ordered,
    orgSourcedIds: [...new Set(orgs.filter((o): o is string => Boolean(o)))],
  };
}

type Raw = Record<string, unknown>;

/** The `{type, identifier}` objects of a 1.2 REST user. */
function userIdsOf(r: Raw): { type: string; identifier: string }[] {
  return Array.isArray(r.userIds)
    ? r.userIds.flatMap((u) =>
        u && typeof u === 'object'
          ? [
              {
                type: String((u as Raw).type ?? ''),
                identifier: String((u as Raw).identifier ?? ''),
              },
            ]
          : [],
      )
    : [];
}

/**
 * A 1.2 user (REST object or users.csv row) once its roles and ids are read, the same for both:
 * the role and orgs resolved from the roles, `userMasterIdentifier` kept as one of the ids.
 */
export function user1p2(
  r: Record<string, unknown>,
  roles: RosterUserRole[],
  primaryOrg: string | null,
  ids: { type: string; identifier: string }[],
): RosterUser {
  const resolved = resolveRoles(roles, primaryOrg);
  const master = text(r.userMasterIdentifier);
  if (master && !ids.some((i) => i.type === 'userMasterIdentifier'))
    ids.push({ type: 'userMasterIdentifier', identifier: master });
  return personRecord(r, () => ({
    role: resolved.role,
    orgSourcedIds: resolved.orgSourcedIds,
    userIds: ids,
    roles: resolved.roles,
  }));
}

/** OneRoster 1.2 REST user (`roles[]`, `primaryOrg`, `userProfiles`…) -> RosterDesk user. */
export function oneRoster1p2User(r: Raw): RosterUser {
  checkTimestamp(r.dateLastModified);
  if (!Array.isArray(r.roles))
    throw new FieldProblem(
      'roles',
      typeof r.role === 'string'
        ? 'no roles list: this is a OneRoster 1.1 record (one "role"); set the connection\'s OneRoster version to 1.1 or detect'
        : 'no roles list',
    );
  const roles = r.roles.map((entry, i) => {
    const e = entry && typeof entry === 'object' ? (entry as Raw) : {};
    return userRole1p2(
      {
        roleType: e.roleType,
        role: e.role,
        orgSourcedId: refId(e.org),
        beginDate: e.beginDate,
        endDate: e.endDate,
      },
      `roles[${i}]`,
    );
  });
  return user1p2(r, roles, refId(r.primaryOrg), userIdsOf(r));
}
