import { AppError } from '../../../../shared/ipc/errors';
import { accountSubject } from './change-kind';
import type { ChangeKindModule } from './change-kind';

/** An unclaimed old manual student account erased: frees its student seat; its work is lost. */
export const removeAccount: ChangeKindModule<'remove-account'> = {
  kind: 'remove-account',
  stage(request, { base, license }) {
    const account = license.account(request.accountId);
    if (!account)
      throw new AppError('NOT_FOUND', 'The account is not in the last pull; refresh the license');
    if (account.provenance !== 'manual' || account.role !== 'student' || account.mergedInto)
      throw new AppError(
        'VALIDATION',
        'Only an old manual student account that was never merged can be removed here',
      );
    return {
      ...base,
      kind: 'remove-account',
      targetId: account.id,
      subject: accountSubject(account),
      dedupeKey: `remove-account:${account.id}`,
      before: {
        account: account.id,
        lastActiveAt: account.lastActiveAt,
        workRecords: account.workRecords,
      },
      after: { removed: 'yes', seatsFreed: 1, workRecordsLost: account.workRecords },
      baseVersion: account.version,
      evidence: [
        `Old manual account ${account.username ?? account.id}${account.accountNumber ? ` (account ${account.accountNumber})` : ''}, made by ${account.createdBy?.name ?? 'an unknown teacher'}`,
        `Last active ${account.lastActiveAt?.slice(0, 10) ?? 'never'}; ${account.workRecords.toLocaleString('en-US')} work records will be erased`,
      ],
    };
  },
  wire: (client, _after, target, c, signal) =>
    client.removeAccount(target, c.baseVersion ?? 1, c.idempotencyKey, signal),
  // Only student accounts are removed here: a student seat each.
  seats: (after, roleOf, targetId) =>
    roleOf(targetId ?? '') === 'student'
      ? { teacher: 0, student: -after.seatsFreed }
      : { teacher: 0, student: 0 },
};
