import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SanityReport } from '../../electron/core/reports/sanity-report';
import { exportWith } from '../helpers/fixture-export';
import { runCli } from '../helpers/processes';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * The 1.2 fixture with a class marked tobedeleted, a student disabled, a student whose only role
 * names an org the export does not send, and a student enrolled as a class's teacher. Of its 12
 * active enrollments, 5 are live: the 5 of the tobedeleted class and the 2 of the disabled student
 * (the fixture's st5, already disabled, is in the tobedeleted class) are not counted anywhere.
 */
let tmp: ReturnType<typeof makeTempDir>;
let source: ReturnType<typeof exportWith>;
let report: SanityReport;
let pdfText = '';

beforeAll(async () => {
  tmp = makeTempDir();
  source = exportWith({
    'classes.csv': { c2: { status: 'tobedeleted' } },
    'users.csv': { st1: { enabledUser: 'false' }, st3: { primaryOrgSourcedId: 's9' } },
    'roles.csv': { r10: { orgSourcedId: 's9' } },
    'enrollments.csv': { e12: { role: 'teacher' } },
  });
  const json = path.join(tmp.dir, 'report.json');
  const pdf = path.join(tmp.dir, 'report.pdf');
  const run = await runCli(['check', '--oneroster-csv', source.dir, '--json', json, '--pdf', pdf]);
  expect(run.stderr).not.toMatch(/could not run/);
  report = JSON.parse(fs.readFileSync(json, 'utf8')) as SanityReport;
  pdfText = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
}, 60_000);
afterAll(() => {
  source.cleanup();
  tmp.cleanup();
});

describe('live counts, missing orgs and non-teachers who teach', () => {
  it('counts only live enrollments: in the summary, per school, the JSON and the PDF', () => {
    expect(report.summary.enrollments).toBe(5);
    const lincoln = report.perSchool.find((s) => s.sourcedId === 's1');
    const other = report.perSchool.find((s) => s.sourcedId === 's2');
    expect(lincoln?.enrollments).toBe(5);
    expect(other?.enrollments).toBe(0);
    expect(report.perSchool.reduce((n, s) => n + s.enrollments, 0)).toBe(5);
    // The tobedeleted class is not counted either.
    expect(report.summary.classes).toBe(2);
    // The PDF prints the same numbers: its summary and the school's row.
    expect(pdfText).toMatch(/Enrollments:\s+5\b/);
    expect(pdfText).toMatch(/Lincoln High School\s+\d+\s+\d+\s+\d+\s+5\b/);
  });

  it('ORG_MISSING names the org the roster does not send, with a count and an example', () => {
    const f = report.findings.filter((x) => x.code === 'ORG_MISSING');
    expect(f).toHaveLength(1);
    expect(f[0]?.subjects).toEqual([{ kind: 'org', id: 's9' }]);
    expect(f[0]?.message).toBe(
      '1 user names the org s9, which the roster does not send (e.g. user st3)',
    );
    // Their student lands in "No school in the roster", now with a word why.
    expect(report.perSchool.find((s) => s.sourcedId === '')?.students).toBe(1);
  });

  it('ROLE_MISMATCH names a student enrolled as the teacher of a class', () => {
    const f = report.findings.filter((x) => x.code === 'ROLE_MISMATCH');
    expect(f.map((x) => x.subjects[0]?.id)).toEqual(['st2']);
    expect(f[0]?.message).toBe(
      'Noah Kim is a student in the roster but is enrolled as the teacher of 1 class',
    );
    expect(f[0]?.severity).toBe('error');
  });
});
