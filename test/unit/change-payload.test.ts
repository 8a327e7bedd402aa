import { describe, expect, it } from 'vitest';
import { payloadOf } from '../../shared/domain/change';
import type { NewChange } from '../../electron/core/changes/change-store';

const base = {
  connectionId: 'p1',
  targetId: 'acc-1',
  subject: 'a@example.org',
  dedupeKey: 'merge:acc-1',
  before: null,
  baseVersion: 1,
  evidence: [],
  origin: 'test',
};

describe('change payloads are typed per kind', () => {
  it('a payload of the wrong shape does not compile', () => {
    const good: NewChange = {
      ...base,
      kind: 'merge',
      after: { mergedInto: 'acc-2', email: null, provenance: 'classlink', seatsFreed: 1 },
    };
    // @ts-expect-error a merge needs mergedInto, not an email alone
    const bad: NewChange = { ...base, kind: 'merge', after: { email: 'b@example.org' } };
    // @ts-expect-error an invite's payload is not a change-email's
    const crossed: NewChange = { ...base, kind: 'invite', after: { email: 'x@example.org' } };
    expect([good, bad, crossed]).toHaveLength(3);
  });

  it('a stored change read back with the wrong shape fails naming the kind and field', () => {
    expect(() => payloadOf({ kind: 'merge', after: { email: 'b@example.org' } })).toThrow(
      /stored merge change .*mergedInto/,
    );
    expect(payloadOf({ kind: 'change-email', after: { email: 'n@example.org' } })).toEqual({
      kind: 'change-email',
      after: { email: 'n@example.org' },
    });
  });
});
