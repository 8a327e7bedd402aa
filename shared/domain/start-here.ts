import { z } from 'zod';
import { stageableCodes } from './change';
import { findingCodes, severities } from './finding';
import type { Finding, FindingCode } from './finding';
import { isPrimary } from './problem-assignment';
import type { Filed } from './problem-assignment';

/**
 * "Start here": the district's problems as plain sentences, most harmful first, each with the one
 * thing to press. A finding belongs to exactly one problem (one per finding code).
 */
export const problemActionSchema = z.discriminatedUnion('kind', [
  /** Stage the fix of every finding of `code` RosterDesk can push (EMAIL_MISMATCH: at or above a confidence). */
  z.object({
    kind: z.literal('stage'),
    code: z.enum(stageableCodes),
    label: z.string(),
    /** EMAIL_MISMATCH: how many suggestions are at or above 90% (the default threshold). */
    confident: z.number().int().optional(),
    /** EMAIL_MISMATCH: the confidence of each suggestion not staged yet, for another threshold. */
    confidences: z.array(z.number()).optional(),
  }),
  /** Outside RosterDesk: a ready message for the district's IT or the rostering service. */
  z.object({ kind: z.literal('copy'), label: z.string(), text: z.string() }),
  /** Fixed on another screen of RosterDesk. */
  z.object({
    kind: z.literal('open'),
    label: z.string(),
    screen: z.enum(['license', 'connections', 'students', 'changes']),
    /** The connection the fix is made on (a missing Application ID). */
    connectionId: z.string().optional(),
  }),
]);
export type ProblemAction = z.infer<typeof problemActionSchema>;

export const problemSchema = z.object({
  code: z.enum(findingCodes),
  severity: z.enum(severities),
  /** "7 teachers can't see their classes: their license email differs from ClassLink". */
  sentence: z.string(),
  /** Who fixes it, and where. */
  where: z.string(),
  /** People (or classes) affected: the order within a severity. */
  affected: z.number().int(),
  /** What is already under way: "7 staged, waiting for approval", "5 resent today". */
  progress: z.string().nullable(),
  action: problemActionSchema,
});
export type Problem = z.infer<typeof problemSchema>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
/**
 * Problems that keep teachers from seeing their classes come before data-quality ones of the same
 * severity; a missing Application ID or a roster with no students stops everyone.
 */
const BLOCKS_TEACHERS: Partial<Record<FindingCode, number>> = {
  MISSING_APPLICATION_ID: 3,
  LOW_STUDENT_SHARE: 3,
  EMAIL_MISMATCH: 2,
  NOT_ON_LICENSE: 2,
  INVITE_PENDING: 2,
  TEACHER_NO_CLASSES: 1,
  DUPLICATE_ACCOUNT: 1,
  ROLE_MISMATCH: 1,
};
export const DEFAULT_CONFIDENCE = 0.9;

/** A MISSING_APPLICATION_ID where RosterDesk has the Application ID and only the platform lacks it. */
const notRegisteredOnly = (f: Finding) => f.fix.action.startsWith('Register');

interface Wording {
  sentence: (n: number, provider: string, findings: Finding[]) => string;
  where: (provider: string) => string;
  action?: (n: number, provider: string, findings: Finding[]) => ProblemAction;
}

const copyFor =
  (label: string, ask: string) =>
  (_n: number, provider: string, findings: Finding[]): ProblemAction => ({
    kind: 'copy',
    label,
    text: itText(ask.replaceAll('{provider}', provider), findings),
  });

const WORDING: Record<FindingCode, Wording> = {
  EMAIL_MISMATCH: {
    sentence: (n, p) =>
      `${plural(n, "teacher can't", "teachers can't")} see their classes: their license email differs from the email ${p} sends`,
    where: () => 'In RosterDesk: change the platform emails to the roster emails, then push',
    action: (n, _p, findings) => ({
      kind: 'stage',
      code: 'EMAIL_MISMATCH',
      label: 'Fix all with confidence ≥ 90%',
      confident: findings.filter((f) => (f.suggestion?.confidence ?? 0) >= DEFAULT_CONFIDENCE)
        .length,
      confidences: findings.map((f) => f.suggestion?.confidence ?? 0),
    }),
  },
  NOT_ON_LICENSE: {
    sentence: (n) =>
      `${plural(n, 'teacher has', 'teachers have')} classes in the roster but no seat on the license`,
    where: () => 'In RosterDesk: invite them (each takes a seat), or leave them out on purpose',
    action: (n) => ({
      kind: 'stage',
      code: 'NOT_ON_LICENSE',
      label: n === 1 ? 'Invite the 1 missing teacher' : `Invite all ${n} missing teachers`,
    }),
  },
  INVITE_PENDING: {
    sentence: (n) =>
      `${plural(n, 'teacher was', 'teachers were')} invited but never finished creating the account`,
    where: () => 'In RosterDesk: resend the invitations',
    action: (n) => ({
      kind: 'stage',
      code: 'INVITE_PENDING',
      label: `Resend ${plural(n, 'pending invitation', 'pending invitations')}`,
    }),
  },
  DUPLICATE_ACCOUNT: {
    sentence: (n) =>
      `${plural(n, 'person has', 'people have')} an old manual account beside the rostered one, holding a seat`,
    where: () => 'In RosterDesk: merge the old account into the rostered one',
    action: (n) => ({
      kind: 'stage',
      code: 'DUPLICATE_ACCOUNT',
      label: `Propose ${plural(n, 'merge', 'merges')}`,
    }),
  },
  OLD_STUDENT_ACCOUNTS: {
    sentence: (n, _p, findings) => {
      const seats = findings.reduce((s, f) => s + (f.seats ?? 0), 0);
      return `${plural(seats, 'old student account made by hand before rostering still holds a seat', 'old student accounts made by hand before rostering still hold seats')} (${plural(n, 'teacher', 'teachers')}): merge them into the rostered accounts`;
    },
    where: () => 'In RosterDesk: send teachers the worksheet, read it back, merge',
    action: () => ({ kind: 'open', label: 'Open the old accounts worksheet', screen: 'students' }),
  },
  MISSING_APPLICATION_ID: {
    sentence: (n, _p, findings) =>
      findings.every(notRegisteredOnly)
        ? "ClassLink's Application ID is not registered with the platform: it cannot attach the roster"
        : `${plural(n, 'ClassLink connection has', 'ClassLink connections have')} no Application ID: the platform cannot attach the roster`,
    where: () => 'In RosterDesk: add the Application ID and register it with the platform',
    action: (_n, _p, findings) => {
      const local = findings.find((f) => !notRegisteredOnly(f));
      const connectionId = local?.subjects.find((s) => s.kind === 'connection')?.id;
      return local && connectionId
        ? {
            kind: 'open',
            label: 'Add the Application ID to the connection',
            screen: 'connections',
            connectionId,
          }
        : { kind: 'open', label: 'Register the Application ID', screen: 'license' };
    },
  },
  LOW_STUDENT_SHARE: {
    sentence: (_n, p) => `${p} sends teachers but almost no students`,
    where: (p) => `At ${p}: the sharing rules`,
    action: copyFor(
      'Copy a message for IT',
      'Please check the sharing rules for our edtech platform at {provider}: it receives teachers but almost no students.',
    ),
  },
  NOT_IN_ROSTER: {
    sentence: (n, p) =>
      `${plural(n, 'license entry is', 'license entries are')} not sent by ${p}, and no likely match was found`,
    where: (p) =>
      `At ${p}: share these teachers with the platform, or remove them from the license`,
    action: copyFor(
      'Copy a message for IT',
      'These teachers are on our platform license but {provider} does not send them. Please check they are shared with the platform:',
    ),
  },
  TEACHER_NO_CLASSES: {
    sentence: (n, p) =>
      `${plural(n, 'licensed teacher gets', 'licensed teachers get')} no class from ${p}`,
    where: () => 'In the SIS: load their classes',
    action: copyFor(
      'Copy a message for IT',
      '{provider} sends these licensed teachers without any class. Please load their classes in the SIS:',
    ),
  },
  DUPLICATE_EMAIL: {
    sentence: (n) => `${plural(n, 'email is', 'emails are')} used by more than one roster user`,
    where: () => 'In the SIS: give each person their own email',
    action: copyFor(
      'Copy a message for IT',
      'These emails are shared by more than one person in the roster. Please fix them in the SIS:',
    ),
  },
  MISSING_EMAIL: {
    sentence: (n) =>
      `${plural(n, 'teacher or administrator has', 'teachers or administrators have')} no email in the roster`,
    where: () => 'In the SIS: add their emails',
    action: copyFor(
      'Copy a message for IT',
      'These staff have no email in the roster. Please add them in the SIS:',
    ),
  },
  INVALID_EMAIL: {
    sentence: (n) => `${plural(n, 'roster email is', 'roster emails are')} not valid addresses`,
    where: () => 'In the SIS: correct them',
    action: copyFor(
      'Copy a message for IT',
      'These roster emails are not valid. Please correct them in the SIS:',
    ),
  },
  EMAIL_CASE_OR_SPACE: {
    sentence: (n) =>
      `${plural(n, 'roster email differs', 'roster emails differ')} from the license only by capitals or spaces`,
    where: () => 'In the SIS: write them exactly as on the license',
    action: copyFor(
      'Copy a message for IT',
      'These roster emails have stray spaces or capitals. Please correct them in the SIS:',
    ),
  },
  CLASS_NO_TEACHER: {
    sentence: (n) => `${plural(n, 'class has', 'classes have')} no teacher in the roster`,
    where: () => 'In the SIS: assign their teachers',
    action: copyFor('Copy a message for IT', 'These classes have no teacher in the roster:'),
  },
  CLASS_NO_STUDENTS: {
    sentence: (n) => `${plural(n, 'class has', 'classes have')} no students in the roster`,
    where: () => 'In the SIS: check the enrollments',
    action: copyFor('Copy a message for IT', 'These classes have no students in the roster:'),
  },
  ORG_MISSING: {
    sentence: (n, p) =>
      `${plural(n, 'org named by users or classes is', 'orgs named by users or classes are')} not sent by ${p}: their people land in "No school in the roster"`,
    where: (p) => `At ${p}: share those orgs, or correct the records naming them`,
    action: copyFor(
      'Copy a message for IT',
      '{provider} sends users and classes naming orgs it does not send. Please share these orgs with the platform or correct the records:',
    ),
  },
  ROLE_MISMATCH: {
    sentence: (n) =>
      `${plural(n, 'person is', 'people are')} enrolled as a class's teacher but their roster role cannot teach (a student, a parent…)`,
    where: () => 'In the SIS: give them the teacher role, or enroll the real teacher',
    action: copyFor(
      'Copy a message for IT',
      'These people are enrolled as the teacher of classes but their role in the roster is not teacher. Please correct them in the SIS:',
    ),
  },
  STUDENT_NO_ENROLLMENT: {
    sentence: (n) => `${plural(n, 'student is', 'students are')} in no class`,
    where: () => 'In the SIS: check the enrollments',
    action: copyFor('Copy a message for IT', 'These students are in no class in the roster:'),
  },
};

/** A message the admin can paste to the district's IT: the ask, then one line per finding (50 at most). */
function itText(ask: string, findings: Finding[]): string {
  const lines = findings.slice(0, 50).map((f) => `- ${itLine(f)}`);
  const more =
    findings.length > 50 ? [`- … and ${findings.length - 50} more (see the attached report)`] : [];
  return [ask, '', ...lines, ...more, '', 'Found with RosterDesk.'].join('\n');
}

/** One finding as IT needs it to find the records: the message, then the ids it names. */
function itLine(f: Finding): string {
  const ids = f.subjects
    .filter((s) => s.kind === 'user' || s.kind === 'class' || s.kind === 'org')
    .map((s) => `${s.kind} ${s.id}`);
  return ids.length ? `${f.message} [${ids.join(', ')}]` : f.message;
}

/** What is already done about one finding: its change waits for approval, or was resent lately. */
export type FindingProgress = 'staged' | 'resent' | 'invited' | null;

/** "7 staged, waiting for approval; 5 resent today; 3 invited today". */
function progressText(
  staged: number,
  resent: number,
  invited: number,
  resentWhen: string,
): string | null {
  const parts = [
    ...(staged ? [`${staged} staged, waiting for approval or the push`] : []),
    ...(resent ? [`${resent} resent ${resentWhen}`] : []),
    ...(invited ? [`${invited} invited ${resentWhen}`] : []),
  ];
  return parts.length ? parts.join('; ') : null;
}

/**
 * The problems: errors first, then what keeps teachers from their classes, then by how many are
 * affected. Each person is in one problem only (fileByPerson: the one whose fix comes first); a
 * problem's button acts on what is not staged or resent already, and is replaced by a link to
 * Changes when nothing is left.
 */
export function buildStartHere(
  filed: readonly Filed[],
  provider: string,
  progress: (f: Finding) => FindingProgress = () => null,
  resentWhen: string | (() => string) = 'lately',
): Problem[] {
  const byCode = new Map<FindingCode, Finding[]>();
  const when = () => (typeof resentWhen === 'string' ? resentWhen : resentWhen());
  for (const x of filed) {
    if (!isPrimary(x)) continue;
    const { finding } = x;
    const list = byCode.get(finding.code);
    if (list) list.push(finding);
    else byCode.set(finding.code, [finding]);
  }
  const problems: Problem[] = [];
  for (const [code, list] of byCode) {
    const w = WORDING[code];
    const n = list.length;
    const severity = list[0]?.severity ?? 'info';
    let staged = 0;
    let resent = 0;
    let invited = 0;
    const left: Finding[] = [];
    for (const f of list) {
      const p = progress(f);
      if (p === 'staged') staged++;
      else if (p === 'resent') resent++;
      else if (p === 'invited') invited++;
      else left.push(f);
    }
    const action = w.action
      ? w.action(left.length, provider, left)
      : {
          kind: 'copy' as const,
          label: 'Copy a message for IT',
          text: itText(w.sentence(n, provider, list), list),
        };
    problems.push({
      code,
      severity,
      sentence: w.sentence(n, provider, list),
      where: w.where(provider),
      affected: n,
      progress: progressText(staged, resent, invited, when()),
      action:
        action.kind === 'stage' && left.length === 0
          ? { kind: 'open', label: 'Review them on Changes', screen: 'changes' }
          : action,
    });
  }
  return problems.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (BLOCKS_TEACHERS[b.code] ?? 0) - (BLOCKS_TEACHERS[a.code] ?? 0) ||
      b.affected - a.affected,
  );
}

/** How the source is named in sentences. */
export function providerName(sourceKind: string | null | undefined): string {
  if (sourceKind === 'classlink') return 'ClassLink';
  if (sourceKind === 'clever') return 'Clever';
  if (sourceKind === 'oneroster-csv') return 'the OneRoster export';
  return 'the roster';
}

/** What the dashboard compares, the other snapshots it could, and the problems found. */
export const startHereSchema = z.object({
  scope: z
    .object({
      connectionId: z.string(),
      connectionName: z.string(),
      sourceKind: z.string(),
      syncedAt: z.string().nullable(),
      /** The license list compared against, in words; null when none was pulled or imported. */
      license: z.string().nullable(),
    })
    .nullable(),
  choices: z.array(
    z.object({
      connectionId: z.string(),
      name: z.string(),
      sourceKind: z.string(),
      syncedAt: z.string().nullable(),
    }),
  ),
  problems: z.array(problemSchema),
  /**
   * When the license is over 95% used and some seats are held by people who do not use them:
   * how many, to reclaim on the New school year screen.
   */
  reclaim: z
    .object({ seats: z.number().int(), used: z.number().int(), unused: z.number().int() })
    .nullable()
    .default(null),
});
export type StartHere = z.infer<typeof startHereSchema>;
