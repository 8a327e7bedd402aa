import { describe, expect, it } from 'vitest';
import { troubleshoot } from '../../electron/core/diagnostics/user-report';
import type { UserDetail } from '../../shared/domain/diagnostics-views';

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
const classLink = [{ id: 'cl', name: 'ClassLink', kind: 'classlink', hasApplicationId: true }];
const verdict = (changes: Partial<UserDetail>, connections = classLink) =>
  troubleshoot({ ...walker, ...changes }, connections);
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
    const result = verdict(changes);
    expect(result.verdict).toMatch(expected);
    expect(result.verdict).not.toMatch(/First problem: the platform email matches/);
    const withAction = result.steps.find((s) => s.action);
    expect(withAction?.action?.code ?? null).toBe(action);
  });

  it('a ClassLink connection without an Application ID', () => {
    const result = verdict({}, [
      { id: 'cl', name: 'ClassLink', kind: 'classlink', hasApplicationId: false },
    ]);
    expect(result.verdict).toMatch(
      /^First problem: a ClassLink connection has no Application ID\./,
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
