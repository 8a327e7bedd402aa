import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/errors';
import { connectionSettingsSchema } from '../../shared/domain/connection';
import { importLicenseCsv } from '../../electron/core/license/license-csv-import';
import { exportFile } from '../../electron/core/reports/exports';
import { writeSnapshot } from '../helpers/injected-district';
import { injectedDistrict } from '../helpers/injected-district';
import { unzipText } from '../helpers/unzip-text';
import { PlatformFixture, TEST_LICENSE } from '../helpers/platform-fixture';

let f: PlatformFixture;
beforeEach(async () => {
  f = await new PlatformFixture().start({ spareSeats: 40 });
});
afterEach(async () => {
  await f.stop();
});

/** The error a call throws, as code and message (or "no error"). */
function failure(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    return { code: 'THROWN', message: String(error) };
  }
  return { code: 'none', message: 'no error' };
}

const pulledLicense = () => f.services.license.platformConnectionId();

describe('inputs that used to get through: each gets its specific error and nothing stored changes', () => {
  const emails: [string, string, RegExp][] = [
    [
      'a right-to-left override',
      'test\u202E@evil.com',
      /invisible or control character \(U\+202E at position 5\)/,
    ],
    [
      'a zero-width space',
      'a@exam\u200Bple.org',
      /invisible or control character \(U\+200B at position 7\)/,
    ],
    ['a line separator', 'a@example.org\u2028x', /U\+2028/],
    ['a control character', 'a\u0007b@example.org', /U\+0007/],
    ['a tab inside', 'a\tb@example.org', /U\+0009/],
  ];
  it.each(emails)('an email with %s is refused at staging', (_what, email, message) => {
    const before = f.services.changes.list({ offset: 0, limit: 1 }).total;
    expect(failure(() => f.services.staging.stage({ kind: 'invite', email }))).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(message),
    });
    expect(f.services.changes.list({ offset: 0, limit: 1 }).total).toBe(before);
  });

  it.each(emails)('an email with %s is refused by the platform too', async (_what, email) => {
    const res = await fetch(`${f.platform.baseUrl}/licenses/${TEST_LICENSE}/teachers`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${f.token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      },
      body: JSON.stringify({ email }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_email' } });
  });

  it('an email typed in decomposed form is staged in NFC', () => {
    const change = f.services.staging.stage({ kind: 'invite', email: 'jose\u0301@example.org' });
    expect(change.subject).toBe('jos\u00e9@example.org');
  });

  const licenseFiles: [string, string, RegExp][] = [
    ['an empty file', '', /is empty: it has no header line with an "email" column/],
    ['no email column', 'mail,name\nx@y.org,X\n', /has no "email" column/],
    [
      'a semicolon file read as one column',
      'email;givenName\nx@y.org;X\n',
      /has no "email" column/,
    ],
    ['only bad rows', 'email,givenName\nnot-an-email,X\n', /line 2: .*not-an-email/],
  ];
  it.each(licenseFiles)(
    'a license CSV with %s never replaces the pulled license',
    (_what, text, message) => {
      const before = f.services.license.current()?.import;
      expect(
        failure(() => importLicenseCsv(f.services.license, 'license.csv', text, true)),
      ).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) });
      expect(f.services.license.current()?.import).toEqual(before);
      expect(pulledLicense()).toBe(f.connectionId);
    },
  );

  it('a good license CSV replaces a pulled license only once the admin agrees', () => {
    const text = 'email,givenName,familyName,status\nann@x.org,Ann,Lee,active\n';
    expect(
      failure(() => importLicenseCsv(f.services.license, 'license.csv', text, false)),
    ).toMatchObject({
      code: 'NEEDS_CONFIRMATION',
      message: expect.stringMatching(/pulled from the platform.*Replace it\?/),
    });
    expect(pulledLicense()).toBe(f.connectionId);
    expect(importLicenseCsv(f.services.license, 'license.csv', text, true).entries).toBe(1);
    expect(pulledLicense()).toBeNull();
  });

  it('a 5 MB paste gets a preview of at most 500 rows and says how many more', () => {
    const lines = Array.from(
      { length: 60_000 },
      (_, i) => `teacher.${i}.with.a.long.name@springfield.example.org`,
    );
    lines[70] = 'not an email';
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(3_000_000);
    const preview = f.services.staging.bulkPreview(text, 'pasted list');
    expect(preview.rows).toHaveLength(500);
    expect(preview.more).toBe(60_000 - 500);
    expect(preview.invalid).toBe(1);
    expect(preview.rows.some((r) => r.line === 71 && r.error)).toBe(true);
    expect(JSON.stringify(preview).length).toBeLessThan(100_000);
    const free = f.services.license.seatsFree() ?? -1;
    expect(free).toBeGreaterThan(1);
    expect(preview.seats.warning).toContain(
      `Not enough seats: the license has ${free} free seats, so only ${free} of these 59999 invitations can be accepted`,
    );
  });

  it('staging past the seats left warns with the seats left', () => {
    const free = f.services.license.seatsFree() ?? -1;
    expect(free).toBeGreaterThan(1);
    const warnings = Array.from(
      { length: free + 1 },
      (_, n) => f.services.staging.stage({ kind: 'invite', email: `s${n}@example.org` }).warning,
    );
    expect(warnings.slice(0, free).filter(Boolean)).toEqual([]);
    expect(warnings[free]).toContain(
      `the license has ${free} free seats and ${free} invitations are already staged, so none of this invitation can be accepted`,
    );
  });

  it.each([
    ['a relative path', '../../../../etc'],
    ['a bare name', 'export.zip'],
  ])('a OneRoster CSV connection with %s is refused', (_what, path) => {
    const parsed = connectionSettingsSchema.safeParse({ kind: 'oneroster-csv', path });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/Give the full path/);
  });

  it('pseudonymise is applied to every report (domains kept) and refused for the student logins list', async () => {
    const district = injectedDistrict();
    writeSnapshot(f.services.db, district);
    const mismatch = district.mismatches[0];
    if (!mismatch) throw new Error('the injected district has no mismatch to look for');
    // The audit log names the address too: an invitation to it is staged.
    f.services.changes.stage({
      connectionId: 'test',
      kind: 'invite',
      targetId: null,
      subject: mismatch.rosterEmail,
      dedupeKey: `invite:${mismatch.rosterEmail}`,
      before: null,
      after: { email: mismatch.rosterEmail, givenName: null, familyName: null },
      baseVersion: null,
      evidence: [],
      origin: 'test',
    });
    const domain = `]@${mismatch.rosterEmail.split('@')[1] ?? ''}`;
    const textOf = async (kind: 'json' | 'csv' | 'audit-log' | 'pdf' | 'support-bundle') => {
      const body = (await exportFile(f.services, kind, true)).body;
      if (kind === 'support-bundle') return [...(await unzipText(body)).values()].join('\n');
      if (kind !== 'pdf') return body.toString();
      const file = path.join(os.tmpdir(), `rosterdesk-pseudo-${crypto.randomUUID()}.pdf`);
      fs.writeFileSync(file, body);
      try {
        return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      } finally {
        fs.rmSync(file, { force: true });
      }
    };
    // Every report, the PDF and the support bundle included (they were never read here).
    for (const kind of ['json', 'csv', 'audit-log', 'pdf', 'support-bundle'] as const) {
      const text = await textOf(kind);
      expect(text.length, kind).toBeGreaterThan(100);
      expect(text, kind).not.toContain(mismatch.rosterEmail);
    }
    for (const kind of ['json', 'csv', 'audit-log'] as const)
      expect(await textOf(kind), kind).toContain(domain);
    await expect(exportFile(f.services, 'student-logins', true)).rejects.toThrow(
      /cannot be pseudonymised/,
    );
  });
});
