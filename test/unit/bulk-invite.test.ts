import { describe, expect, it } from 'vitest';
import { previewBulkInvite } from '../../electron/core/changes/bulk-invite';

const none = { onLicense: () => null, staged: () => false };

describe('bulk add parsing', () => {
  it('reads a CSV by header names in any order, with a BOM, quotes, semicolons and CRLF', () => {
    const csv =
      '\uFEFFLast Name;E-mail;First Name\r\n"O\'Brien, Jr.";mk@example.org;Mary-Kate\r\nNúñez;jose@example.org;José\r\n';
    const preview = previewBulkInvite(csv, 'teachers.csv', none);
    expect(preview.rows).toEqual([
      {
        line: 2,
        email: 'mk@example.org',
        givenName: 'Mary-Kate',
        familyName: "O'Brien, Jr.",
        error: null,
      },
      { line: 3, email: 'jose@example.org', givenName: 'José', familyName: 'Núñez', error: null },
    ]);
  });

  it('reads a pasted list: bare emails, "Name <email>", trailing commas, blank lines keep their line numbers', () => {
    const preview = previewBulkInvite(
      'a@example.org,\n\n"Grace Hopper" <grace@example.org>\nseth_schoen.example.org',
      'pasted',
      {
        onLicense: (email) => (email === 'a@example.org' ? 'active' : null),
        staged: (email) => email === 'grace@example.org',
      },
    );
    expect(preview.rows.map((r) => [r.line, r.email, r.givenName, r.familyName, r.error])).toEqual([
      [1, 'a@example.org', null, null, 'Already on the license (active)'],
      [3, 'grace@example.org', 'Grace', 'Hopper', 'An invitation is already staged'],
      [
        4,
        'seth_schoen.example.org',
        null,
        null,
        '"seth_schoen.example.org" is not an email address',
      ],
    ]);
    expect(preview).toMatchObject({ valid: 0, invalid: 3 });
  });

  it('flags case-only duplicates against the first line they appeared on', () => {
    const preview = previewBulkInvite(
      'x@example.org\nX@Example.org\nx@example.org',
      'pasted',
      none,
    );
    expect(preview.rows.map((r) => r.error)).toEqual([
      null,
      'Duplicate of line 1',
      'Duplicate of line 1',
    ]);
  });
});
