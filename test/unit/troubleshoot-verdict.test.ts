import { describe, expect, it } from 'vitest';
import { troubleshoot } from '../../electron/core/diagnostics/user-report';
import type { UserDetail } from '../../shared/domain/diagnostics-views';
import type { Finding, FindingCode } from '../../shared/domain/finding';
import { SEVERITY_OF } from '../../shared/domain/finding';
import type { ConnectionFacts } from '../../electron/core/diagnostics/diagnostics-context';

const walker: UserDetail = {
  sourcedId: 't-walker',
  role: 'teacher',
  status: 'active',
  enabled: true,
  givenName: 'Anna',
  familyName: 'Walker',
  middleName: null,
  email: 'anna.walker@springfield.org',
  username: null,
  identifier: null,
  userIds: [],
  grades: [],
  roles: [],
  orgs: [],
  classes: [{ sourcedId: 'c1', title: 'Math 7', role: 'teacher', students: 24, status: 'active' }],
  sourceKind: 'classlink',
  license: {
    email: 'anna.walker@springfield.org',
    givenName: 'Anna',
    familyName: 'Walker',
    status: 'active',
    invitedAt: null,
    acceptedAt: '2026-09-01T00:00:00Z',
    how: 'exact',
    confidence: 1,
  },
  findings: [],
};
const classLink: ConnectionFacts[] = [
  { id: 'cl', name: 'ClassLink', kind: 'classlink', hasApplicationId: true },
];
const verdict = (changes: Partial<UserDetail>, connections = classLink) =>
  troubleshoot({ ...walker, ...changes }, connections);
/** A finding naming Anna Walker, as the engine would give it. */
const about = (code: FindingCode): Finding => ({
  code,
  severity: SEVERITY_OF[code],
  subjects: [{ kind: 'user', id: 't-walker' }],
  message: code,
  evidence: [],
  fix: { where: 'sis', action: '' },
  suggestion: null,
});
const license = walker.license ?? undefined;

describe('the troubleshooter says what is wrong, never the opposite', () => {
  const cases: [string, Partial<UserDetail>, RegExp, string | null][] = [
    ['everything right', {}, /^Every check passes/, null],
    [
      'the emails differ',
      {
        license: license && {
          ...license,
          email: 'awalker@old-springfield.org',
          how: 'suggested',
          confidence: 0.92,
        },
      },
      /^First problem: the platform email awalker@old-springfield\.org differs from the roster email "anna\.walker@springfield\.org"/,
      'EMAIL_MISMATCH',
    ],
    [
      'not on the license',
      { license: null },
      /^First problem: they are not on the license, and no license entry is a likely match\. Invite anna\.walker@springfield\.org/,
      'NOT_ON_LICENSE',
    ],
    [
      'an invitation not accepted',
      { license: license && { ...license, status: 'invited', acceptedAt: null } },
      /^First problem: they have not accepted the invitation yet\. Resend/,
      'INVITE_PENDING',
    ],
    ['no classes', { classes: [] }, /^First problem: the roster sends no class for them\./, null],
    [
      'sent as a student',
      { role: 'student' },
      /^First problem: the roster sends them as student, not as a teacher\./,
      null,
    ],
    [
      'disabled',
      { enabled: false },
      /^First problem: the roster marks them active, disabled\./,
      null,
    ],
  ];
  it.each(cases)('%s', (_name, changes, expected, action) => {
    // The person's fix, as userDetail() offers it when a finding backs it.
    const code = action as 'EMAIL_MISMATCH' | 'NOT_ON_LICENSE' | 'INVITE_PENDING' | null;
    const result = verdict({
      ...changes,
      ...(code ? { findings: [about(code)], firstProblem: code } : {}),
      actions: code ? [{ code, label: code, disabled: null }] : [],
    });
    expect(result.verdict).toMatch(expected);
    expect(result.verdict).not.toMatch(/First problem: the platform email matches/);
    const withAction = result.steps.find((s) => s.action && s.status === 'problem');
    expect(withAction?.action?.code ?? null).toBe(action);
    expect(result.verdictAction?.code ?? null).toBe(action);
  });

  it('no email comes before everything a license could fix: ask the SIS, no invitation button', () => {
    // Benjamin Anderson: no email, so not matched to the license. Inviting him is impossible.
    const result = verdict({
      email: null,
      license: null,
      findings: [about('MISSING_EMAIL')],
      firstProblem: 'MISSING_EMAIL',
      actions: [],
    });
    expect(result.verdict).toMatch(
      /^First problem: the roster sends no email for them\. Ask the SIS to add an email/,
    );
    expect(result.verdictAction?.label).toBe('Copy a message for IT');
    expect(result.verdictAction?.text).toMatch(/Please add an email in the SIS for Anna Walker/);
    expect(result.verdictAction?.code).toBeUndefined();
    // No step offers a button that would stage nothing.
    for (const step of result.steps) expect(step.action?.code).toBeUndefined();
    // Nor tells the admin to invite someone who has no address to invite.
    const license = result.steps.find((s) => s.title === 'They have been added to the license');
    expect(license).toMatchObject({ status: 'unknown', fix: null });
    expect(license?.detail).toMatch(/cannot be invited yet/);
  });

  it('an email that differs comes before a pending invitation, and the resend waits for it', () => {
    const result = verdict({
      license: license && {
        ...license,
        email: 'anna.personal@gmail.com',
        how: 'suggested',
        confidence: 0.91,
        status: 'invited',
        acceptedAt: null,
        invitedAt: '2026-08-10T00:00:00Z',
      },
      findings: [about('EMAIL_MISMATCH'), about('INVITE_PENDING')],
      firstProblem: 'EMAIL_MISMATCH',
      actions: [
        { code: 'EMAIL_MISMATCH', label: 'Propose fix', disabled: null },
        {
          code: 'INVITE_PENDING',
          label: 'Resend the invitation',
          disabled: 'Fix the email mismatch first',
        },
      ],
    });
    expect(result.verdict).toMatch(
      /^First problem: the platform email anna\.personal@gmail\.com differs/,
    );
    expect(result.verdictAction?.code).toBe('EMAIL_MISMATCH');
    const pending = result.steps.find((s) => s.action?.code === 'INVITE_PENDING');
    expect(pending?.action?.disabled).toBe('Fix the email mismatch first');
    expect(pending?.fix).toMatch(/^Fix the email first/);
  });

  it("a fix already staged is not the verdict's button", () => {
    const result = verdict({
      license: null,
      findings: [about('NOT_ON_LICENSE')],
      firstProblem: 'NOT_ON_LICENSE',
      actions: [{ code: 'NOT_ON_LICENSE', label: 'Invite', disabled: 'Already staged' }],
    });
    expect(result.verdict).toMatch(/^First problem: they are not on the license/);
    expect(result.verdictAction).toBeNull();
  });

  it('the verdict follows the problem Start here files them under (no class, and an email mismatch)', () => {
    const result = verdict({
      classes: [],
      license: license && {
        ...license,
        email: 'iharris@old.org',
        how: 'suggested',
        confidence: 0.95,
      },
      findings: [about('EMAIL_MISMATCH'), about('TEACHER_NO_CLASSES')],
      firstProblem: 'EMAIL_MISMATCH',
      actions: [{ code: 'EMAIL_MISMATCH', label: 'Propose fix', disabled: null }],
    });
    expect(result.verdict).toMatch(/^First problem: the platform email iharris@old\.org differs/);
  });

  it("a second connection's problem does not enter the verdict of a teacher on another connection", () => {
    // The handler passes only the roster's own connection; the other one lacks its Application ID.
    const other = { id: 'cl-2', name: 'Second', kind: 'classlink', hasApplicationId: false };
    const ownOnly = verdict({}, classLink);
    expect(ownOnly.verdict).toMatch(/^Every check passes/);
    const both = verdict({}, [...classLink, other]);
    expect(both.verdict).toMatch(/Application ID/);
  });

  it('an Application ID set here but not registered with the platform', () => {
    const result = verdict({}, [
      {
        id: 'cl',
        name: 'ClassLink',
        kind: 'classlink',
        hasApplicationId: true,
        registeredOnPlatform: false,
      },
    ]);
    expect(result.verdict).toMatch(
      /^First problem: the platform has no Application ID registered for ClassLink/,
    );
  });

  it('a ClassLink connection without an Application ID', () => {
    const result = verdict({}, [
      { id: 'cl', name: 'ClassLink', kind: 'classlink', hasApplicationId: false },
    ]);
    expect(result.verdict).toMatch(
      /^First problem: this roster's ClassLink connection has no Application ID\./,
    );
  });

  it('OneRoster 1.2: a principal with a secondary teacher role is a teacher here, and it says so', () => {
    const role = (sourceRole: string, roleType: 'primary' | 'secondary', r: string) => ({
      role: r,
      sourceRole,
      roleType,
      org: { sourcedId: 's1', name: 'Lincoln High School' },
      beginDate: null,
      endDate: null,
    });
    const result = verdict({
      role: 'administrator',
      roles: [
        role('principal', 'primary', 'administrator'),
        role('teacher', 'secondary', 'teacher'),
      ],
    });
    expect(result.verdict).toMatch(/^Every check passes/);
    expect(result.steps[1]?.detail).toBe(
      'Primary role administrator; also a teacher at Lincoln High School (secondary role). Active and enabled.',
    );
  });
});
