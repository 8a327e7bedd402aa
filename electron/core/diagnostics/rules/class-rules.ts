import type { Finding } from '../../../../shared/domain/finding';
import type { DiagnosticsContext } from '../diagnostics-context';
import { finding } from '../make-finding';

const CAP = 100_000;

/** CLASS_NO_TEACHER and CLASS_NO_STUDENTS: two probes of the enrollments index per active class. */
export function classRules(ctx: DiagnosticsContext): Finding[] {
  const out: Finding[] = [];
  const classes = ctx.roster.classesMissingMembers();
  for (const c of classes) {
    if (!c.hasTeacher) {
      out.push(
        finding('CLASS_NO_TEACHER', {
          subjects: [{ kind: 'class', id: c.sourcedId }],
          message: `"${c.title}"${c.school ? ` at ${c.school}` : ''} has no teacher in the roster, so no teacher can import it`,
          fix: { where: 'sis', action: 'Assign the teacher to the section in the SIS' },
        }),
      );
    }
    if (!c.hasStudents) {
      out.push(
        finding('CLASS_NO_STUDENTS', {
          subjects: [{ kind: 'class', id: c.sourcedId }],
          message: `"${c.title}"${c.school ? ` at ${c.school}` : ''} has no students in the roster`,
          fix: {
            where: 'sis',
            action:
              'Enroll the students in the SIS, or check the sharing rules of the rostering service',
          },
        }),
      );
    }
  }
  return out;
}

/** STUDENT_NO_ENROLLMENT: one probe of the enrollments index per live student. */
export function unenrolledStudentRules(ctx: DiagnosticsContext): Finding[] {
  const out: Finding[] = [];
  const students = ctx.roster.studentsWithoutClasses(CAP);
  for (const s of students) {
    out.push(
      finding('STUDENT_NO_ENROLLMENT', {
        subjects: [{ kind: 'user', id: s.sourcedId }],
        message: `${s.givenName} ${s.familyName} (student) is in no class`,
        fix: { where: 'sis', action: 'Enroll the student in their classes in the SIS' },
      }),
    );
  }
  return out;
}
