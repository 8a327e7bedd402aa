import { payloadOf, restsOnWeakerRule } from '../../../shared/domain/change';
import type { ChangePayload, PushPreview } from '../../../shared/domain/change';
import { seatsByKind } from './kinds/change-kinds';
import type { LicenseStore } from '../license/license-store';
import type { ChangeStore } from './change-store';

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
  const roleOf = (accountId: string) => license.account(accountId)?.role ?? null;
  for (const c of outbox) {
    byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
    let payload: ChangePayload;
    try {
      payload = payloadOf(c);
    } catch {
      continue; // a change that lost its shape is never sent (the push fails it, saying why)
    }
    const effect = seatsByKind(payload.kind, payload.after as never, roleOf, c.targetId);
    seatDelta += effect.teacher;
    studentDelta += effect.student;
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
