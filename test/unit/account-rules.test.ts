import { describe, expect, it } from 'vitest';
import { accountRules } from '../../electron/core/diagnostics/rules/account-rules';
import type { PlatformAccount } from '../../shared/platform/platform-wire';

const account = (over: Partial<PlatformAccount>): PlatformAccount => ({
  id: 'a',
  role: 'teacher',
  email: null,
  givenName: 'Ana',
  familyName: 'Núñez',
  provenance: 'classlink',
  rosterId: 'r1',
  schoolName: 'North High',
  username: null,
  mergedInto: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  accountNumber: null,
  createdBy: null,
  classLabel: null,
  lastActiveAt: null,
  workRecords: 0,
  ...over,
});

describe('DUPLICATE_ACCOUNT', () => {
  it('pairs a manual account with the rostered one by name and school or old username, with the seats it frees', () => {
    const findings = accountRules(
      [
        account({ id: 'r', email: 'ana.nunez@district.org' }),
        account({
          id: 'm',
          provenance: 'manual',
          rosterId: null,
          familyName: 'Nunez',
          email: 'anunez@old.org',
          username: 'anunez',
        }),
      ],
      new Map([['m', 1]]),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'DUPLICATE_ACCOUNT',
      merge: { accountId: 'm', intoAccountId: 'r', seatsFreed: 1 },
      message: expect.stringMatching(/merging frees 1 seat$/),
    });
  });

  it('never guesses: two rostered people of the same name, another school, a student, a merged account', () => {
    const manual = account({ id: 'm', provenance: 'manual', rosterId: null, email: 'ana@old.org' });
    expect(accountRules([manual, account({ id: 'r1' }), account({ id: 'r2' })], new Map())).toEqual(
      [],
    );
    expect(
      accountRules([manual, account({ id: 'r', schoolName: 'South High' })], new Map()),
    ).toEqual([]);
    expect(accountRules([manual, account({ id: 'r', role: 'student' })], new Map())).toEqual([]);
    expect(accountRules([{ ...manual, mergedInto: 'r' }, account({ id: 'r' })], new Map())).toEqual(
      [],
    );
  });
});
