import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { sanityReportSchema } from '../../shared/domain/sanity-report-schema';
import { writeCsvFolder } from '../../sandbox/district/write-csv';
import { smallDistrict } from '../helpers/district-fixtures';
import { makeTempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../..');
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

function check(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/rosterdesk.mjs'), 'check', ...args],
      {
        cwd: tmp.dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** A good export folder, then broken the way real exports break. */
function exportWith(change: (dir: string) => void): string {
  const dir = path.join(tmp.dir, 'export');
  writeCsvFolder(smallDistrict(), dir);
  change(dir);
  return dir;
}

describe('rosterdesk check never passes a broken roster as clean', () => {
  const rosters: [string, (dir: string) => void, RegExp][] = [
    [
      'an empty folder',
      (dir) => {
        for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
      },
      /sent no users and no classes/,
    ],
    [
      'no users.csv',
      (dir) => fs.rmSync(path.join(dir, 'users.csv')),
      /sent no users \(users\.csv missing or empty/,
    ],
    [
      'a 0-byte users.csv',
      (dir) => fs.writeFileSync(path.join(dir, 'users.csv'), ''),
      /sent no users/,
    ],
    [
      'every user row rejected',
      (dir) => {
        const lines = fs.readFileSync(path.join(dir, 'users.csv'), 'utf8').split('\n');
        const header = lines[0] ?? '';
        // The sourcedId column emptied on every row: each row is rejected with its line.
        fs.writeFileSync(
          path.join(dir, 'users.csv'),
          [
            header,
            ...lines
              .slice(1)
              .filter(Boolean)
              .map((l) => l.replace(/^[^,]*/, '')),
          ].join('\n'),
        );
      },
      /sent no users/,
    ],
    ['no classes.csv', (dir) => fs.rmSync(path.join(dir, 'classes.csv')), /sent no classes/],
  ];
  it.each(rosters)(
    '%s: exit 2 with the reason',
    async (_what, breakIt, reason) => {
      const dir = exportWith(breakIt);
      const { code, stderr } = await check(['--oneroster-csv', dir, '--json', 'r.json']);
      expect(code).toBe(2);
      expect(stderr).toMatch(reason);
      expect(stderr).toMatch(/A roster without .* is broken, not empty/);
      expect(fs.existsSync(path.join(tmp.dir, 'r.json'))).toBe(false);
    },
    30_000,
  );

  it('a OneRoster 1.2 export (roles.csv) is read, not lost: counts in the JSON, no warning', async () => {
    const dir = path.join(tmp.dir, 'export-1p2');
    writeCsvFolder(smallDistrict({ teachersAtTwoSchools: 0.2 }), dir, '1.2');
    const { code, stderr } = await check(['--oneroster-csv', dir, '--json', 'r.json']);
    expect(code).not.toBe(2);
    expect(stderr).not.toMatch(/sync warning/);
    const report = sanityReportSchema.parse(
      JSON.parse(fs.readFileSync(path.join(tmp.dir, 'r.json'), 'utf8')),
    );
    expect(report.warnings).toEqual([]);
    expect(report.summary).toMatchObject({ schools: 3, teachers: 20, administrators: 1 });
    expect(report.summary.students).toBeGreaterThan(250);
  }, 30_000);

  it('a OneRoster 1.2 export without roles.csv: exit 2, every user lost and why', async () => {
    const dir = path.join(tmp.dir, 'export-1p2');
    writeCsvFolder(smallDistrict(), dir, '1.2');
    fs.rmSync(path.join(dir, 'roles.csv'));
    const { code, stderr } = await check(['--oneroster-csv', dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/sent no users/);
    expect(stderr).toMatch(
      /roles\.csv:1: roles\.csv is missing: a OneRoster 1\.2 export gives users their roles there/,
    );
  }, 30_000);

  it('a zip with a "../" entry: exit 2, naming the zip', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('sourcedId\n'), 'xx/users.csv');
    zip.end();
    const file = path.join(tmp.dir, 'district-export.zip');
    await new Promise<void>((resolve) =>
      zip.outputStream.pipe(fs.createWriteStream(file)).on('close', () => resolve()),
    );
    // yazl refuses to write such a name; a hand-made export may hold one.
    const bytes = fs
      .readFileSync(file)
      .toString('latin1')
      .split('xx/users.csv')
      .join('../users.csv');
    fs.writeFileSync(file, Buffer.from(bytes, 'latin1'));
    const { code, stderr } = await check(['--oneroster-csv', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /district-export\.zip cannot be read safely: invalid relative path: \.\.\/users\.csv/,
    );
  });

  it('rows left out are listed on stderr with file, line and field (the first 20), and in the JSON', async () => {
    const dir = exportWith((d) => {
      const file = path.join(d, 'users.csv');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      for (const i of [3, 7, 9]) lines[i] = (lines[i] ?? '').replace(/^[^,]*/, '');
      fs.writeFileSync(file, lines.join('\n'));
    });
    const { code, stderr } = await check(['--oneroster-csv', dir, '--json', 'r.json']);
    expect(code).not.toBe(2);
    expect(stderr).toMatch(
      /4 sync warning\(s\) while reading the roster \(records left out, or notes on the export\):/,
    );
    expect(stderr).toMatch(/ {2}users\.csv:4 sourcedId: /);
    const report = sanityReportSchema.parse(
      JSON.parse(fs.readFileSync(path.join(tmp.dir, 'r.json'), 'utf8')),
    );
    expect(report.warnings.map((w) => `${w.location} ${w.field ?? ''}`)).toEqual([
      'users.csv:4 sourcedId',
      'users.csv:8 sourcedId',
      'users.csv:10 sourcedId',
      // The users left out leave their enrollments pointing at nobody: said once, with the count.
      'enrollments userSourcedId',
    ]);
  }, 30_000);

  const licenses: [string, string, RegExp][] = [
    ['0 bytes', '', /has no usable row: license\.csv is empty/],
    [
      'no email column',
      'mail,name\nann@x.org,Ann\n',
      /has no "email" column \(looked for: email,givenName,familyName,status,invitedAt,acceptedAt; found: mail,name\)/,
    ],
    [
      'semicolons',
      'email;givenName;familyName;status\nann@x.org;Ann;Lee;active\n',
      /its header is separated by ";", not commas/,
    ],
  ];
  it.each(licenses)(
    'a license CSV with %s stops the check with exit 2',
    async (_what, text, reason) => {
      const dir = exportWith(() => undefined);
      fs.writeFileSync(path.join(tmp.dir, 'license.csv'), text);
      const { code, stderr } = await check([
        '--oneroster-csv',
        dir,
        '--license-csv',
        'license.csv',
      ]);
      expect(code).toBe(2);
      expect(stderr).toMatch(reason);
    },
    30_000,
  );
});
