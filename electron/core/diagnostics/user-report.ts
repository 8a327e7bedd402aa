import type {
  PersonAction,
  Troubleshoot,
  UserDetail,
} from '../../../shared/domain/diagnostics-views';
import type { StageableCode } from '../../../shared/domain/change';
import type { Finding, FindingCode } from '../../../shared/domain/finding';
import { isValidEmail } from '../../../shared/matching/normalize';
import { PERSON_ORDER, isPrimary } from '../../../shared/domain/problem-assignment';
import { AppError } from '../../../shared/ipc/errors';
import type { ChangeStore } from '../changes/change-store';
import { progressOf } from '../changes/finding-progress';
import type { LicenseStore } from '../license/license-store';
import type { ConnectionFacts } from './diagnostics-context';
import type { DiagnosticsService } from './diagnostics-service';
import type { SnapshotReader } from '../snapshot/snapshot-reader';
import type { SnapshotStore } from '../snapshot/snapshot-store';

/** How each problem is named when another one waits for it ("fix the email first"). */
const FIRST_FIX: Partial<Record<FindingCode, string>> = {
  MISSING_EMAIL: 'their missing email',
  DUPLICATE_EMAIL: 'their shared email',
  INVALID_EMAIL: 'their roster email',
  ROLE_MISMATCH: 'their roster role',
  EMAIL_MISMATCH: 'the email mismatch',
  EMAIL_CASE_OR_SPACE: 'the spacing or capitals of their email',
  NOT_ON_LICENSE: 'the missing license seat',
  DUPLICATE_ACCOUNT: 'the duplicate account',
};

/** The label of the fix a stageable finding proposes for one person. */
function actionLabel(f: Finding): string {
  switch (f.code) {
    case 'EMAIL_MISMATCH':
      return f.suggestion
        ? `Propose fix: ${f.suggestion.licenseEmail} → ${f.suggestion.rosterEmail}`
        : 'Propose the email fix';
    case 'NOT_ON_LICENSE':
      return `Invite ${f.subjects.find((s) => s.kind === 'user')?.email ?? 'them'}`;
    case 'INVITE_PENDING':
      return 'Resend the invitation';
    default:
      return 'Propose the merge';
  }
}

const STAGEABLE = new Set<string>([
  'EMAIL_MISMATCH',
  'NOT_ON_LICENSE',
  'INVITE_PENDING',
  'DUPLICATE_ACCOUNT',
]);

/** "Show me this user": what the roster sends for them, their license entry, their findings. */
export async function userDetail(
  services: {
    readSnapshot: (snapshotId: number) => SnapshotReader;
    snapshots: Pick<SnapshotStore, 'get'>;
    diagnostics: DiagnosticsService;
    license: LicenseStore;
    changes: ChangeStore;
  },
  sourcedId: string,
): Promise<UserDetail> {
  const { diagnostics } = services;
  const current = await diagnostics.current();
  if (!current) throw new AppError('NOT_FOUND', 'No roster snapshot yet: sync a connection first');
  const roster = services.readSnapshot(current.snapshotId);
  const u = roster.user(sourcedId);
  if (!u) throw new AppError('NOT_FOUND', `The roster sends no user ${sourcedId}`);
  const match =
    (await current.licenseMatches)?.find((m) => m.teacher.sourcedId === sourcedId) ?? null;
  const findings = await diagnostics.personFindings(sourcedId, [
    ...(u.email ? [u.email] : []),
    ...(match ? [match.entry.email] : []),
  ]);
  // The same filing as Start here: their first problem, and what each fix waits for.
  const mine = new Set(findings);
  const filed = (await diagnostics.filed()).filter((x) => mine.has(x.finding));
  const ranks = filed.map((x) =>
    PERSON_ORDER.indexOf(x.filedUnder as (typeof PERSON_ORDER)[number]),
  );
  const best = Math.min(...ranks.filter((r) => r >= 0));
  const firstProblem = Number.isFinite(best) ? (PERSON_ORDER[best] ?? null) : null;
  const progress = progressOf(services.license, services.changes.open);
  const actions: PersonAction[] = filed
    .filter((x) => STAGEABLE.has(x.finding.code))
    .map((x) => {
      const done = progress.of(x.finding);
      return {
        code: x.finding.code as StageableCode,
        label: actionLabel(x.finding),
        disabled: !isPrimary(x)
          ? `Fix ${FIRST_FIX[x.filedUnder] ?? x.filedUnder} first`
          : done === 'staged'
            ? 'Already staged: approve and push it on the Changes screen'
            : done === 'resent' || done === 'invited'
              ? `${done === 'resent' ? 'Resent' : 'Invited'} ${progress.resentWhen}`
              : null,
      };
    });
  const platformId = match ? services.license.teacherByEmail(match.entry.email)?.platformId : null;
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
    sourceKind: services.snapshots.get(current.snapshotId)?.sourceKind ?? '',
    license: match
      ? {
          ...match.entry,
          how: match.how,
          confidence: match.confidence,
          resentAt: platformId ? services.changes.open.lastResend(platformId) : null,
        }
      : null,
    findings,
    firstProblem,
    actions,
  };
}

/** A message for IT asking for a roster email, with what they need to find the record. */
function emailRequest(detail: UserDetail, what: string): string {
  const school = detail.orgs[0]?.name ?? detail.orgs[0]?.sourcedId ?? 'no school';
  return [
    `Please ${what} in the SIS for ${detail.givenName} ${detail.familyName} (${detail.role} at ${school}; sourcedId ${detail.sourcedId}${detail.username ? `, username ${detail.username}` : ''}).`,
    'Without a valid email of their own they cannot be matched to their platform account or invited, so they cannot see their classes.',
    '',
    'Found with RosterDesk.',
  ].join('\n');
}

type Step = Troubleshoot['steps'][number] & { codes: FindingCode[] };

/**
 * "Why can't this teacher import their classes?": the help-center checklist, each step answered
 * from the data, and the classes the teacher would be offered. The verdict names the problem Start
 * here lists the teacher under (the one whose fix comes first), so the two never disagree; a
 * problem of the roster's own connection comes before it (it stops everyone). `connections` are
 * the facts of the roster's connection only: another connection's problem is not this teacher's.
 * Each button stages something, or says why it cannot now.
 */
export function troubleshoot(detail: UserDetail, connections: ConnectionFacts[]): Troubleshoot {
  const steps: Step[] = [];
  const actions = detail.actions ?? [];
  const actionFor = (code: StageableCode): PersonAction | null =>
    actions.find((a) => a.code === code) ?? null;
  const has = (code: FindingCode) => detail.findings.some((f) => f.code === code);
  const rostered = detail.sourceKind === 'classlink' || detail.sourceKind === 'clever';
  const classLink = connections.filter((c) => c.kind === 'classlink');
  const appIdMissing = classLink.some((c) => c.hasApplicationId === false);
  const notRegistered = !appIdMissing && classLink.some((c) => c.registeredOnPlatform === false);
  steps.push({
    codes: ['MISSING_APPLICATION_ID'],
    title: 'The school has integrated a rostering service',
    status: !rostered ? 'unknown' : appIdMissing || notRegistered ? 'problem' : 'ok',
    detail: !rostered
      ? 'This roster comes from a CSV export: whether the platform has a live ClassLink or Clever connection is not known here.'
      : appIdMissing
        ? "This roster's ClassLink connection has no Application ID, so the platform cannot attach the roster."
        : notRegistered
          ? 'RosterDesk has the Application ID, but the platform has none registered for ClassLink, so it cannot attach the roster.'
          : `Rostered by ${detail.sourceKind === 'clever' ? 'Clever' : 'ClassLink'}.`,
    fix: appIdMissing
      ? 'Add the Application ID to the ClassLink connection and register it with the platform.'
      : notRegistered
        ? 'Register the Application ID with the platform (License screen), approve and push.'
        : null,
    problem: appIdMissing
      ? "this roster's ClassLink connection has no Application ID"
      : notRegistered
        ? 'the platform has no Application ID registered for ClassLink'
        : null,
  });
  const live = detail.status === 'active' && detail.enabled;
  // OneRoster 1.2: a principal who also teaches holds a secondary teacher role.
  const secondaryTeacher =
    detail.role !== 'teacher' ? detail.roles.find((r) => r.role === 'teacher') : undefined;
  const teacher = detail.role === 'teacher' || secondaryTeacher !== undefined;
  steps.push({
    codes: ['ROLE_MISMATCH'],
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
  const email = detail.email?.trim() ?? '';
  const shared = has('DUPLICATE_EMAIL');
  const emailProblem = !email
    ? 'the roster sends no email for them'
    : !isValidEmail(email)
      ? `their roster email "${email}" is not an address`
      : shared
        ? `their roster email ${email} is also used by another roster user`
        : null;
  steps.push({
    codes: ['MISSING_EMAIL', 'INVALID_EMAIL', 'DUPLICATE_EMAIL'],
    title: 'The roster sends an email of their own',
    status: emailProblem ? 'problem' : 'ok',
    detail: emailProblem ? `${emailProblem[0]?.toUpperCase()}${emailProblem.slice(1)}.` : email,
    fix: emailProblem
      ? !email
        ? 'Ask the SIS to add an email: without one they can be neither matched to the license nor invited.'
        : 'Ask the SIS to give them a valid email of their own.'
      : null,
    problem: emailProblem,
    action: emailProblem
      ? {
          label: 'Copy a message for IT',
          text: emailRequest(detail, !email ? 'add an email' : 'correct the email'),
        }
      : null,
  });
  const teaching = detail.classes.filter((c) => c.role === 'teacher' && c.status === 'active');
  steps.push({
    codes: ['TEACHER_NO_CLASSES'],
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
  // Not on the license with no class to import: the classes come first (there is nothing to see).
  // Without an email of their own they cannot be invited: the email comes first.
  const licenseMatters = lic !== null || (teaching.length > 0 && emailProblem === null);
  steps.push({
    codes: ['NOT_ON_LICENSE'],
    title: 'They have been added to the license',
    status: lic ? 'ok' : licenseMatters ? 'problem' : 'unknown',
    detail: lic
      ? `License entry ${lic.email}${lic.how === 'suggested' ? ` (a likely match, ${Math.round(lic.confidence * 100)}% confidence)` : ''}.`
      : licenseMatters
        ? 'No license entry with their email, and no likely match.'
        : emailProblem
          ? 'Not on the license; without an email of their own they cannot be invited yet.'
          : 'Not on the license; with no class in the roster there is nothing to import yet.',
    fix: lic || !licenseMatters ? null : `Invite ${detail.email ?? 'them'} to the license.`,
    problem:
      lic || !licenseMatters
        ? null
        : 'they are not on the license, and no license entry is a likely match',
    action: actionFor('NOT_ON_LICENSE'),
  });
  const emailsMatch = lic && lic.how === 'exact';
  steps.push({
    codes: ['EMAIL_MISMATCH', 'EMAIL_CASE_OR_SPACE'],
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
    action: actionFor('EMAIL_MISMATCH'),
  });
  const invited = lic?.invitedAt ? ` on ${lic.invitedAt.slice(0, 10)}` : '';
  const resent = lic?.resentAt ? `, resent on ${lic.resentAt.slice(0, 10)}` : '';
  steps.push({
    codes: ['INVITE_PENDING'],
    title: 'They accepted the invitation and finished creating their account',
    status: !lic ? 'unknown' : lic.status === 'active' ? 'ok' : 'problem',
    detail: !lic
      ? 'Not on the license.'
      : lic.status === 'active'
        ? `Accepted${lic.acceptedAt ? ` on ${lic.acceptedAt.slice(0, 10)}` : ''}.`
        : `Invited${invited}${resent}, not accepted yet.`,
    fix:
      lic && lic.status !== 'active'
        ? emailsMatch
          ? 'Resend the invitation and ask them to finish account creation.'
          : 'Fix the email first (a resend would go to the old address), then resend the invitation.'
        : null,
    problem: lic && lic.status !== 'active' ? 'they have not accepted the invitation yet' : null,
    action: actionFor('INVITE_PENDING'),
  });
  const problems = steps.filter((s) => s.status === 'problem');
  // Their connection's problem stops everyone; then the problem Start here files them under.
  const problem =
    (steps[0]?.status === 'problem' ? steps[0] : undefined) ??
    (detail.firstProblem
      ? problems.find((s) => s.codes.includes(detail.firstProblem as FindingCode))
      : undefined) ??
    problems[0];
  const verdictAction = problem?.action && !problem.action.disabled ? problem.action : null;
  return {
    teacher: `${detail.givenName} ${detail.familyName}`.trim(),
    steps: steps.map(({ codes: _codes, ...step }) => step),
    importableClasses: teaching.map((c) => ({
      sourcedId: c.sourcedId,
      title: c.title,
      students: c.students,
    })),
    verdict: problem
      ? `First problem: ${problem.problem ?? `not true that ${problem.title.toLowerCase()}`}. ${problem.fix ?? ''}`.trim()
      : 'Every check passes: after logging out and in again, the teacher should see "Add from Rostering Service".',
    verdictAction,
  };
}
