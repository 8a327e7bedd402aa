import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sanityReportPdf } from '../../electron/core/reports/pdf-report';
import type { SanityReport } from '../../electron/core/reports/sanity-report';
import { makeTempDir } from '../helpers/temp-dir';

const NAMES = ['Nguyễn Thị Ánh', 'Łukasz Żółć', 'Ёлкин'];
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

function report(): SanityReport {
  return {
    generatedAt: '2026-11-28T12:00:00.000Z',
    source: { kind: 'classlink', label: 'Springfield', syncedAt: null, missingResources: [] },
    summary: {
      schools: 1,
      teachers: 3,
      students: 0,
      administrators: 0,
      staff: 0,
      contacts: 0,
      classes: 3,
      enrollments: 3,
      licenseEntries: 0,
      byCode: { NOT_ON_LICENSE: 3 },
    },
    warnings: [],
    perSchool: [
      {
        sourcedId: 'h',
        name: 'Trường Hòa Bình',
        teachers: 3,
        students: 0,
        classes: 3,
        enrollments: 3,
      },
    ],
    findings: NAMES.map((name, i) => ({
      code: 'NOT_ON_LICENSE' as const,
      severity: 'warning' as const,
      subjects: [{ kind: 'user' as const, id: `t${i}`, email: `t${i}@springfield.org` }],
      message: `${name} teaches 1 class in the roster but is not on the license`,
      fix: { where: 'rosterdesk' as const, action: 'Invite them' },
      suggestion: null,
    })),
  };
}

describe('the PDF report prints every name as written', () => {
  it('Vietnamese, Polish and Cyrillic names come back out of pdftotext exactly, and the page renders with ink', async () => {
    const file = path.join(tmp.dir, 'report.pdf');
    fs.writeFileSync(file, await sanityReportPdf(report()));
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    for (const name of NAMES) expect(text).toContain(`${name} teaches 1 class`);
    expect(text).toContain('Trường Hòa Bình');
    expect(text).not.toMatch(/NguyÅ|Ã/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/DejaVuSans\s.*\syes\s+yes/);

    // Rendered: the page has text on it (not blank, no missing-glyph boxes in place of the names).
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-gray',
      file,
      path.join(tmp.dir, 'page'),
    ]);
    const page = fs.readdirSync(tmp.dir).find((f) => f.startsWith('page') && f.endsWith('.pgm'));
    expect(page).toBeDefined();
    const pgm = fs.readFileSync(path.join(tmp.dir, page ?? ''));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'));
    expect(header).not.toBeNull();
    const pixels = pgm.subarray(pgm.length - Number(header?.[1]) * Number(header?.[2]));
    const ink = pixels.filter((p) => p < 128).length / pixels.length;
    expect(ink).toBeGreaterThan(0.005);
  });
});
