import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountRules } from '../../electron/core/diagnostics/rules/account-rules';
import { PlatformFixture } from '../helpers/platform-fixture';

let f: PlatformFixture;
beforeEach(async () => {
  f = await new PlatformFixture().start();
});
afterEach(async () => {
  await f.stop();
});

/** What staging says when it refuses, or 'staged'. */
const attempt = (stage: () => unknown): string => {
  try {
    stage();
    return 'staged';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

describe('two changes that cannot both happen are refused with why', () => {
  it('removing a teacher, then changing their email (and the other way round)', () => {
    const [a, b] = f.manualTeachers();
    if (!a?.platformId || !b?.platformId) throw new Error('no manual teachers');
    f.services.staging.stage({ kind: 'remove', teacherId: a.platformId });
    expect(
      attempt(() =>
        f.services.staging.stage({
          kind: 'change-email',
          teacherId: a.platformId ?? '',
          email: 'new.address@example.org',
        }),
      ),
    ).toMatch(
      /^Change email for .+ cannot be staged: "Remove from license" for .+ is already staged, and the two cannot both happen/,
    );
    f.services.staging.stage({
      kind: 'change-email',
      teacherId: b.platformId,
      email: 'other.address@example.org',
    });
    expect(
      attempt(() => f.services.staging.stage({ kind: 'remove', teacherId: b.platformId ?? '' })),
    ).toMatch(/cannot be staged: "Change email" for .+ is already staged/);
  });

  it("changing the email of an account's teacher, then merging that account away", () => {
    const duplicate = accountRules(
      f.services.license.accounts(),
      f.services.license.seatsHeld(),
    )[0];
    if (!duplicate?.merge) throw new Error('no duplicate account');
    const teacherId = f.services.license.teacherIdsOfAccount(duplicate.merge.accountId)[0];
    if (!teacherId) throw new Error('the manual account has no license entry');
    f.services.staging.stage({
      kind: 'change-email',
      teacherId,
      email: 'renamed@example.org',
    });
    expect(
      attempt(() =>
        f.services.staging.stage({
          kind: 'merge',
          accountId: duplicate.merge?.accountId ?? '',
          intoAccountId: duplicate.merge?.intoAccountId ?? '',
        }),
      ),
    ).toMatch(
      /^Merge duplicate account for .+ cannot be staged: "Change email" for .+ is already staged/,
    );
  });

  it('two email changes giving one address, or an invitation and an email change', () => {
    const [a, b] = f.manualTeachers();
    if (!a?.platformId || !b?.platformId) throw new Error('no manual teachers');
    f.services.staging.stage({
      kind: 'change-email',
      teacherId: a.platformId,
      email: 'shared.address@example.org',
    });
    expect(
      attempt(() =>
        f.services.staging.stage({
          kind: 'change-email',
          teacherId: b.platformId ?? '',
          email: 'Shared.Address@example.org',
        }),
      ),
    ).toMatch(
      /^Shared\.Address@example\.org is already given by a staged change \("Change email" for /,
    );
    expect(
      attempt(() =>
        f.services.staging.stage({ kind: 'invite', email: 'shared.address@example.org' }),
      ),
    ).toMatch(/is already given by a staged change/);
    // The same change again is said as before.
    expect(
      attempt(() =>
        f.services.staging.stage({
          kind: 'change-email',
          teacherId: a.platformId ?? '',
          email: 'shared.address@example.org',
        }),
      ),
    ).toMatch(/is already staged; approve or discard that one/);
    // Once that one is discarded, the other may be staged.
    const open = f.services.changes.list({ status: 'staged', offset: 0, limit: 10 }).rows;
    f.services.changes.discard(open.map((c) => c.id));
    expect(
      attempt(() =>
        f.services.staging.stage({
          kind: 'change-email',
          teacherId: b.platformId ?? '',
          email: 'shared.address@example.org',
        }),
      ),
    ).toBe('staged');
  });
});

describe('a bulk add is one transaction', () => {
  it('a row that cannot be staged leaves the whole list unstaged, and says which address', () => {
    const [a] = f.manualTeachers();
    if (!a?.platformId) throw new Error('no manual teacher');
    // An email change already gives this address: the list's third row cannot be invited.
    f.services.staging.stage({
      kind: 'change-email',
      teacherId: a.platformId,
      email: 'taken@example.org',
    });
    const list = ['one@example.org', 'two@example.org', 'taken@example.org', 'four@example.org'];
    expect(attempt(() => f.services.staging.bulkInvite(list.join('\n'), 'pasted list'))).toMatch(
      /^taken@example\.org is already given by a staged change/,
    );
    const staged = f.services.changes.list({ status: 'staged', offset: 0, limit: 10 }).rows;
    expect(staged.map((c) => c.kind)).toEqual(['change-email']);
    // The seat count staging keeps was not left counting the rolled-back rows.
    expect(f.services.changes.countOpenInvites()).toBe(0);
  });
});

describe('a look-alike address is staged with a warning naming the odd letter', () => {
  it('an invitation to "аbcd@…" with a Cyrillic а', () => {
    const change = f.services.staging.stage({ kind: 'invite', email: '\u0430bcd@example.org' });
    expect(change.warning).toMatch(/mixes Latin letters with "а" \(Cyrillic, U\+0430\)/);
    const plain = f.services.staging.stage({ kind: 'invite', email: 'abcd@example.org' });
    expect(plain.warning ?? null).toBeNull();
  });
});
