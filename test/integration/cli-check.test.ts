import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sanityReportSchema } from '../../shared/domain/sanity-report-schema';
import { NO_DEFECTS } from '../../sandbox/district/generate-district';
import { writeCsvFolder } from '../../sandbox/district/write-csv';
import { startOneRosterServer } from '../../sandbox/oneroster/oneroster-server';
import { smallDistrict } from '../helpers/district-fixtures';
import { makeTempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../..');
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** Runs `rosterdesk check` as a user would, through the package's bin. */
function check(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/rosterdesk.mjs'), 'check', ...args],
      { cwd: tmp.dir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('rosterdesk check', () => {
  it('exits 0 on a clean district, with progress and a summary on stderr', async () => {
    const dir = path.join(tmp.dir, 'clean');
    writeCsvFolder(smallDistrict({ defects: NO_DEFECTS }), dir);
    const { code, stderr } = await check(['--oneroster-csv', dir]);
    expect(stderr).toContain('read 4 orgs');
    expect(code).toBe(0);
  }, 30_000);

  it('exits 1 when there is an error finding, and writes JSON, CSV and PDF that support can use', async () => {
    const dir = path.join(tmp.dir, 'export');
    writeCsvFolder(smallDistrict(), dir);
    fs.writeFileSync(
      path.join(tmp.dir, 'license.csv'),
      'email,givenName,familyName,status,invitedAt,acceptedAt\nnobody@x.example,No,Body,active,,\nnot-an-email,Bad,Row,active,,\n',
    );
    const { code, stderr } = await check([
      '--oneroster-csv',
      dir,
      '--license-csv',
      'license.csv',
      '--json',
      'r.json',
      '--csv',
      'r.csv',
      '--pdf',
      'r.pdf',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('license license.csv:3 email: "not-an-email" is not an email address');
    const report = sanityReportSchema.parse(
      JSON.parse(fs.readFileSync(path.join(tmp.dir, 'r.json'), 'utf8')),
    );
    expect(report.summary.licenseEntries).toBe(1);
    expect(
      report.findings.some(
        (f) => f.code === 'NOT_IN_ROSTER' && f.subjects[0]?.id === 'nobody@x.example',
      ),
    ).toBe(true);
    const rows = parse(fs.readFileSync(path.join(tmp.dir, 'r.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows).toHaveLength(report.findings.length);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'code',
      'severity',
      'message',
      'subjects',
      'subject_emails',
      'fix_where',
      'fix_action',
      'roster_email',
      'license_email',
      'confidence',
    ]);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', 'r.pdf', 'page'], {
      cwd: tmp.dir,
    });
    expect(fs.statSync(path.join(tmp.dir, 'page-1.png')).size).toBeGreaterThan(5000);
  }, 30_000);

  it('reads OneRoster REST with secrets from environment variables only', async () => {
    const server = await startOneRosterServer({
      district: smallDistrict({ defects: NO_DEFECTS }),
      clientId: 'cli-id',
      clientSecret: 'cli-secret',
    });
    try {
      const ok = await check(
        [
          '--oneroster-url',
          server.baseUrl,
          '--client-id-env',
          'RD_ID',
          '--client-secret-env',
          'RD_SECRET',
        ],
        { RD_ID: 'cli-id', RD_SECRET: 'cli-secret' },
      );
      expect(ok.code).toBe(0);
      expect(ok.stderr).not.toContain('cli-secret');
      const wrong = await check(
        [
          '--oneroster-url',
          server.baseUrl,
          '--client-id-env',
          'RD_ID',
          '--client-secret-env',
          'RD_SECRET',
        ],
        { RD_ID: 'cli-id', RD_SECRET: 'nope' },
      );
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain(
        'rosterdesk check could not run: Credentials rejected by ClassLink (HTTP 401',
      );
    } finally {
      await server.close();
    }
  }, 30_000);

  it('exits 2 with the reason when it cannot run', async () => {
    expect(await check([])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('choose exactly one source (none given)'),
    });
    expect(
      await check([
        '--oneroster-url',
        'http://127.0.0.1:9/x',
        '--client-id-env',
        'NOPE_UNSET',
        '--client-secret-env',
        'NOPE2',
      ]),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        'environment variable NOPE_UNSET (named by --client-id-env) is not set',
      ),
    });
    expect(await check(['--oneroster-csv', 'missing-dir'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('missing-dir'),
    });
    expect(await check(['--oneroster-csv', '.', '--client-secret', 'x'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Unknown option '--client-secret'"),
    });
    // A report folder that does not exist is said before the roster is read, not after.
    const missing = await check(['--oneroster-csv', '.', '--json', 'missing-folder/r.json']);
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /--json missing-folder\/r\.json: the folder \S+missing-folder does not exist or cannot be written; nothing was read/,
      ),
    });
    expect(missing.stderr).not.toMatch(/reading |unexpected failure/);
  }, 30_000);

  it('a snapshot with missing resources still produces a report that says what is missing', async () => {
    const dir = path.join(tmp.dir, 'partial');
    writeCsvFolder(smallDistrict(), dir);
    fs.rmSync(path.join(dir, 'enrollments.csv'));
    const { code } = await check(['--oneroster-csv', dir, '--json', 'r.json']);
    expect(code).toBe(1);
    const report = sanityReportSchema.parse(
      JSON.parse(fs.readFileSync(path.join(tmp.dir, 'r.json'), 'utf8')),
    );
    expect(report.source.missingResources).toEqual(['enrollments']);
  }, 30_000);
});
