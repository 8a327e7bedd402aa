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
  const allStudents = new Set<string>();
  const classmates = roster.classmatesOf();
  // Everyone counts once, at their own school (the first school among their orgs), as on the
  // per-school sanity table; people with none go to a "No school" row, so the rows add up.
  const noSchool = { sourcedId: '', name: NO_SCHOOL, ...zero() };
  const firstSchool = roster.firstSchoolOf();
  const rowOf = (userId: string) => perSchool.get(firstSchool(userId) ?? '') ?? noSchool;
  const bump = (teacherId: string, key: keyof Counts) => {
    total[key]++;
    rowOf(teacherId)[key]++;
  };
  for (const m of licenseMatch?.matches ?? []) {
    if (m.teacher.classes === 0) continue;
    if (m.how === 'exact' && m.entry.status === 'active') {
      bump(m.teacher.sourcedId, 'teachersImporting');
      for (const studentId of classmates(m.teacher.sourcedId)) {
        if (allStudents.has(studentId)) continue;
        allStudents.add(studentId);
        rowOf(studentId).studentAccounts++;
      }
    } else if (m.how !== 'exact') bump(m.teacher.sourcedId, 'teachersDuplicateAccount');
  }
  for (const t of licenseMatch?.unmatchedTeachers ?? [])
    if (t.classes > 0) bump(t.sourcedId, 'teachersNotProvisioned');
  total.studentAccounts = allStudents.size;
  const rows = [...perSchool.values()];
  const { teachersImporting, teachersDuplicateAccount, teachersNotProvisioned, studentAccounts } =
    noSchool;
  if (teachersImporting + teachersDuplicateAccount + teachersNotProvisioned + studentAccounts > 0)
    rows.push(noSchool);
  return { total, perSchool: rows, seatsAvailable: null };
}
