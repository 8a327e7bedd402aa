import type { SyncPreview } from '../../../shared/domain/diagnostics-views';
import type { Db } from '../db/open-database';
import { SnapshotReader } from '../snapshot/snapshot-reader';
import { NO_SCHOOL } from '../snapshot/snapshot-stats';
import type { DiagnosticsResult } from './run-diagnostics';

type Counts = SyncPreview['total'];
const zero = (): Counts => ({
  teachersImporting: 0,
  teachersDuplicateAccount: 0,
  teachersNotProvisioned: 0,
  studentAccounts: 0,
});

/**
 * What the platform would do with this roster if it synced now: licensed teachers whose email
 * matches import their classes; teachers whose platform email differs would get a second account
 * (the Classkick behaviour); teachers with classes and no license are not provisioned; the students
 * of the importing teachers' classes get accounts, each counted once.
 */
export function syncPreview(
  db: Db,
  snapshotId: number,
  licenseMatch: DiagnosticsResult['licenseMatch'],
): SyncPreview {
  const roster = new SnapshotReader(db, snapshotId);
  const perSchool = new Map(
    roster.schools().map((s) => [s.sourcedId, { sourcedId: s.sourcedId, name: s.name, ...zero() }]),
  );
  const total = zero();
  const importing: string[] = [];
  // Everyone counts once, at their own school (the first school among their orgs), as on the
  // per-school sanity table; people with none go to a "No school" row, so the rows add up.
  const noSchool = { sourcedId: '', name: NO_SCHOOL, ...zero() };
  const firstSchool = roster.students.firstSchoolOf();
  const rowOf = (userId: string) => perSchool.get(firstSchool(userId) ?? '') ?? noSchool;
  const bump = (teacherId: string, key: keyof Counts) => {
    total[key]++;
    rowOf(teacherId)[key]++;
  };
  for (const m of licenseMatch?.matches ?? []) {
    if (m.teacher.classes === 0) continue;
    if (m.how === 'exact' && m.entry.status === 'active') {
      bump(m.teacher.sourcedId, 'teachersImporting');
      importing.push(m.teacher.sourcedId);
    } else if (m.how !== 'exact') bump(m.teacher.sourcedId, 'teachersDuplicateAccount');
  }
  for (const t of licenseMatch?.unmatchedTeachers ?? [])
    if (t.classes > 0) bump(t.sourcedId, 'teachersNotProvisioned');
  // Their students, in one statement (a million students at district scale, each counted once).
  for (const { school, n } of roster.students.studentsOfTeachersBySchool(importing)) {
    (perSchool.get(school ?? '') ?? noSchool).studentAccounts += n;
    total.studentAccounts += n;
  }
  const rows = [...perSchool.values()];
  const { teachersImporting, teachersDuplicateAccount, teachersNotProvisioned, studentAccounts } =
    noSchool;
  if (teachersImporting + teachersDuplicateAccount + teachersNotProvisioned + studentAccounts > 0)
    rows.push(noSchool);
  return { total, perSchool: rows, seatsAvailable: null };
}
