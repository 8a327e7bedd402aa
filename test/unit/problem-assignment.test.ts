import { describe, expect, it } from 'vitest';
import { fileByPerson, isPrimary } from '../../shared/domain/problem-assignment';
import { buildStartHere } from '../../shared/domain/start-here';
import { SEVERITY_OF } from '../../shared/domain/finding';
import type { Finding, FindingCode, Subject } from '../../shared/domain/finding';

const f = (code: FindingCode, subjects: Subject[]): Finding => ({
  code,
  severity: SEVERITY_OF[code],
  subjects,
  message: `${code} ${subjects.map((s) => s.id).join(' ')}`,
  evidence: [],
  fix: { where: 'rosterdesk', action: '' },
  suggestion:
    code === 'EMAIL_MISMATCH'
      ? {
          rosterEmail: subjects[0]?.email ?? '',
          licenseEmail: subjects[1]?.email ?? '',
          confidence: 0.95,
        }
      : null,
});
const user = (id: string, email = `${id}@district.org`): Subject => ({ kind: 'user', id, email });
const entry = (email: string): Subject => ({ kind: 'license', id: email, email });

describe('each person is filed under one problem: the one whose fix comes first', () => {
  const isaac = [
    f('EMAIL_MISMATCH', [user('isaac'), entry('iharris@old.org')]),
    f('TEACHER_NO_CLASSES', [user('isaac')]),
  ];
  const daniel = [
    f('INVITE_PENDING', [user('daniel'), entry('daniel@district.org')]),
    f('TEACHER_NO_CLASSES', [user('daniel')]),
  ];
  const pending = [
    // An invitation at a personal address that differs from the roster email.
    f('EMAIL_MISMATCH', [user('pat'), entry('pat@gmail.com')]),
    f('INVITE_PENDING', [user('pat'), entry('pat@gmail.com')]),
  ];
  const elodie = [
    // Her old manual account and her rostered one (the rostered account's email is her roster email).
    f('DUPLICATE_ACCOUNT', [
      { kind: 'account', id: 'a_1', email: 'evanderberg@old.org' },
      { kind: 'account', id: 'a_2', email: 'elodie@district.org' },
    ]),
    f('INVITE_PENDING', [user('elodie', 'elodie@district.org'), entry('elodie@district.org')]),
  ];
  const shared = [
    f('DUPLICATE_EMAIL', [user('m1', 'm@district.org'), user('m2', 'm@district.org')]),
    f('NOT_ON_LICENSE', [user('m1', 'm@district.org')]),
  ];
  const classes = [f('CLASS_NO_STUDENTS', [{ kind: 'class', id: 'c1' }])];
  const all = [...isaac, ...daniel, ...pending, ...elodie, ...shared, ...classes];
  const filed = fileByPerson(all);
  const under = (code: FindingCode, id: string) =>
    filed.find((x) => x.finding.code === code && x.finding.subjects.some((s) => s.id === id));

  it('files by the fix order and keeps the others as "also"', () => {
    expect(under('EMAIL_MISMATCH', 'isaac')).toMatchObject({ also: ['TEACHER_NO_CLASSES'] });
    const isaacNoClasses = under('TEACHER_NO_CLASSES', 'isaac');
    expect(isaacNoClasses && isPrimary(isaacNoClasses)).toBe(false);
    expect(under('INVITE_PENDING', 'daniel')).toMatchObject({ also: ['TEACHER_NO_CLASSES'] });
    expect(under('INVITE_PENDING', 'pat')?.filedUnder).toBe('EMAIL_MISMATCH');
    expect(under('INVITE_PENDING', 'elodie')?.filedUnder).toBe('DUPLICATE_ACCOUNT');
    expect(under('NOT_ON_LICENSE', 'm1')?.filedUnder).toBe('DUPLICATE_EMAIL');
    expect(under('CLASS_NO_STUDENTS', 'c1')?.filedUnder).toBe('CLASS_NO_STUDENTS');
  });

  it('Start here counts each person once, and a card knows what is already staged', () => {
    const problems = buildStartHere(filed, 'ClassLink', (x) =>
      x.code === 'EMAIL_MISMATCH' && x.subjects[0]?.id === 'isaac' ? 'staged' : null,
    );
    const count = (code: FindingCode) => problems.find((p) => p.code === code)?.affected ?? 0;
    expect(count('EMAIL_MISMATCH')).toBe(2); // isaac, pat
    expect(count('INVITE_PENDING')).toBe(1); // daniel
    expect(count('TEACHER_NO_CLASSES')).toBe(0);
    expect(count('DUPLICATE_ACCOUNT')).toBe(1);
    expect(count('NOT_ON_LICENSE')).toBe(0);
    const mismatch = problems.find((p) => p.code === 'EMAIL_MISMATCH');
    expect(mismatch?.progress).toBe('1 staged, waiting for approval or the push');
    expect(mismatch?.action).toMatchObject({ kind: 'stage', confident: 1 });
  });

  it('a card whose every fix is staged offers no button that stages nothing', () => {
    const problems = buildStartHere(filed, 'ClassLink', (x) =>
      x.code === 'INVITE_PENDING' ? 'resent' : null,
    );
    const resend = problems.find((p) => p.code === 'INVITE_PENDING');
    expect(resend?.progress).toBe('1 resent lately');
    expect(resend?.action).toMatchObject({ kind: 'open', screen: 'changes' });
  });

  it('IT messages name the records: ids of users and classes', () => {
    const problems = buildStartHere(filed, 'ClassLink');
    const duplicate = problems.find((p) => p.code === 'DUPLICATE_EMAIL');
    expect(duplicate?.action.kind === 'copy' && duplicate.action.text).toMatch(
      /\[user m1, user m2\]/,
    );
  });
});
