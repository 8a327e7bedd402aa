import { describe, expect, it } from 'vitest';
import { isValidEmail, nameKey, normalizeEmail } from '../../shared/matching/normalize';
import { PLAUSIBLE, scoreMatch } from '../../shared/matching/score-match';
import { isNickname } from '../../shared/matching/nicknames';
import { matchLicense } from '../../electron/core/diagnostics/rules/license-rules';

const roster = (givenName: string, familyName: string, email: string) => ({
  givenName,
  familyName,
  email,
});

describe('name and email normalisation', () => {
  it('ignores accents, hyphens, apostrophes, spaces and case', () => {
    expect(nameKey("O'Brien")).toBe('obrien');
    expect(nameKey('Smith-Jones')).toBe('smithjones');
    expect(nameKey('Ó Súilleabháin')).toBe('osuilleabhain');
    expect(nameKey('Núñez')).toBe('nunez');
    expect(normalizeEmail('  Jane.Doe@District.ORG ')).toBe('jane.doe@district.org');
  });

  it('knows a malformed email', () => {
    for (const bad of ['seth_schoen.example.org', 'a@b', 'two@@x.org', 'sp ace@x.org', ''])
      expect(isValidEmail(bad)).toBe(false);
    expect(isValidEmail('seth.schoen@example.org')).toBe(true);
  });
});

describe('scoring a license entry against a roster teacher', () => {
  it('is plausible for old domain, flast, firstl, last.first and nicknames, with reasons', () => {
    const t = roster('Robert', 'Smith-Jones', 'robert.smith-jones@new.example');
    for (const [entry, why] of [
      [
        { email: 'robert.smith-jones@old.example', givenName: 'Robert', familyName: 'Smith-Jones' },
        'same local part on another domain',
      ],
      [
        { email: 'rsmithjones@new.example', givenName: 'Robert', familyName: 'Smith-Jones' },
        'flast',
      ],
      [
        { email: 'bob.smithjones@old.example', givenName: 'Bob', familyName: 'Smith-Jones' },
        'given names are variants',
      ],
      [{ email: 'smithjones.robert@new.example', givenName: null, familyName: null }, 'last.first'],
    ] as const) {
      const s = scoreMatch(t, entry);
      expect(s.confidence, entry.email).toBeGreaterThanOrEqual(PLAUSIBLE);
      expect(s.evidence.join('; ')).toContain(why);
    }
  });

  it('is not plausible for a different person who shares only a family name or an initial', () => {
    const t = roster('Jane', 'Smith', 'jane.smith@d.example');
    expect(
      scoreMatch(t, { email: 'john.smith@d.example', givenName: 'John', familyName: 'Smith' })
        .confidence,
    ).toBeLessThan(PLAUSIBLE);
    expect(
      scoreMatch(t, { email: 'jsmith@d.example', givenName: null, familyName: null }).confidence,
    ).toBeLessThan(PLAUSIBLE);
    expect(
      scoreMatch(t, { email: 'maria.lopez@d.example', givenName: 'Maria', familyName: 'Lopez' })
        .confidence,
    ).toBe(0);
  });
});

describe('nicknames from the maintained dataset', () => {
  it('knows the pairs the dataset brings, both ways, and keeps the supplement', () => {
    for (const [a, b] of [
      ['kenneth', 'ken'],
      ['ken', 'kenneth'],
      ['margaret', 'peggy'],
      ['richard', 'dick'],
      ['elizabeth', 'bess'],
      ['robert', 'bob'],
      ['jose', 'pepe'],
      ['william', 'liam'],
    ])
      expect(isNickname(a ?? '', b ?? ''), `${a} ~ ${b}`).toBe(true);
    // Pairs, not groups: two nicknames of one name are not variants of each other.
    expect(isNickname('peggy', 'daisy')).toBe(false);
    expect(isNickname('john', 'jane')).toBe(false);
  });

  it('the supplement covers Spanish, Portuguese and West African short forms, still as pairs', () => {
    for (const [name, short] of [
      ['alejandro', 'alex'],
      ['santiago', 'santi'],
      ['mariajose', 'majo'],
      ['oluwaseun', 'seun'],
      ['babatunde', 'tunde'],
      ['francisco', 'paco'],
    ])
      expect(isNickname(short ?? '', name ?? ''), `${short} ~ ${name}`).toBe(true);
    // Two short forms of one name are not variants of each other.
    expect(isNickname('paco', 'pancho')).toBe(false);
  });

  it('the generated lookup is the vendored CSV (run scripts/build-nicknames.mjs after updating it)', async () => {
    const fs = await import('node:fs');
    const csv = fs
      .readFileSync(new URL('../../resources/nicknames/names.csv', import.meta.url), 'utf8')
      .replace(/\r\n/g, '\n');
    const { NICKNAME_CSV } = await import('../../shared/matching/nickname-dataset.generated');
    expect(NICKNAME_CSV).toBe(csv);
  });
});

describe('diagnosis fixes found on real data', () => {
  it('a teacher whose roster email is not an address is still matched to the license by name', () => {
    const teacher = {
      sourcedId: 't1',
      role: 'teacher',
      givenName: 'Jane',
      familyName: 'Doe',
      email: 'jane_doe.example.org',
      username: null,
      identifier: null,
      userIds: [],
      classes: 3,
    };
    const entry = {
      email: 'jane.doe@example.org',
      givenName: 'Jane',
      familyName: 'Doe',
      status: 'active' as const,
    } as unknown as Parameters<typeof matchLicense>[1][number];
    const result = matchLicense([teacher], [entry]);
    expect(result.unmatchedEntries).toEqual([]);
    expect(result.matches[0]).toMatchObject({ how: 'invalid-roster-email' });
    expect(result.matches[0]?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('a personal-domain license email stays below "very likely" without strong names', () => {
    const t = roster('Jane', 'Doe', 'jane.doe@district.example');
    const weak = scoreMatch(t, { email: 'jane.doe@gmail.com', givenName: null, familyName: 'Doe' });
    expect(weak.confidence).toBeLessThan(0.9);
    expect(weak.evidence.join('; ')).toContain('personal mail provider');
    const strong = scoreMatch(t, {
      email: 'jane.doe@gmail.com',
      givenName: 'Jane',
      familyName: 'Doe',
    });
    expect(strong.confidence).toBeGreaterThanOrEqual(0.9);
  });
});
