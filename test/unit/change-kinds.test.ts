import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS } from '../../electron/core/changes/kinds/change-kinds';
import { CHANGE_KIND_LABEL, changeAfterSchemas, changeKinds } from '../../shared/domain/change';
import type { ChangeKind } from '../../shared/domain/change';

/**
 * Every kind of change is one module registered in CHANGE_KINDS: a kind that lacks its staging,
 * its platform call, its seat effect, its payload schema or its label fails here.
 */
describe('change kinds: one module per kind, registered in one table', () => {
  it.each(changeKinds)(
    '%s has its staging, wire call, seat effect, payload schema and label',
    (kind) => {
      const module = (
        CHANGE_KINDS as Partial<Record<ChangeKind, (typeof CHANGE_KINDS)[ChangeKind]>>
      )[kind];
      expect(module, `${kind} is registered`).toBeDefined();
      expect(module?.kind).toBe(kind);
      expect(typeof module?.stage).toBe('function');
      expect(typeof module?.wire).toBe('function');
      expect(typeof module?.seats).toBe('function');
      expect(changeAfterSchemas[kind]).toBeDefined();
      expect(CHANGE_KIND_LABEL[kind]).toMatch(/\w/);
    },
  );

  it('registers nothing that is not a declared kind', () => {
    expect(Object.keys(CHANGE_KINDS).sort()).toEqual([...changeKinds].sort());
  });

  it('says the seats each kind takes or frees', () => {
    const student = () => 'student';
    const teacher = () => 'teacher';
    expect(
      CHANGE_KINDS.invite.seats(
        { email: 'a@b.org', givenName: null, familyName: null },
        teacher,
        null,
      ),
    ).toEqual({ teacher: 1, student: 0 });
    expect(CHANGE_KINDS.remove.seats({ onLicense: 'no' }, teacher, 't1')).toEqual({
      teacher: -1,
      student: 0,
    });
    expect(CHANGE_KINDS.resend.seats({ invitation: 'sent again' }, teacher, 't1')).toEqual({
      teacher: 0,
      student: 0,
    });
    const merged = { mergedInto: 'a2', email: null, provenance: 'classlink', seatsFreed: 2 };
    expect(CHANGE_KINDS.merge.seats(merged, teacher, 'a1')).toEqual({ teacher: -2, student: 0 });
    expect(CHANGE_KINDS.merge.seats({ ...merged, seatsFreed: 1 }, student, 'a1')).toEqual({
      teacher: 0,
      student: -1,
    });
    expect(
      CHANGE_KINDS['remove-account'].seats(
        { removed: 'yes', seatsFreed: 1, workRecordsLost: 3 },
        student,
        'a1',
      ),
    ).toEqual({ teacher: 0, student: -1 });
  });
});
