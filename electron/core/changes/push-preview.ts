import { restsOnWeakerRule } from '../../../shared/domain/change';
import type { PushPreview } from '../../../shared/domain/change';
import type { LicenseStore } from '../license/license-store';
import type { ChangeStore } from './change-store';

const SEAT_EFFECT = { invite: 1, remove: -1 } as const;

/**
 * What Push will send, shown before it is pressed: the approved changes by kind, a few of them by
 * name, and the license's seats before and after (invites take a seat, removals and merges free
 * theirs), counted from the license as last pulled.
 */
export function pushPreview(changes: ChangeStore, license: LicenseStore): PushPreview {
  const outbox = changes.outbox();
  const byKind: Record<string, number> = {};
  let seatDelta = 0;
  let studentDelta = 0;
  for (const c of outbox) {
    byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
    if (c.kind === 'invite' || c.kind === 'remove') seatDelta += SEAT_EFFECT[c.kind];
    // A student account's merge or removal frees a student seat; a teacher's, a teacher seat.
    if (
      (c.kind === 'merge' || c.kind === 'remove-account') &&
      typeof c.after.seatsFreed === 'number'
    ) {
      if (license.account(c.targetId ?? '')?.role === 'student') studentDelta -= c.after.seatsFreed;
      else if (c.kind === 'merge') seatDelta -= c.after.seatsFreed;
    }
  }
  const studentSeatsUsed = license.importInfo()?.studentSeatsUsed ?? null;
  const counts = license.seatCounts();
  return {
    total: outbox.length,
    byKind,
    examples: outbox.slice(0, 8).map((c) => c.subject),
    weakerMatches: outbox.filter(
      (c) => (c.kind === 'merge' || c.kind === 'change-email') && restsOnWeakerRule(c.evidence),
    ).length,
    seats: counts
      ? {
          total: counts.seats,
          usedBefore: counts.used,
          usedAfter: Math.max(0, counts.used + seatDelta),
        }
      : null,
    studentSeats:
      studentSeatsUsed === null
        ? null
        : {
            usedBefore: studentSeatsUsed,
            usedAfter: Math.max(0, studentSeatsUsed + studentDelta),
          },
  };
}
