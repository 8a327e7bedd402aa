import { AppError } from '../../../../shared/ipc/errors';
import { accountSubject } from './change-kind';
import type { ChangeKindModule } from './change-kind';

/** An old manual account merged into the rostered one: frees the seats it held. */
export const merge: ChangeKindModule<'merge'> = {
  kind: 'merge',
  stage(request, { base, license }) {
    const from = license.account(request.accountId);
    const into = license.account(request.intoAccountId);
    if (!from || !into)
      throw new AppError(
        'NOT_FOUND',
        'One of the two accounts is not in the last pull; refresh the license',
      );
    if (from.provenance !== 'manual' || into.provenance === 'manual')
      throw new AppError(
        'VALIDATION',
        'Only a manual account merges, and only into a rostered one',
      );
    // A student account holds its own seat; a teacher's seats are its license entries.
    const seats = from.role === 'student' ? 1 : license.seatsHeldBy(from.id);
    return {
      ...base,
      origin: base.origin === 'OLD_STUDENT_WORKSHEET' ? base.origin : 'DUPLICATE_ACCOUNT',
      kind: 'merge',
      targetId: from.id,
      subject: accountSubject(from),
      dedupeKey: `merge:${from.id}`,
      before: { account: from.id, email: from.email, provenance: from.provenance },
      after: {
        mergedInto: into.id,
        email: into.email,
        provenance: into.provenance,
        seatsFreed: seats,
      },
      baseVersion: from.version,
      evidence: [
        ...(request.evidence ?? []),
        `${accountSubject(from)}: manual ${from.email ?? from.id} -> ${into.provenance} ${into.email ?? into.username ?? into.id}`,
      ],
    };
  },
  wire: (client, after, target, c, signal) =>
    client.merge(target, after.mergedInto, c.baseVersion ?? 1, c.idempotencyKey, signal),
  // A student account's merge frees a student seat; a teacher's, the teacher seats it held.
  seats: (after, roleOf, targetId) =>
    roleOf(targetId ?? '') === 'student'
      ? { teacher: 0, student: -after.seatsFreed }
      : { teacher: -after.seatsFreed, student: 0 },
};
