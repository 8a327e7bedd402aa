import type { OpenChanges } from './open-changes';
import { findingDedupeKey } from './finding-request';
import type { LicenseStore } from '../license/license-store';
import type { Finding } from '../../../shared/domain/finding';
import type { FindingProgress } from '../../../shared/domain/start-here';

/** A resend applied within this many days is not offered again ("5 resent today"). */
export const RESEND_QUIET_DAYS = 7;

/**
 * What is already done about each finding: its change is staged (or approved, or waiting for a
 * retry), or its invitation was resent within RESEND_QUIET_DAYS. Start here counts those apart and
 * offers only the rest; staging skips them with the same reason.
 */
export function progressOf(
  license: LicenseStore,
  changes: Pick<OpenChanges, 'openDedupeKeys' | 'resentSince'>,
  now = new Date(),
): { of(f: Finding): FindingProgress; resentWhen: string } {
  const open = changes.openDedupeKeys();
  // The license's teachers by email, read once for every finding asked about.
  const teachers = license.teachersByEmail();
  const platformIdOf = (email: string) =>
    teachers.get(email.trim().toLowerCase())?.platformId ?? null;
  const since = new Date(now.getTime() - RESEND_QUIET_DAYS * 86_400_000).toISOString();
  const resent = changes.resentSince(since);
  const today = now.toDateString();
  let allToday = [...resent.values()].every((at) => new Date(at).toDateString() === today);
  return {
    of(f) {
      const key = findingDedupeKey(f, platformIdOf);
      if (key === null) return null;
      if (open.has(key)) return 'staged';
      if (f.code !== 'INVITE_PENDING') return null;
      if (resent.has(key.slice('resend:'.length))) return 'resent';
      // Invited lately (a minute ago from RosterDesk, or on the platform): not yet worth a resend.
      const email = f.subjects.find((s) => s.kind === 'license')?.email ?? '';
      const invitedAt = teachers.get(email.trim().toLowerCase())?.invitedAt ?? null;
      if (invitedAt && invitedAt >= since) {
        if (new Date(invitedAt).toDateString() !== today) allToday = false;
        return 'invited';
      }
      return null;
    },
    get resentWhen() {
      return allToday ? 'today' : `in the last ${RESEND_QUIET_DAYS} days`;
    },
  };
}
