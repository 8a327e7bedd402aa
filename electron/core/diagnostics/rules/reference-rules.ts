import type { Finding } from '../../../../shared/domain/finding';
import type { DiagnosticsContext } from '../diagnostics-context';
import { fullName } from '../diagnostics-context';
import { finding } from '../make-finding';

const n = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/**
 * ORG_MISSING: records naming an org the roster does not send (their people and classes land in
 * "No school in the roster" without a word otherwise). ROLE_MISMATCH: a user whose role cannot
 * teach (a student, a parent…) enrolled as the teacher of classes: the platform gives those classes
 * no teacher.
 */
export function referenceRules(ctx: DiagnosticsContext): Finding[] {
  const out: Finding[] = [];
  for (const m of ctx.roster.references.missingOrgs()) {
    const what = [
      m.users > 0 ? n(m.users, 'user', 'users') : null,
      m.classes > 0 ? n(m.classes, 'class', 'classes') : null,
    ]
      .filter(Boolean)
      .join(' and ');
    out.push(
      finding('ORG_MISSING', {
        subjects: [{ kind: 'org', id: m.orgId }],
        message: `${what} ${m.users + m.classes === 1 ? 'names' : 'name'} the org ${m.orgId}, which the roster does not send (e.g. ${m.examples.join(', ')})`,
        evidence: [
          ...(m.users > 0
            ? [`${m.users} user${m.users === 1 ? '' : 's'} list it among their orgs`]
            : []),
          ...(m.classes > 0
            ? [`${m.classes} class${m.classes === 1 ? '' : 'es'} give it as their school`]
            : []),
        ],
        fix: {
          where: 'rostering-service',
          action: `Share the org ${m.orgId} with the platform, or correct the records that name it`,
        },
      }),
    );
  }
  for (const u of ctx.roster.references.teachingNonTeachers())
    out.push(
      finding('ROLE_MISMATCH', {
        subjects: [{ kind: 'user', id: u.sourcedId }],
        message: `${fullName(u)} is a ${u.role} in the roster but is enrolled as the teacher of ${n(u.classes, 'class', 'classes')}`,
        evidence: [
          `role: ${u.role}`,
          `teacher of ${n(u.classes, 'active class', 'active classes')}`,
        ],
        fix: {
          where: 'sis',
          action: `Give ${fullName(u)} the teacher role in the SIS, or enroll the class's real teacher`,
        },
      }),
    );
  return out;
}
