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
  for (const c of outbox) {
    byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
    if (c.kind === 'invite' || c.kind === 'remove') seatDelta += SEAT_EFFECT[c.kind];
    // Teacher seats only: a student account's merge or removal frees a student seat.
    if (
      c.kind === 'merge' &&
      typeof c.after.seatsFreed === 'number' &&
      license.account(c.targetId ?? '')?.role !== 'student'
    )
      seatDelta -= c.after.seatsFreed;
  }
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
  };
}
