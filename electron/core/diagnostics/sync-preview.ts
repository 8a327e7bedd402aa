import type { SyncPreview } from '../../../shared/domain/diagnostics-views';
import type { Db } from '../db/open-database';
import { snapshotTables } from '../snapshot/snapshot-files';
import { NO_SCHOOL, firstSchoolSql } from '../snapshot/snapshot-stats';
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
  const tables = snapshotTables(db, snapshotId);
  const schools = db
    .prepare(
      `SELECT sourced_id, name FROM ${tables.orgs} WHERE type = 'school' AND status = 'active' ORDER BY name`,
    )
    .all() as { sourced_id: string; name: string }[];
  const perSchool = new Map(
    schools.map((s) => [s.sourced_id, { sourcedId: s.sourced_id, name: s.name, ...zero() }]),
  );
  const total = zero();
  const allStudents = new Set<string>();
  const classmates = db
    .prepare(
      `SELECT DISTINCT s.user_id FROM ${tables.enrollments} t INDEXED BY enrollments_user
       JOIN ${tables.enrollments} s INDEXED BY enrollments_class ON s.class_id = t.class_id AND s.role = 'student' AND s.status = 'active'
     WHERE t.user_id = ? AND t.role = 'teacher' AND t.status = 'active'`,
    )
    .pluck();
  // Everyone counts once, at their own school (the first school among their orgs), as on the
  // per-school sanity table; people with none go to a "No school" row, so the rows add up.
  const noSchool = { sourcedId: '', name: NO_SCHOOL, ...zero() };
  const firstSchool = db
    .prepare(`SELECT ${firstSchoolSql(tables)} FROM ${tables.users} u WHERE u.sourced_id = ?`)
    .pluck();
  const rowOf = (userId: string) =>
    perSchool.get((firstSchool.get(userId) as string | null | undefined) ?? '') ?? noSchool;
  const bump = (teacherId: string, key: keyof Counts) => {
    total[key]++;
    rowOf(teacherId)[key]++;
  };
  for (const m of licenseMatch?.matches ?? []) {
    if (m.teacher.classes === 0) continue;
    if (m.how === 'exact' && m.entry.status === 'active') {
      bump(m.teacher.sourcedId, 'teachersImporting');
      for (const studentId of classmates.all(m.teacher.sourcedId) as string[]) {
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
