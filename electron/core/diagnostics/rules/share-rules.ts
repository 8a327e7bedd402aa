import type { Finding } from '../../../../shared/domain/finding';
import type { DiagnosticsContext } from '../diagnostics-context';
import { finding } from '../make-finding';

/** Fewer students than this many per teacher means the roster share is cut short ("113 teachers, 5 students"). */
export const MIN_STUDENTS_PER_TEACHER = 2;

/** Below this many teachers the ratio says nothing (a six-user test export, a pilot school). */
export const MIN_TEACHERS_FOR_SHARE = 10;

/** LOW_STUDENT_SHARE: teachers sent, few or no students, in a roster big enough to tell. */
export function shareRules(ctx: DiagnosticsContext): Finding[] {
  const { teachers, students } = ctx.roster.stats();
  if (teachers < MIN_TEACHERS_FOR_SHARE || students >= teachers * MIN_STUDENTS_PER_TEACHER)
    return [];
  return [
    finding('LOW_STUDENT_SHARE', {
      subjects: [],
      message: `The roster sends ${teachers} teachers but only ${students} students: at most ${students} student seats can be made`,
      evidence: [`${teachers} live teachers`, `${students} live students`],
      fix: {
        where: 'rostering-service',
        action:
          'Fix the roster share: the sharing rules must include the students of these teachers',
      },
    }),
  ];
}
