import { CHANGE_KIND_LABEL } from '../../../shared/domain/change';
import type { ChangeKind } from '../../../shared/domain/change';
import { AppError } from '../../../shared/ipc/errors';
import type { LicenseStore } from '../license/license-store';
import type { NewChange } from './change-store';
import type { OpenChanges } from './open-changes';

/** Kinds of change that cannot both be open on the same teacher or account. */
const CONFLICTING: [ChangeKind, ChangeKind][] = [
  ['remove', 'change-email'],
  ['remove', 'resend'],
  ['remove', 'remind'],
  ['remove', 'merge'],
  ['change-email', 'merge'],
  ['change-email', 'remove-account'],
  ['merge', 'remove-account'],
];
const conflicts = (a: ChangeKind, b: ChangeKind) =>
  CONFLICTING.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

/**
 * Two open changes that cannot both happen are refused with why: removing a teacher and changing
 * their email or resending their invitation, changing the email of an account being merged away
 * or removed, merging an account being removed; and two changes giving one address (two email
 * changes to it, or an invitation and an email change). The same change twice is the dedupe key's.
 */
export function refuseConflicts(
  change: NewChange,
  license: Pick<LicenseStore, 'teacher' | 'teacherIdsOfAccount'>,
  open: Pick<OpenChanges, 'openOnTargets' | 'openGivingEmail'>,
): void {
  const teacher =
    change.targetId &&
    (change.kind === 'change-email' ||
      change.kind === 'remove' ||
      change.kind === 'resend' ||
      change.kind === 'remind')
      ? license.teacher(change.targetId)
      : null;
  const touched =
    change.kind === 'merge' || change.kind === 'remove-account'
      ? [change.targetId ?? '', ...license.teacherIdsOfAccount(change.targetId ?? '')]
      : [change.targetId ?? '', teacher?.accountId ?? ''];
  for (const other of open.openOnTargets(touched)) {
    if (other.kind === change.kind || !conflicts(change.kind, other.kind)) continue;
    throw new AppError(
      'VALIDATION',
      `${CHANGE_KIND_LABEL[change.kind]} for ${change.subject} cannot be staged: "${CHANGE_KIND_LABEL[other.kind]}" for ${other.subject} is already staged, and the two cannot both happen. Discard that one first, or push it and stage this after.`,
    );
  }
  if (change.kind === 'invite' || change.kind === 'change-email') {
    const email = String(change.after.email);
    const giving = open.openGivingEmail(email);
    // The very same change again is said by the dedupe key ("already staged").
    const same =
      giving?.kind === change.kind &&
      (giving.kind === 'invite' || giving.targetId === change.targetId);
    if (giving && !same)
      throw new AppError(
        'VALIDATION',
        `${email} is already given by a staged change ("${CHANGE_KIND_LABEL[giving.kind]}" for ${giving.subject}): one address cannot go to two accounts.`,
        [{ path: 'email', message: 'Already given by a staged change' }],
      );
  }
}
