import type { Troubleshoot, UserDetail } from '../../../shared/domain/diagnostics-views';
import { AppError } from '../../../shared/ipc/errors';
import type { ConnectionFacts } from './diagnostics-context';
import type { DiagnosticsService } from './diagnostics-service';
import type { SnapshotReader } from '../snapshot/snapshot-reader';
import type { SnapshotStore } from '../snapshot/snapshot-store';

/** "Show me this user": what the roster sends for them, their license entry, their findings. */
export async function userDetail(
  readSnapshot: (snapshotId: number) => SnapshotReader,
  snapshots: Pick<SnapshotStore, 'get'>,
  diagnostics: DiagnosticsService,
  sourcedId: string,
): Promise<UserDetail> {
  const current = await diagnostics.current();
  if (!current) throw new AppError('NOT_FOUND', 'No roster snapshot yet: sync a connection first');
  const roster = readSnapshot(current.snapshotId);
  const u = roster.user(sourcedId);
  if (!u) throw new AppError('NOT_FOUND', `The roster sends no user ${sourcedId}`);
  const match =
    (await current.licenseMatches)?.find((m) => m.teacher.sourcedId === sourcedId) ?? null;
  return {
    sourcedId: u.sourcedId,
    role: u.role,
    status: u.status,
    enabled: u.enabled,
    givenName: u.givenName,
    familyName: u.familyName,
    middleName: u.middleName,
    email: u.email,
    username: u.username,
    identifier: u.identifier,
    userIds: u.userIds,
    grades: u.grades,
    orgs: u.orgIds.map((o) => ({ sourcedId: o, name: roster.orgName(o) })),
    roles: u.roles.map((r) => ({
      role: r.role,
      sourceRole: r.sourceRole,
      roleType: r.roleType,
      org: r.orgSourcedId
        ? { sourcedId: r.orgSourcedId, name: roster.orgName(r.orgSourcedId) }
        : null,
      beginDate: r.beginDate,
      endDate: r.endDate,
    })),
    classes: roster.classesOf(sourcedId),
    sourceKind: snapshots.get(current.snapshotId)?.sourceKind ?? '',
    license: match ? { ...match.entry, how: match.how, confidence: match.confidence } : null,
    findings: (await diagnostics.findings({ subjectId: sourcedId, offset: 0, limit: 100 })).rows,
  };
}

/**
 * "Why can't this teacher import their classes?": the help-center checklist, each step answered
 * from the data, and the classes the teacher would be offered.
 */
export function troubleshoot(detail: UserDetail, connections: ConnectionFacts[]): Troubleshoot {
  const steps: Troubleshoot['steps'] = [];
  const rostered = detail.sourceKind === 'classlink' || detail.sourceKind === 'clever';
  const classLink = connections.filter((c) => c.kind === 'classlink');
  const appIdMissing = classLink.some((c) => c.hasApplicationId === false);
  steps.push({
    title: 'The school has integrated a rostering service',
    status: !rostered ? 'unknown' : appIdMissing ? 'problem' : 'ok',
    detail: !rostered
      ? 'This roster comes from a CSV export: whether the platform has a live ClassLink or Clever connection is not known here.'
      : appIdMissing
        ? 'A ClassLink connection has no Application ID, so the platform cannot attach the roster.'
        : `Rostered by ${detail.sourceKind === 'clever' ? 'Clever' : 'ClassLink'}.`,
    fix: appIdMissing
      ? 'Add the Application ID to the ClassLink connection and register it with the platform.'
      : null,
    problem: appIdMissing ? 'a ClassLink connection has no Application ID' : null,
  });
  const live = detail.status === 'active' && detail.enabled;
  // OneRoster 1.2: a principal who also teaches holds a secondary teacher role.
  const secondaryTeacher =
    detail.role !== 'teacher' ? detail.roles.find((r) => r.role === 'teacher') : undefined;
  const teacher = detail.role === 'teacher' || secondaryTeacher !== undefined;
  steps.push({
    title: 'The roster sends this teacher as an active teacher',
    status: teacher && live ? 'ok' : 'problem',
    detail: !teacher
      ? `The roster sends them as ${detail.role}.`
      : `${secondaryTeacher ? `Primary role ${detail.role}; also a teacher${secondaryTeacher.org ? ` at ${secondaryTeacher.org.name ?? secondaryTeacher.org.sourcedId}` : ''} (secondary role). ` : ''}${
          live
            ? 'Active and enabled.'
            : `Marked ${detail.status}${detail.enabled ? '' : ', disabled'}.`
        }`,
    fix: teacher && live ? null : 'Fix their role or status in the SIS / rostering service.',
    problem: !teacher
      ? `the roster sends them as ${detail.role}, not as a teacher`
      : live
        ? null
        : `the roster marks them ${detail.status}${detail.enabled ? '' : ', disabled'}`,
  });
  const teaching = detail.classes.filter((c) => c.role === 'teacher' && c.status === 'active');
  steps.push({
    title: 'Their class data is loaded into the rostering service',
    status: teaching.length > 0 ? 'ok' : 'problem',
    detail:
      teaching.length > 0
        ? `${teaching.length} class${teaching.length === 1 ? '' : 'es'} with ${teaching.reduce((n, c) => n + c.students, 0)} students in all.`
        : 'The roster sends no class for this teacher.',
    fix:
      teaching.length > 0
        ? null
        : "Load the teacher's classes in the SIS so the rostering service sends them.",
    problem: teaching.length > 0 ? null : 'the roster sends no class for them',
  });
  const lic = detail.license;
  steps.push({
    title: 'They have been added to the license',
    status: lic ? 'ok' : 'problem',
    detail: lic
      ? `License entry ${lic.email}${lic.how === 'suggested' ? ` (a likely match, ${Math.round(lic.confidence * 100)}% confidence)` : ''}.`
      : 'No license entry with their email, and no likely match.',
    fix: lic ? null : `Invite ${detail.email ?? 'them'} to the license.`,
    problem: lic ? null : 'they are not on the license, and no license entry is a likely match',
    action: lic ? null : { code: 'NOT_ON_LICENSE', label: `Invite ${detail.email ?? 'them'}` },
  });
  steps.push({
    title: 'They accepted the invitation and finished creating their account',
    status: !lic ? 'unknown' : lic.status === 'active' ? 'ok' : 'problem',
    detail: !lic
      ? 'Not on the license.'
      : lic.status === 'active'
        ? `Accepted${lic.acceptedAt ? ` on ${lic.acceptedAt.slice(0, 10)}` : ''}.`
        : `Invited${lic.invitedAt ? ` on ${lic.invitedAt.slice(0, 10)}` : ''}, not accepted yet.`,
    fix:
      lic && lic.status !== 'active'
        ? 'Resend the invitation and ask them to finish account creation.'
        : null,
    problem: lic && lic.status !== 'active' ? 'they have not accepted the invitation yet' : null,
    action:
      lic && lic.status !== 'active'
        ? { code: 'INVITE_PENDING', label: 'Resend the invitation' }
        : null,
  });
  const emailsMatch = lic && lic.how === 'exact';
  steps.push({
    title: 'The platform email matches the roster email',
    status: !lic ? 'unknown' : emailsMatch ? 'ok' : 'problem',
    detail: !lic
      ? 'No license entry to compare.'
      : emailsMatch
        ? `Both are ${lic.email}.`
        : `The platform has ${lic.email}; the roster sends "${detail.email ?? ''}".`,
    fix:
      !lic || emailsMatch
        ? null
        : lic.how === 'case-or-space'
          ? 'Correct the spacing or capitals of the email at the source.'
          : lic.how === 'invalid-roster-email'
            ? `Correct the roster email at the source (SIS): "${detail.email ?? ''}" is not an address; the license has ${lic.email}.`
            : `Change the platform account's email to ${detail.email ?? ''} (propose it in RosterDesk).`,
    problem:
      !lic || emailsMatch
        ? null
        : `the platform email ${lic.email} differs from the roster email "${detail.email ?? ''}"`,
    action:
      lic && lic.how === 'suggested'
        ? { code: 'EMAIL_MISMATCH', label: `Propose fix: ${lic.email} → ${detail.email ?? ''}` }
        : null,
  });
  const problem = steps.find((s) => s.status === 'problem');
  return {
    teacher: `${detail.givenName} ${detail.familyName}`.trim(),
    steps,
    importableClasses: teaching.map((c) => ({
      sourcedId: c.sourcedId,
      title: c.title,
      students: c.students,
    })),
    verdict: problem
      ? `First problem: ${problem.problem ?? `not true that ${problem.title.toLowerCase()}`}. ${problem.fix ?? ''}`.trim()
      : 'Every check passes: after logging out and in again, the teacher should see "Add from Rostering Service".',
  };
}
