import { roles1p2 } from '../oneroster/wire';
import type { District, RecordList } from './district';
import { GENERATED_AT } from './generate-district';
import type { FileSpec } from './write-csv';

/** A list of every role of every user, made on demand (users have one role or a few). */
function roleList(
  d: District,
): RecordList<{ user: string; index: number; role: ReturnType<typeof roles1p2>[number] }> {
  const starts: number[] = [];
  let count = 0;
  for (let u = 0; u < d.users.count; u++) {
    starts.push(count);
    count += roles1p2(d.users.at(u)).length;
  }
  return {
    count,
    at: (i) => {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= i) lo = mid;
        else hi = mid - 1;
      }
      const user = d.users.at(lo);
      const index = i - (starts[lo] ?? 0);
      const role = roles1p2(user)[index];
      if (!role) throw new RangeError(`no role at ${i}`);
      return { user: user.sourcedId, index, role };
    },
  };
}

/**
 * A OneRoster 1.2 export of the same district: users.csv loses role and orgSourcedIds (and gains
 * primaryOrgSourcedId, userMasterIdentifier, preferred names, pronouns), roles.csv gives each user
 * its roles, userProfiles.csv is there (empty here); the other files keep their 1.1 columns.
 */
export function files1p2(d: District, v1p1: FileSpec<never>[]): FileSpec<never>[] {
  const users = {
    name: 'users.csv',
    header: [
      'sourcedId',
      'status',
      'dateLastModified',
      'enabledUser',
      'username',
      'userIds',
      'givenName',
      'familyName',
      'middleName',
      'identifier',
      'email',
      'sms',
      'phone',
      'agentSourcedIds',
      'grades',
      'password',
      'userMasterIdentifier',
      'resourceSourcedIds',
      'preferredFirstName',
      'preferredMiddleName',
      'preferredLastName',
      'primaryOrgSourcedId',
      'pronouns',
    ],
    list: d.users,
    row: (u: ReturnType<typeof d.users.at>) => [
      u.sourcedId,
      u.status,
      GENERATED_AT,
      u.enabledUser ? 'true' : 'false',
      u.username,
      u.userIds.map((i) => `{${i.type}:${i.identifier}}`).join(','),
      u.givenName,
      u.familyName,
      u.middleName,
      u.identifier,
      u.email,
      '',
      '',
      '',
      u.grades.join(','),
      '',
      '',
      '',
      '',
      '',
      '',
      u.orgSourcedIds[0] ?? '',
      '',
    ],
  };
  const roles = {
    name: 'roles.csv',
    header: [
      'sourcedId',
      'status',
      'dateLastModified',
      'userSourcedId',
      'roleType',
      'role',
      'beginDate',
      'endDate',
      'orgSourcedId',
      'userProfileSourcedId',
    ],
    list: roleList(d),
    row: (r: ReturnType<ReturnType<typeof roleList>['at']>) => [
      `${r.user}-role${r.index}`,
      '',
      GENERATED_AT,
      r.user,
      r.role.roleType,
      r.role.role,
      r.role.beginDate,
      r.role.endDate,
      r.role.org,
      '',
    ],
  };
  const profiles = {
    name: 'userProfiles.csv',
    header: [
      'sourcedId',
      'status',
      'dateLastModified',
      'userSourcedId',
      'profileType',
      'vendorId',
      'applicationId',
      'description',
      'credentialType',
      'username',
      'password',
    ],
    list: { count: 0, at: () => undefined as never },
    row: () => [],
  };
  return [
    ...v1p1.map((spec) =>
      spec.name === 'users.csv' ? (users as unknown as FileSpec<never>) : spec,
    ),
    roles as unknown as FileSpec<never>,
    profiles as unknown as FileSpec<never>,
  ];
}

/** The 1.1 manifest, declaring 1.2 and its roles and userProfiles files. */
export function manifest1p2(v1p1: string[]): string[] {
  return [
    ...v1p1.map((line) => (line === 'oneroster.version,1.1' ? 'oneroster.version,1.2' : line)),
    'file.roles,bulk',
    'file.userProfiles,bulk',
  ];
}
