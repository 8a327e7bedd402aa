import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runIngest } from '../../electron/core/ingest/run-ingest';
import { SnapshotReader } from '../../electron/core/snapshot/snapshot-reader';
import {
  snapshotDir,
  snapshotFile,
  snapshotTables,
} from '../../electron/core/snapshot/snapshot-files';
import { CsvSource } from '../../electron/core/sources/csv/csv-source';
import { OneRosterSource } from '../../electron/core/sources/oneroster/oneroster-source';
import type { OneRosterVersion } from '../../electron/core/sources/oneroster/oneroster-records';
import type { RosterSource } from '../../electron/core/sources/roster-source';
import { writeCsvFolder, writeCsvZip } from '../../sandbox/district/write-csv';
import { startOneRosterServer } from '../../sandbox/oneroster/oneroster-server';
import type { RunningServer } from '../../sandbox/oneroster/oneroster-server';
import { expectedCounts, smallDistrict, storedCounts } from '../helpers/district-fixtures';
import { useTempDatabase } from '../helpers/temp-database';

const fixture = path.resolve(import.meta.dirname, '../fixtures/oneroster-1p2');
const temp = useTempDatabase();
const servers: RunningServer[] = [];
const creds = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret' };
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const sync = (source: RosterSource) =>
  runIngest(temp.db, source, {
    connectionId: 'c1',
    sourceKind: 'oneroster-csv',
    signal: new AbortController().signal,
  });
const warningsOf = (snapshotId: number) =>
  (
    temp.db
      .prepare(
        'SELECT location, field, reason FROM sync_warnings WHERE snapshot_id = ? ORDER BY id',
      )
      .all(snapshotId) as { location: string; field: string | null; reason: string }[]
  ).map((w) => `${w.location} ${w.field ?? '-'}: ${w.reason}`);
/** Every row of every table of a snapshot, in sourcedId order: two snapshots compare as data. */
const dump = (snapshotId: number) => {
  const t = snapshotTables(temp.db, snapshotId);
  return Object.fromEntries(
    Object.entries(t).map(([name, table]) => [
      name,
      temp.db.prepare(`SELECT * FROM ${table} ORDER BY sourced_id`).all(),
    ]),
  );
};

describe('a OneRoster 1.2 CSV export (roles.csv, userProfiles.csv, schoolYear)', () => {
  it('imports every record with all its roles and orgs, primary first', async () => {
    const result = await sync(new CsvSource(fixture));
    expect(result.state).toBe('complete');
    if (result.state !== 'complete') return;
    expect(result.counts).toEqual({
      orgs: 3,
      users: 12,
      classes: 3,
      enrollments: 12,
      courses: 2,
      academicSessions: 3,
    });
    // A role being removed (tobedeleted) is left out without a warning; nothing else is wrong.
    expect(warningsOf(result.snapshotId)).toEqual([]);
    const reader = new SnapshotReader(temp.db, result.snapshotId);
    const kenneth = reader.user('t1');
    expect(kenneth).toMatchObject({
      role: 'teacher',
      orgIds: ['s1', 's2'],
      userIds: [
        { type: 'LDAP', identifier: 'kwalker' },
        { type: 'userMasterIdentifier', identifier: 'MI-t1' },
      ],
    });
    expect(kenneth?.roles).toEqual([
      {
        role: 'teacher',
        sourceRole: 'teacher',
        roleType: 'primary',
        orgSourcedId: 's1',
        beginDate: '2026-08-15',
        endDate: null,
      },
      {
        role: 'teacher',
        sourceRole: 'teacher',
        roleType: 'secondary',
        orgSourcedId: 's2',
        beginDate: '2026-08-15',
        endDate: '2027-06-10',
      },
    ]);
    // A principal who teaches a class: primary role administrator, and a secondary teacher role.
    expect(reader.user('a1')).toMatchObject({ role: 'administrator', orgIds: ['s1'] });
    expect(reader.user('a1')?.roles.map((r) => `${r.sourceRole}/${r.roleType}`)).toEqual([
      'principal/primary',
      'teacher/secondary',
    ]);
    expect(reader.user('d1u')?.role).toBe('district_admin');
    expect(reader.user('c1')?.role).toBe('staff');
    expect(reader.user('g1')?.role).toBe('parent');
    expect(reader.user('st6')).toMatchObject({ role: 'student', orgIds: ['s2', 's1'] });
    expect(reader.user('t2')?.roles).toHaveLength(1);
    const stats = reader.stats();
    expect(stats).toMatchObject({
      teachers: 2,
      students: 5,
      administrators: 2,
      staff: 1,
      contacts: 1,
      inactiveUsers: 1,
    });
    // Per school, a user counts once, at the primary org.
    expect(stats.perSchool.map((s) => [s.name, s.teachers, s.students])).toEqual([
      ['Adams Middle School', 1, 2],
      ['Lincoln High School', 1, 3],
    ]);
    const t = snapshotTables(temp.db, result.snapshotId);
    expect(
      temp.db.prepare(`SELECT school_year FROM ${t.sessions} ORDER BY sourced_id`).pluck().all(),
    ).toEqual(['2027', '2027', '2027']);
  });

  it('keeps no userProfiles password anywhere in the cache', async () => {
    const result = await sync(new CsvSource(fixture));
    expect(result.state).toBe('complete');
    temp.db.pragma('wal_checkpoint(TRUNCATE)');
    const snapshots = snapshotDir(temp.db);
    const files = [
      ...fs.readdirSync(snapshots).map((f) => path.join(snapshots, f)),
      ...fs.readdirSync(temp.dir).map((f) => path.join(temp.dir, f)),
    ].filter((f) => fs.statSync(f).isFile());
    expect(files).toContain(snapshotFile(snapshots, result.snapshotId));
    for (const file of files)
      expect(fs.readFileSync(file).includes('Sup3r-Secret-Fixture!'), file).toBe(false);
  });

  it('names what is wrong in a broken 1.2 export, by file and line, and keeps the good rows', async () => {
    const dir = path.join(temp.dir, 'broken-1p2');
    fs.cpSync(fixture, dir, { recursive: true });
    const roles = fs.readFileSync(path.join(dir, 'roles.csv'), 'utf8').split('\n');
    roles[3] = 'r03,,,t2,main,teacher,,,s2,'; // roleType neither primary nor secondary
    roles.push('r99,,,ghost,primary,teacher,,,s1,', 'r98,,,st2,secondary,wizard,,,s1,');
    fs.writeFileSync(path.join(dir, 'roles.csv'), roles.filter(Boolean).join('\n'));
    const result = await sync(new CsvSource(dir));
    expect(result.state).toBe('complete');
    if (result.state !== 'complete') return;
    expect(result.counts.users).toBe(11);
    expect(warningsOf(result.snapshotId).sort()).toEqual(
      [
        'roles.csv:4 role.roleType: roleType "main" is not primary or secondary (role r03)',
        'roles.csv:19 role.role: unknown role "wizard" (role r98)',
        'roles.csv:18 userSourcedId: role of user ghost, who is not in users.csv',
        'users.csv:3 roles: no role: roles.csv gives this user no role (record t2)',
        // The user left out leaves their enrollment pointing at nobody: said with the count.
        'enrollments userSourcedId: 1 enrollment names 1 user the roster does not send (e.g. t2): kept, but nobody gets those classes through them',
      ].sort(),
    );
  });

  it('fails loudly when roles.csv is missing: every user would be lost', async () => {
    const dir = path.join(temp.dir, 'no-roles');
    fs.cpSync(fixture, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'roles.csv'));
    const result = await sync(new CsvSource(dir));
    expect(result.state).toBe('failed');
    if (result.state !== 'failed') return;
    expect(result.error).toMatch(/no users/i);
    expect(warningsOf(result.snapshotId)[0]).toBe(
      'roles.csv:1 -: roles.csv is missing: a OneRoster 1.2 export gives users their roles there',
    );
  });
});

describe('OneRoster 1.2 REST', () => {
  const district = smallDistrict({ teachersAtTwoSchools: 0.25 });
  const serve = async () => {
    const server = await startOneRosterServer({ district, ...creds });
    servers.push(server);
    const baseUrl1p2 = server.baseUrl1p2 ?? '';
    expect(baseUrl1p2).toMatch(/\/ims\/oneroster\/rostering\/v1p2$/);
    return baseUrl1p2;
  };
  const rest = (baseUrl: string, version: OneRosterVersion) =>
    new OneRosterSource({
      baseUrl,
      version,
      auth: { method: 'oauth2', ...creds, tokenUrl: `${baseUrl}/token` },
      pageSize: 200,
    });

  it('gives the same snapshot as the same district exported as 1.2 CSV', async () => {
    const twoSchools = Array.from({ length: district.users.count }, (_, i) =>
      district.users.at(i),
    ).filter((u) => u.orgSourcedIds.length > 1);
    expect(twoSchools.length).toBeGreaterThan(0);
    const fromRest = await sync(rest(await serve(), '1.2'));
    const zip = path.join(temp.dir, 'district-1p2.zip');
    await writeCsvZip(district, zip, [], '1.2');
    const fromCsv = await sync(new CsvSource(zip));
    expect(fromRest.state).toBe('complete');
    expect(fromCsv.state).toBe('complete');
    expect(storedCounts(temp.db, fromRest.snapshotId)).toEqual(expectedCounts(district));
    expect(dump(fromRest.snapshotId)).toEqual(dump(fromCsv.snapshotId));
    expect(warningsOf(fromRest.snapshotId)).toEqual([]);
    // A teacher at two schools keeps both: a primary and a secondary role.
    const reader = new SnapshotReader(temp.db, fromRest.snapshotId);
    const teacher = reader.user(twoSchools[0]?.sourcedId ?? '');
    expect(teacher?.orgIds).toEqual(twoSchools[0]?.orgSourcedIds);
    expect(teacher?.roles.map((r) => r.roleType)).toEqual(['primary', 'secondary']);
  });

  it('"detect" reads 1.2 from the records; a folder export reads the same', async () => {
    const fromRest = await sync(rest(await serve(), 'detect'));
    const dir = path.join(temp.dir, 'district-1p2');
    writeCsvFolder(district, dir, '1.2');
    const fromCsv = await sync(new CsvSource(dir));
    // Both complete and whole first: two failed syncs dump the same empty rows.
    expect(fromRest.state).toBe('complete');
    expect(fromCsv.state).toBe('complete');
    expect(storedCounts(temp.db, fromRest.snapshotId)).toEqual(expectedCounts(district));
    expect(dump(fromRest.snapshotId)).toEqual(dump(fromCsv.snapshotId));
  });

  it('a connection set to 1.1 against a 1.2 server fails and says to change the version', async () => {
    const result = await sync(rest(await serve(), '1.1'));
    expect(result.state).toBe('failed');
    if (result.state !== 'failed') return;
    expect(result.error).toMatch(/no users/i);
    expect(warningsOf(result.snapshotId)[0]).toMatch(
      /role: no role: this is a OneRoster 1\.2 record \(roles\[\]\); set the connection's OneRoster version to 1\.2 or detect/,
    );
  });
});
