import type { SyncPreview } from '../../../shared/domain/diagnostics-views';
import type { Db } from '../db/open-database';
import { SnapshotReader } from '../snapshot/snapshot-reader';
import { NO_SCHOOL } from '../snapshot/snapshot-stats';
import type { DiagnosticsResult } from './run-diagnostics';
import { isPrimary } from '../../../shared/domain/problem-assignment';
import type { Filed } from '../../../shared/domain/problem-assignment';

/**
 * The preview as the worker computes it: who imports and their students, and the school of each
 * teacher who might not (matched by a weaker rule, or not on the license). Which of those count is
 * decided by finishPreview() from the same filing as Start here.
 */
export type SyncPreviewDraft = SyncPreview & { teacherSchools: [string, string][] };

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
): SyncPreviewDraft {
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
  const teacherSchools: [string, string][] = [];
  const schoolOf = (userId: string) => {
    const row = rowOf(userId);
    teacherSchools.push([userId, row === noSchool ? '' : row.sourcedId]);
  };
  for (const m of licenseMatch?.matches ?? []) {
    if (m.how !== 'exact') schoolOf(m.teacher.sourcedId);
    else if (m.teacher.classes > 0 && m.entry.status === 'active') {
      bump(m.teacher.sourcedId, 'teachersImporting');
      importing.push(m.teacher.sourcedId);
    }
  }
  for (const t of licenseMatch?.unmatchedTeachers ?? []) schoolOf(t.sourcedId);
  // Their students, in one statement (a million students at district scale, each counted once).
  for (const { school, n } of roster.students.studentsOfTeachersBySchool(importing)) {
    (perSchool.get(school ?? '') ?? noSchool).studentAccounts += n;
    total.studentAccounts += n;
  }
  return {
    total,
    perSchool: [...perSchool.values(), noSchool],
    seatsAvailable: null,
    teacherSchools,
  };
}

/**
 * The teacher counts of the preview from the same filing as Start here: "would not match their
 * platform account" is every teacher Start here files under EMAIL_MISMATCH, "not provisioned"
 * every one filed under NOT_ON_LICENSE, so the two screens give the same numbers. The "No school"
 * row is kept only when it counts someone.
 */
export function finishPreview(draft: SyncPreviewDraft, filed: readonly Filed[]): SyncPreview {
  const schoolOf = new Map(draft.teacherSchools);
  const rows = new Map(draft.perSchool.map((r) => [r.sourcedId, { ...r }]));
  const total = { ...draft.total };
  const count = (code: string, key: 'teachersDuplicateAccount' | 'teachersNotProvisioned') => {
    for (const x of filed) {
      if (x.finding.code !== code || !isPrimary(x)) continue;
      const user = x.finding.subjects.find((s) => s.kind === 'user');
      if (!user) continue;
      total[key]++;
      const row = rows.get(schoolOf.get(user.id) ?? '');
      if (row) row[key]++;
    }
  };
  count('EMAIL_MISMATCH', 'teachersDuplicateAccount');
  count('NOT_ON_LICENSE', 'teachersNotProvisioned');
  const perSchool = [...rows.values()].filter(
    (r) =>
      r.sourcedId !== '' ||
      r.teachersImporting +
        r.teachersDuplicateAccount +
        r.teachersNotProvisioned +
        r.studentAccounts >
        0,
  );
  return { total, perSchool, seatsAvailable: draft.seatsAvailable };
}
