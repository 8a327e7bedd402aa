import { describe, expect, it } from 'vitest';
import { mixedScriptWarning } from '../../shared/platform/email-input';

describe('an email whose letters mix look-alike scripts is named', () => {
  it('a Cyrillic "а" among Latin letters', () => {
    expect(mixedScriptWarning('\u0430bcd@springfield.org')).toBe(
      '"аbcd@springfield.org" mixes Latin letters with "а" (Cyrillic, U+0430): it looks like another address. Check it was typed, not pasted from somewhere else.',
    );
  });

  it('a Greek omicron in the domain', () => {
    expect(mixedScriptWarning('anna@springfield.\u03bfrg')).toMatch(/"ο" \(Greek, U\+03BF\)/);
  });

  it('one script per part is fine: Latin with accents, all Cyrillic, digits and dots', () => {
    for (const email of ['chloé.dubois@école.fr', 'иван@школа.рф', 'j.o-neil2@district.k12.us'])
      expect(mixedScriptWarning(email)).toBeNull();
  });
});
