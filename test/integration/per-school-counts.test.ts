import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../../electron/core/diagnostics/run-diagnostics';
import { syncPreview } from '../../electron/core/diagnostics/sync-preview';
import {
  NO_SCHOOL,
  computeSnapshotStats,
  snapshotStats,
} from '../../electron/core/snapshot/snapshot-stats';
import { SnapshotStore } from '../../electron/core/snapshot/snapshot-store';
import { SnapshotWriter } from '../../electron/core/snapshot/snapshot-writer';
import type {
  RosterClass,
  RosterEnrollment,
  RosterOrg,
  RosterUser,
} from '../../shared/domain/roster';
import { insertDistrict } from '../../scripts/bench/bench-district';
import { smallDistrict } from '../helpers/district-fixtures';
import { useTempDatabase } from '../helpers/temp-database';

const temp = useTempDatabase();

const org = (sourcedId: string, name: string, type: string): RosterOrg => ({
  sourcedId,
  status: 'active',
  name,
  type,
  identifier: null,
  parentSourcedId: null,
});
const user = (
  sourcedId: string,
  role: 'teacher' | 'student',
  orgs: string[],
  extra: Partial<RosterUser> = {},
): RosterUser => ({
  sourcedId,
  status: 'active',
  enabledUser: true,
  role,
  username: sourcedId,
  givenName: sourcedId.toUpperCase(),
  familyName: 'Test',
  middleName: null,
  identifier: null,
  email: `${sourcedId}@springfield.org`,
  orgSourcedIds: orgs,
  grades: [],
  userIds: [],
  roles: [],
  ...extra,
});
const klass = (sourcedId: string, school: string | null): RosterClass => ({
  sourcedId,
  status: 'active',
  title: sourcedId,
  classCode: null,
  courseSourcedId: null,
  schoolSourcedId: school,
  termSourcedIds: [],
  grades: [],
  subjects: [],
});
let n = 0;
const enrol = (
  userId: string,
  classId: string,
  school: string | null,
  role: 'teacher' | 'student',
): RosterEnrollment => ({
  sourcedId: `e${++n}`,
  status: 'active',
  classSourcedId: classId,
  schoolSourcedId: school,
  userSourcedId: userId,
  role,
  primary: role === 'teacher',
});

/**
 * By hand: Hill (H) and Lake (L) under the district (D).
 * - t1 belongs to [D, H]: counted at Hill (its first *school*). t2 at Lake.
 * - s1 [H] takes a class at Hill and one at Lake: one student, at Hill.
 * - s2 [L, H]: at Lake. s3 [D] only: no school. s4 is tobedeleted: not counted.
 * - Classes: c1 Hill (t1: s1, s2), c2 Lake (t2: s1), c3 no school (t2: s3).
 */
/** `tallied`: counts tallied as rows went in (as a sync does); otherwise counted by SQL. */
function fixture(tallied = false) {
  const store = new SnapshotStore(temp.db);
  const id = store.begin('c1', 'classlink', 'hand-made');
  const w = new SnapshotWriter(temp.db, id);
  w.write(
    {
      orgs: [
        org('D', 'Springfield District', 'district'),
        org('H', 'Hill', 'school'),
        org('L', 'Lake', 'school'),
      ],
      users: [
        user('t1', 'teacher', ['D', 'H']),
        user('t2', 'teacher', ['L']),
        user('s1', 'student', ['H']),
        user('s2', 'student', ['L', 'H']),
        user('s3', 'student', ['D']),
        user('s4', 'student', ['H'], { status: 'tobedeleted' }),
      ],
      classes: [klass('c1', 'H'), klass('c2', 'L'), klass('c3', null)],
      enrollments: [
        enrol('t1', 'c1', 'H', 'teacher'),
        enrol('s1', 'c1', 'H', 'student'),
        enrol('s2', 'c1', 'H', 'student'),
        enrol('t2', 'c2', 'L', 'teacher'),
        enrol('s1', 'c2', 'L', 'student'),
        enrol('t2', 'c3', null, 'teacher'),
        enrol('s3', 'c3', null, 'student'),
      ],
    },
    [],
    'test',
  );
  w.finish();
  store.complete(id, { ...w.counts }, tallied ? w.tally : null);
  return id;
}

describe('per-school counts', () => {
  it.each([
    ['counted by SQL', false],
    ['tallied as the rows went in', true],
  ])(
    'match a hand-computed district (%s): each person once, at their school; the rows add up to the totals',
    (_how, tallied) => {
      const stats = snapshotStats(temp.db, fixture(tallied));
      expect(stats.perSchool).toEqual([
        { sourcedId: 'H', name: 'Hill', teachers: 1, students: 1, classes: 1, enrollments: 3 },
        { sourcedId: 'L', name: 'Lake', teachers: 1, students: 1, classes: 1, enrollments: 2 },
        { sourcedId: '', name: NO_SCHOOL, teachers: 0, students: 1, classes: 1, enrollments: 2 },
      ]);
      expect(stats).toMatchObject({ teachers: 2, students: 3, classes: 3, enrollments: 7 });
      for (const key of ['teachers', 'students', 'classes', 'enrollments'] as const)
        expect(stats.perSchool.reduce((sum, s) => sum + s[key], 0)).toBe(stats[key]);
    },
  );

  it('"if the platform synced now" counts each student account once, at the student\'s school', () => {
    const id = fixture();
    const license = ['t1', 't2'].map((t) => ({
      email: `${t}@springfield.org`,
      givenName: t.toUpperCase(),
      familyName: 'Test',
      status: 'active' as const,
      invitedAt: null,
      acceptedAt: null,
    }));
    const { licenseMatch } = runDiagnostics(temp.db, id, license);
    const preview = syncPreview(temp.db, id, licenseMatch);
    // t1 brings s1 and s2; t2 brings s1 again (once) and s3.
    expect(preview.total).toMatchObject({ teachersImporting: 2, studentAccounts: 3 });
    const by = Object.fromEntries(preview.perSchool.map((s) => [s.name, s.studentAccounts]));
    expect(by).toEqual({ Hill: 1, Lake: 1, [NO_SCHOOL]: 1 });
    for (const key of ['teachersImporting', 'studentAccounts'] as const)
      expect(preview.perSchool.reduce((sum, s) => sum + s[key], 0)).toBe(preview.total[key]);
  });
});

describe('counts tallied during a sync', () => {
  it('equal the counts SQL makes from the stored tables, on a generated district with every defect kind', () => {
    const district = smallDistrict({ teachersAtTwoSchools: 0.3 });
    const store = new SnapshotStore(temp.db);
    const id = store.begin('gen', 'classlink', 'generated');
    const w = new SnapshotWriter(temp.db, id);
    insertDistrict(w, district, 'generated');
    w.finish();
    store.complete(id, { ...w.counts }, w.tally);
    expect(w.tally).not.toBeNull();
    const tallied = snapshotStats(temp.db, id);
    expect(tallied).toEqual(computeSnapshotStats(temp.db, id));
    expect(tallied.students).toBeGreaterThan(0);
    expect(tallied.inactiveUsers).toBeGreaterThan(0);
  });
});
