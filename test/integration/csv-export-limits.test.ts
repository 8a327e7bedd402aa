import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openAppServices } from '../../electron/core/app/app-services';
import type { OpenedAppServices } from '../../electron/core/app/app-services';
import { testConnection } from '../../electron/core/connection-test/test-connection';
import { openCsvFiles } from '../../electron/core/sources/csv/csv-files';
import { rows } from '../../electron/core/sources/csv/csv-rows';
import { hostApi, startHostProcess, stubRenderer } from '../helpers/processes';
import type { HostProcess } from '../helpers/processes';
import { memoryLogger } from '../helpers/silent-logger';
import { makeTempDir } from '../helpers/temp-dir';
import { lieAboutSize, writeZipBomb } from '../helpers/zip-bomb';
import { writeCsvZip } from '../../sandbox/district/write-csv';
import { smallDistrict } from '../helpers/district-fixtures';

const tmp = makeTempDir('rosterdesk-zip-limits-');
afterAll(() => tmp.cleanup());
let host: HostProcess | null = null;
afterEach(async () => {
  if (host && host.child.exitCode === null) {
    host.child.kill('SIGTERM');
    await host.exited;
  }
  host = null;
});

/** Peak resident memory of a process, in MB (Linux: VmHWM in /proc/<pid>/status). */
function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

type Job = { jobId: string; state: string; error: string | null };

/**
 * A host process on a data folder of its own, a CSV connection to `zip`, and its sync run to the
 * end (60 s at most): the host's API, the job as it ended, and the seconds it took.
 */
async function syncZipInHost(zip: string, folder: string) {
  const dataDir = path.join(tmp.dir, folder);
  fs.mkdirSync(dataDir);
  host = startHostProcess(dataDir, stubRenderer(tmp.dir));
  const ready = await host.ready;
  if (!('url' in ready)) throw new Error(`host did not start: ${ready.stderr}`);
  const call = hostApi(ready.url);
  const connection = (await call('connections.add', {
    name: path.basename(zip),
    settings: { kind: 'oneroster-csv', path: zip },
    secrets: {},
  })) as { id: string };
  const started = Date.now();
  let job = (await call('sync.start', { connectionId: connection.id })) as Job;
  while (job.state === 'running' && Date.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 100));
    job = (await call('sync.status', { jobId: job.jobId })) as Job;
  }
  return { call, dataDir, job, seconds: (Date.now() - started) / 1000, pid: host.child.pid ?? 0 };
}

describe('a zip bomb fails its sync at once, naming the limit', () => {
  it.runIf(process.platform === 'linux')(
    'a 9 MB zip whose users.csv is a header and 2 GiB of one line: the sync fails within 10 s and the host stays under 300 MB',
    async () => {
      const zip = path.join(tmp.dir, 'bomb.zip');
      await writeZipBomb(zip);
      const { call, job, seconds, pid } = await syncZipInHost(zip, 'host');
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(/users\.csv in bomb\.zip would inflate .* \(the limit\)/);
      expect(seconds).toBeLessThan(10);
      const tested = (await call('connections.test', {
        settings: { kind: 'oneroster-csv', path: zip },
      })) as { ok: boolean; sentence: string };
      expect(tested.ok).toBe(false);
      expect(tested.sentence).toMatch(
        /users\.csv in bomb\.zip would inflate .* more than 100 to 1/,
      );
      expect(peakRssMb(pid)).toBeLessThan(300);
    },
    120_000,
  );
});

describe('the zip of one repeated row (issue 32: it read 10.3 million rows into a 3.8 GB lane file)', () => {
  it.runIf(process.platform === 'linux')(
    'fails at once naming the limit; the host stays under 400 MB and writes no file larger than the export',
    async () => {
      const zip = path.join(tmp.dir, 'repeated.zip');
      await writeZipBomb(zip, {
        header:
          'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\n',
        repeat: 'u-1,active,2024-01-01,true,org-1,student,kid1,,Kid,One,,,kid1@school.org,,,,05,\n',
      });
      const { dataDir, job, seconds, pid } = await syncZipInHost(zip, 'host-repeated');
      expect(job.state).toBe('failed');
      expect(job.error).toMatch(/users\.csv in repeated\.zip would inflate .* more than 100 to 1/);
      expect(seconds).toBeLessThan(10);
      expect(peakRssMb(pid)).toBeLessThan(400);
      const exportBytes = fs.statSync(zip).size;
      const written = fs
        .readdirSync(dataDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => fs.statSync(path.join(e.parentPath, e.name)).size);
      expect(Math.max(...written)).toBeLessThan(exportBytes);
    },
    120_000,
  );
});

describe('limits no real export reaches, each a clear failure naming the file', () => {
  it('a line of 50 MB in a folder export is refused at the 1,000,000-character limit with its line', async () => {
    const folder = path.join(tmp.dir, 'long-line');
    fs.mkdirSync(folder);
    fs.writeFileSync(
      path.join(folder, 'users.csv'),
      `sourcedId,role,givenName,familyName\nu1,teacher,Ada,Lovelace\n${'x'.repeat(50 * 1024 ** 2)}`,
    );
    const files = await openCsvFiles(folder);
    const read = async () => {
      for await (const row of rows(await files.open('users.csv'), 'users.csv')) void row;
    };
    await expect(read()).rejects.toThrow(
      /^users\.csv, line 3: one record runs past 1,000,000 characters \(the limit\)/,
    );
    files.close();
  });

  it('a zip whose central directory lies about a size is stopped while it inflates', async () => {
    const zip = path.join(tmp.dir, 'liar.zip');
    await writeZipBomb(zip, { bytes: 64 * 1024 ** 2 });
    lieAboutSize(zip, 'users.csv', 1000);
    const files = await openCsvFiles(zip);
    let inflated = 0;
    const read = async () => {
      for await (const chunk of await files.open('users.csv')) inflated += (chunk as Buffer).length;
    };
    await expect(read()).rejects.toThrow(/too many bytes|more than 100 to 1/);
    expect(inflated).toBeLessThan(2 * 1024 ** 2);
    files.close();
  });

  it('a zip of 1,001 files is refused before any is read', async () => {
    const yazl = (await import('yazl')).default;
    const zip = new yazl.ZipFile();
    for (let i = 0; i <= 1000; i++) zip.addBuffer(Buffer.from('x'), `f${i}.txt`);
    zip.end();
    const file = path.join(tmp.dir, 'many.zip');
    await new Promise<void>((resolve) =>
      zip.outputStream.pipe(fs.createWriteStream(file)).on('close', () => resolve()),
    );
    await expect(openCsvFiles(file)).rejects.toThrow(
      'many.zip holds 1,001 files, past the limit of 1,000: a OneRoster export holds about 15',
    );
  });
});

describe('Test connection on a file source: file words, and users.csv must give a user', () => {
  let services: OpenedAppServices;
  const test = (target: string) =>
    testConnection(services.connections, {
      settings: { kind: 'oneroster-csv', path: target },
      secrets: {},
    });

  it('says what it found, or why not', async () => {
    services = openAppServices({ dataDir: path.join(tmp.dir, 'app'), logger: memoryLogger() });
    try {
      const good = path.join(tmp.dir, 'good.zip');
      await writeCsvZip(smallDistrict(), good);
      const ok = await test(good);
      expect(ok.ok).toBe(true);
      expect(ok.sentence).toMatch(
        /^Read good\.zip: a OneRoster 1\.1 CSV export with \d+ of its files, and users in users\.csv\.$/,
      );
      // A folder with no OneRoster file (it said "Connected … 0 records").
      const etc = await test('/etc');
      expect(etc).toMatchObject({ ok: false });
      expect(etc.sentence).toBe(
        'No OneRoster files found in etc: an export holds users.csv, orgs.csv, classes.csv and enrollments.csv.',
      );
      // Devices and bytes that are not a zip (they got "check the URL … base path").
      const notZip = path.join(tmp.dir, 'not-a.zip');
      fs.writeFileSync(notZip, Buffer.from('this is not a zip at all, just text'));
      for (const target of ['/dev/zero', '/proc/self/environ', notZip]) {
        const answer = await test(target);
        expect(answer.ok, target).toBe(false);
        expect(answer.sentence, target).toBe(
          'This is neither a folder nor a readable zip file: choose the folder or the .zip of a OneRoster export.',
        );
      }
      const missing = await test(path.join(tmp.dir, 'nowhere'));
      expect(missing.sentence).toBe('The file or folder was not found: check the path.');
      // users.csv with a header and no user.
      const empty = path.join(tmp.dir, 'no-users');
      fs.mkdirSync(empty);
      fs.writeFileSync(path.join(empty, 'users.csv'), 'sourcedId,role,givenName,familyName\n');
      fs.writeFileSync(path.join(empty, 'orgs.csv'), 'sourcedId,name,type\no1,North,school\n');
      const none = await test(empty);
      expect(none.ok).toBe(false);
      expect(none.sentence).toMatch(
        /^no-users is a OneRoster 1\.1 CSV export, but no user could be read from users\.csv/,
      );
    } finally {
      await services.close();
    }
  });
});
