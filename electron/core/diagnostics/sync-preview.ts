import type { SyncPreview } from '../../../shared/domain/diagnostics-views';
import type { Db } from '../db/open-database';
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
  const schools = db
    .prepare(
      "SELECT sourced_id, name FROM roster_orgs WHERE snapshot_id = ? AND type = 'school' AND status = 'active' ORDER BY name",
    )
    .all(snapshotId) as { sourced_id: string; name: string }[];
  const perSchool = new Map(
    schools.map((s) => [s.sourced_id, { sourcedId: s.sourced_id, name: s.name, ...zero() }]),
  );
  const total = zero();
  const studentsBySchool = new Map<string, Set<string>>();
  const allStudents = new Set<string>();
  const classmates = db.prepare(
    `SELECT DISTINCT s.user_id, s.school_id FROM roster_enrollments t INDEXED BY roster_enrollments_user
       JOIN roster_enrollments s INDEXED BY roster_enrollments_class ON s.snapshot_id = t.snapshot_id AND s.class_id = t.class_id AND s.role = 'student' AND s.status = 'active'
     WHERE t.snapshot_id = ? AND t.user_id = ? AND t.role = 'teacher' AND t.status = 'active'`,
  );
  const schoolOf = (orgIds: string[] | undefined) => perSchool.get(orgIds?.[0] ?? '');
  const teacherSchool = db
    .prepare('SELECT org_ids FROM roster_users WHERE snapshot_id = ? AND sourced_id = ?')
    .pluck();
  const bump = (teacherId: string, key: keyof Counts) => {
    total[key]++;
    const entry = schoolOf(
      JSON.parse(
        (teacherSchool.get(snapshotId, teacherId) as string | undefined) ?? '[]',
      ) as string[],
    );
    if (entry) entry[key]++;
  };
  for (const m of licenseMatch?.matches ?? []) {
    if (m.teacher.classes === 0) continue;
    if (m.how === 'exact' && m.entry.status === 'active') {
      bump(m.teacher.sourcedId, 'teachersImporting');
      for (const row of classmates.all(snapshotId, m.teacher.sourcedId) as {
        user_id: string;
        school_id: string | null;
      }[]) {
        allStudents.add(row.user_id);
        const key = row.school_id ?? '';
        let set = studentsBySchool.get(key);
        if (!set) studentsBySchool.set(key, (set = new Set()));
        set.add(row.user_id);
      }
    } else if (m.how !== 'exact') bump(m.teacher.sourcedId, 'teachersDuplicateAccount');
  }
  for (const t of licenseMatch?.unmatchedTeachers ?? [])
    if (t.classes > 0) bump(t.sourcedId, 'teachersNotProvisioned');
  total.studentAccounts = allStudents.size;
  for (const [school, set] of studentsBySchool) {
    const entry = perSchool.get(school);
    if (entry) entry.studentAccounts = set.size;
  }
  return { total, perSchool: [...perSchool.values()], seatsAvailable: null };
}
