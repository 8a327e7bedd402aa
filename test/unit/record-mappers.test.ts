import { describe, expect, it } from 'vitest';
import { csvMappers } from '../../electron/core/sources/csv/csv-records';
import { oneRosterMappers } from '../../electron/core/sources/oneroster/oneroster-records';
import {
  cleverCourseRecord,
  cleverSchoolRecord,
  cleverSectionRecords,
  cleverTermRecord,
  cleverUserRecord,
} from '../../electron/core/sources/clever/clever-records';
import { SoftFields, withSoftFields } from '../../electron/core/sources/record-fields';

/**
 * The same district record in each source's wire form (a OneRoster CSV row, a OneRoster REST
 * record, a Clever v3.0 record) maps to the same row: every source goes through one mapper per
 * resource, so a rule changed there changes for all of them.
 */
const ref = (sourcedId: string, type: string) => ({ sourcedId, type, href: `/x/${sourcedId}` });

describe('one mapper per resource for CSV, REST and Clever', () => {
  it('a teacher', () => {
    const csv = csvMappers.users({
      sourcedId: 't1',
      status: 'active',
      enabledUser: 'true',
      role: 'teacher',
      username: 'jlee',
      givenName: 'Jo',
      familyName: 'Lee',
      middleName: '',
      identifier: 'SIS1',
      email: 'jlee@district.org',
      orgSourcedIds: 's1',
      grades: '',
      userIds: '',
    });
    const rest = oneRosterMappers.users({
      sourcedId: 't1',
      status: 'active',
      enabledUser: true,
      role: 'teacher',
      username: 'jlee',
      givenName: 'Jo',
      familyName: 'Lee',
      identifier: 'SIS1',
      email: 'jlee@district.org',
      orgs: [ref('s1', 'org')],
      grades: [],
      userIds: [],
    });
    const clever = cleverUserRecord({
      id: 't1',
      email: 'jlee@district.org',
      name: { first: 'Jo', last: 'Lee' },
      roles: {
        teacher: { school: 's1', sis_id: 'SIS1', credentials: { district_username: 'jlee' } },
      },
    });
    expect(rest).toEqual(csv);
    expect(clever).toEqual(csv);
  });

  it('a school, a course, a term', () => {
    const school = csvMappers.orgs({
      sourcedId: 's1',
      name: 'Lee Elementary',
      type: 'school',
      identifier: '0042',
      parentSourcedId: 'd1',
    });
    expect(
      oneRosterMappers.orgs({
        sourcedId: 's1',
        name: 'Lee Elementary',
        type: 'school',
        identifier: '0042',
        parent: ref('d1', 'org'),
      }),
    ).toEqual(school);
    expect(
      cleverSchoolRecord({ id: 's1', name: 'Lee Elementary', sis_id: '0042', district: 'd1' }),
    ).toEqual(school);

    const course = csvMappers.courses({
      sourcedId: 'c1',
      title: 'Math 3',
      courseCode: 'M3',
      orgSourcedId: 'd1',
    });
    expect(
      oneRosterMappers.courses({
        sourcedId: 'c1',
        title: 'Math 3',
        courseCode: 'M3',
        org: ref('d1', 'org'),
      }),
    ).toEqual(course);
    expect(cleverCourseRecord({ id: 'c1', name: 'Math 3', number: 'M3', district: 'd1' })).toEqual(
      course,
    );

    const term = csvMappers.academicSessions({
      sourcedId: 'fall',
      title: 'Fall 2026',
      type: 'term',
      startDate: '2026-08-24',
      endDate: '2026-12-18',
    });
    expect(
      oneRosterMappers.academicSessions({
        sourcedId: 'fall',
        title: 'Fall 2026',
        type: 'term',
        startDate: '2026-08-24',
        endDate: '2026-12-18',
      }),
    ).toEqual(term);
    expect(
      cleverTermRecord({
        id: 'fall',
        name: 'Fall 2026',
        start_date: '2026-08-24',
        end_date: '2026-12-18',
      }),
    ).toEqual(term);
  });

  it('a class and its teacher enrollment', () => {
    const cls = csvMappers.classes({
      sourcedId: 'k1',
      title: 'Math 3A',
      classCode: 'M3A',
      courseSourcedId: 'c1',
      schoolSourcedId: 's1',
      termSourcedIds: 'fall',
      grades: '03',
      subjects: 'Math',
    });
    expect(
      oneRosterMappers.classes({
        sourcedId: 'k1',
        title: 'Math 3A',
        classCode: 'M3A',
        course: ref('c1', 'course'),
        school: ref('s1', 'org'),
        terms: [ref('fall', 'academicSession')],
        grades: ['03'],
        subjects: ['Math'],
      }),
    ).toEqual(cls);
    const section = cleverSectionRecords({
      id: 'k1',
      name: 'Math 3A',
      sis_id: 'M3A',
      course: 'c1',
      school: 's1',
      term_id: 'fall',
      grade: '03',
      subject: 'Math',
      teacher: 't1',
      teachers: ['t1'],
      students: [],
    });
    expect(section.cls).toEqual(cls);

    const enrollment = csvMappers.enrollments({
      sourcedId: 'k1:teacher:t1',
      classSourcedId: 'k1',
      schoolSourcedId: 's1',
      userSourcedId: 't1',
      role: 'teacher',
      primary: 'true',
    });
    expect(
      oneRosterMappers.enrollments({
        sourcedId: 'k1:teacher:t1',
        class: ref('k1', 'class'),
        school: ref('s1', 'org'),
        user: ref('t1', 'user'),
        role: 'teacher',
        primary: true,
      }),
    ).toEqual(enrollment);
    expect(section.enrollments).toEqual([enrollment]);
  });

  it('reads the rules that had drifted the same way from CSV and REST', () => {
    const read = (map: () => unknown) => {
      const soft = new SoftFields();
      soft.at('here');
      const row = withSoftFields(soft, map);
      return { row, warnings: soft.warnings('enrollments', 'x', (w) => w).map((w) => w.field) };
    };
    // A session with no type: kept as a term, said once, from either source.
    const csvSession = read(() =>
      csvMappers.academicSessions({ sourcedId: 'a', title: 'A', type: '' }),
    );
    const restSession = read(() =>
      oneRosterMappers.academicSessions({ sourcedId: 'a', title: 'A' }),
    );
    expect(restSession).toEqual(csvSession);
    expect(csvSession).toMatchObject({ row: { type: 'term' }, warnings: ['type'] });
    // An enrollment's unreadable dates: said from either source (REST did not read them).
    const csvEnrollment = read(() =>
      csvMappers.enrollments({
        sourcedId: 'e',
        classSourcedId: 'k',
        userSourcedId: 'u',
        role: 'student',
        beginDate: '31/31/2026',
      }),
    );
    const restEnrollment = read(() =>
      oneRosterMappers.enrollments({
        sourcedId: 'e',
        class: ref('k', 'class'),
        user: ref('u', 'user'),
        role: 'student',
        beginDate: '31/31/2026',
      }),
    );
    expect(restEnrollment).toEqual(csvEnrollment);
    expect(csvEnrollment.warnings).toEqual(['beginDate']);
    // A problem is named as the wire names the field.
    expect(() => oneRosterMappers.enrollments({ sourcedId: 'e', role: 'student' })).toThrow(
      /missing class/,
    );
    expect(() => cleverTermRecord({ name: 'no id' })).toThrow(/missing id/);
  });
});
