import fs from 'node:fs';
import { Readable } from 'node:stream';
import path from 'node:path';
import yazl from 'yazl';
import type { District, RecordList } from './district';
import { GENERATED_AT } from './generate-district';

import { files1p2, manifest1p2 } from './write-csv-v1p2';

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export interface FileSpec<T> {
  name: string;
  header: string[];
  list: RecordList<T>;
  row: (r: T) => unknown[];
}

function files(d: District): FileSpec<never>[] {
  const specs = [
    {
      name: 'orgs.csv',
      header: [
        'sourcedId',
        'status',
        'dateLastModified',
        'name',
        'type',
        'identifier',
        'parentSourcedId',
      ],
      list: d.orgs,
      row: (o: ReturnType<typeof d.orgs.at>) => [
        o.sourcedId,
        o.status,
        GENERATED_AT,
        o.name,
        o.type,
        o.identifier,
        o.parentSourcedId,
      ],
    },
    {
      name: 'users.csv',
      header: [
        'sourcedId',
        'status',
        'dateLastModified',
        'enabledUser',
        'orgSourcedIds',
        'role',
        'username',
        'userIds',
        'givenName',
        'familyName',
        'middleName',
        'identifier',
        'email',
        'sms',
        'phone',
        'agentSourcedIds',
        'grades',
        'password',
      ],
      list: d.users,
      row: (u: ReturnType<typeof d.users.at>) => [
        u.sourcedId,
        u.status,
        GENERATED_AT,
        u.enabledUser ? 'true' : 'false',
        u.orgSourcedIds.join(','),
        u.role,
        u.username,
        u.userIds.map((i) => `{${i.type}:${i.identifier}}`).join(','),
        u.givenName,
        u.familyName,
        u.middleName,
        u.identifier,
        u.email,
        '',
        '',
        '',
        u.grades.join(','),
        '',
      ],
    },
    {
      name: 'classes.csv',
      header: [
        'sourcedId',
        'status',
        'dateLastModified',
        'title',
        'grades',
        'courseSourcedId',
        'classCode',
        'classType',
        'location',
        'schoolSourcedId',
        'termSourcedIds',
        'subjects',
        'subjectCodes',
        'periods',
      ],
      list: d.classes,
      row: (c: ReturnType<typeof d.classes.at>) => [
        c.sourcedId,
        c.status,
        GENERATED_AT,
        c.title,
        c.grades.join(','),
        c.courseSourcedId,
        c.classCode,
        'scheduled',
        '',
        c.schoolSourcedId,
        c.termSourcedIds.join(','),
        c.subjects.join(','),
        '',
        '',
      ],
    },
    {
      name: 'enrollments.csv',
      header: [
        'sourcedId',
        'status',
        'dateLastModified',
        'classSourcedId',
        'schoolSourcedId',
        'userSourcedId',
        'role',
        'primary',
        'beginDate',
        'endDate',
      ],
      list: d.enrollments,
      row: (e: ReturnType<typeof d.enrollments.at>) => [
        e.sourcedId,
        e.status,
        GENERATED_AT,
        e.classSourcedId,
        e.schoolSourcedId,
        e.userSourcedId,
        e.role,
        e.primary ? 'true' : 'false',
        '',
        '',
      ],
    },
    {
      name: 'courses.csv',
      header: [
        'sourcedId',
        'status',
        'dateLastModified',
        'schoolYearSourcedId',
        'title',
        'courseCode',
        'grades',
        'orgSourcedId',
        'subjects',
        'subjectCodes',
      ],
      list: d.courses,
      row: (c: ReturnType<typeof d.courses.at>) => [
        c.sourcedId,
        c.status,
        GENERATED_AT,
        '',
        c.title,
        c.courseCode,
        '',
        c.orgSourcedId,
        '',
        '',
      ],
    },
    {
      name: 'academicSessions.csv',
      header: [
        'sourcedId',
        'status',
        'dateLastModified',
        'title',
        'type',
        'startDate',
        'endDate',
        'parentSourcedId',
        'schoolYear',
      ],
      list: d.academicSessions,
      row: (s: ReturnType<typeof d.academicSessions.at>) => [
        s.sourcedId,
        s.status,
        GENERATED_AT,
        s.title,
        s.type,
        s.startDate,
        s.endDate,
        s.parentSourcedId,
        s.schoolYear,
      ],
    },
  ];
  return specs as unknown as FileSpec<never>[];
}

export type CsvVersion = '1.1' | '1.2';

const MANIFEST = [
  'propertyName,value',
  'manifest.version,1.0',
  'oneroster.version,1.1',
  'file.academicSessions,bulk',
  'file.categories,absent',
  'file.classes,bulk',
  'file.classResources,absent',
  'file.courses,bulk',
  'file.courseResources,absent',
  'file.demographics,absent',
  'file.enrollments,bulk',
  'file.lineItems,absent',
  'file.orgs,bulk',
  'file.resources,absent',
  'file.results,absent',
  'file.users,bulk',
  'source.systemName,RosterDesk sandbox',
  'source.systemCode,sandbox',
];

function* lines<T>(spec: FileSpec<T>): Generator<string> {
  yield `${spec.header.join(',')}\r\n`;
  for (let i = 0; i < spec.list.count; i++)
    yield `${spec.row(spec.list.at(i)).map(cell).join(',')}\r\n`;
}

const manifestOf = (version: CsvVersion) =>
  `${(version === '1.2' ? manifest1p2(MANIFEST) : MANIFEST).join('\r\n')}\r\n`;
const filesOf = (district: District, version: CsvVersion) =>
  version === '1.2' ? files1p2(district, files(district)) : files(district);

/** Writes a district as a OneRoster 1.1 (or 1.2) CSV export folder. */
export function writeCsvFolder(district: District, dir: string, version: CsvVersion = '1.1'): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.csv'), manifestOf(version));
  for (const spec of filesOf(district, version))
    fs.writeFileSync(path.join(dir, spec.name), Array.from(lines(spec)).join(''));
}

/** Writes a district as a zip of OneRoster 1.1 (or 1.2) CSV files (optionally leaving some out). */
export async function writeCsvZip(
  district: District,
  file: string,
  leaveOut: string[] = [],
  version: CsvVersion = '1.1',
): Promise<void> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(manifestOf(version)), 'manifest.csv');
  for (const spec of filesOf(district, version))
    if (!leaveOut.includes(spec.name))
      // Streamed: a district's enrollments.csv is larger than a JavaScript string may be.
      zip.addReadStream(Readable.from(lines(spec)), spec.name);
  zip.end();
  await new Promise<void>((resolve, reject) =>
    zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject),
  );
}
