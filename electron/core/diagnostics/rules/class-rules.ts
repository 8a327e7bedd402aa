import type { Finding } from '../../../../shared/domain/finding';
import { LIVE } from '../diagnostics-context';
import type { DiagnosticsContext } from '../diagnostics-context';
import { finding } from '../make-finding';
import { snapshotTables } from '../../snapshot/snapshot-files';

const CAP = 100_000;

/** CLASS_NO_TEACHER, CLASS_NO_STUDENTS, STUDENT_NO_ENROLLMENT, from SQL over the snapshot. */
export function classRules(ctx: DiagnosticsContext): Finding[] {
  const out: Finding[] = [];
  const t = snapshotTables(ctx.db, ctx.snapshotId);
  const classes = ctx.db
    .prepare(
      `SELECT c.sourced_id, c.title,
         EXISTS (SELECT 1 FROM ${t.enrollments} e INDEXED BY enrollments_class WHERE e.class_id = c.sourced_id AND e.role = 'teacher' AND e.status = 'active') AS has_teacher,
         EXISTS (SELECT 1 FROM ${t.enrollments} e INDEXED BY enrollments_class WHERE e.class_id = c.sourced_id AND e.role = 'student' AND e.status = 'active') AS has_students
       FROM ${t.classes} c WHERE c.status = 'active'`,
    )
    .iterate() as Iterable<{
    sourced_id: string;
    title: string;
    has_teacher: number;
    has_students: number;
  }>;
  for (const c of classes) {
    if (!c.has_teacher) {
      out.push(
        finding('CLASS_NO_TEACHER', {
          subjects: [{ kind: 'class', id: c.sourced_id }],
          message: `"${c.title}" has no teacher in the roster, so no teacher can import it`,
          fix: { where: 'sis', action: 'Assign the teacher to the section in the SIS' },
        }),
      );
    }
    if (!c.has_students) {
      out.push(
        finding('CLASS_NO_STUDENTS', {
          subjects: [{ kind: 'class', id: c.sourced_id }],
          message: `"${c.title}" has no students in the roster`,
          fix: {
            where: 'sis',
            action:
              'Enroll the students in the SIS, or check the sharing rules of the rostering service',
          },
        }),
      );
    }
  }
  const students = ctx.db
    .prepare(
      `SELECT u.sourced_id, u.given_name, u.family_name FROM ${t.users} u
       WHERE u.role = 'student' AND u.${LIVE.replace(' AND ', ' AND u.')}
         AND NOT EXISTS (SELECT 1 FROM ${t.enrollments} e INDEXED BY enrollments_user WHERE e.user_id = u.sourced_id AND e.status = 'active')
       LIMIT ${CAP}`,
    )
    .iterate() as Iterable<{
    sourced_id: string;
    given_name: string;
    family_name: string;
  }>;
  for (const s of students) {
    out.push(
      finding('STUDENT_NO_ENROLLMENT', {
        subjects: [{ kind: 'user', id: s.sourced_id }],
        message: `${s.given_name} ${s.family_name} (student) is in no class`,
        fix: { where: 'sis', action: 'Enroll the student in their classes in the SIS' },
      }),
    );
  }
  return out;
}
