import type { BulkPreview } from '../../../shared/domain/change';
import type { LicenseStore } from '../license/license-store';
import type { ChangeStore } from './change-store';

/**
 * Whether `adding` more invitations fit the seats left on the pulled license, once the invitations
 * already staged or approved are counted. A warning, not a refusal: seats may be freed by removals
 * or merges pushed first.
 */
export function seatCheck(
  license: Pick<LicenseStore, 'seatsFree'>,
  changes: Pick<ChangeStore, 'countOpenInvites'>,
  adding: number,
): BulkPreview['seats'] {
  const free = license.seatsFree();
  const alreadyStaged = changes.countOpenInvites();
  if (free === null || adding === 0) return { free, alreadyStaged, warning: null };
  const left = free - alreadyStaged;
  if (adding <= left) return { free, alreadyStaged, warning: null };
  const fits = Math.max(0, left);
  return {
    free,
    alreadyStaged,
    warning:
      `Not enough seats: the license has ${free} free seat${free === 1 ? '' : 's'}` +
      (alreadyStaged
        ? ` and ${alreadyStaged} invitation${alreadyStaged === 1 ? ' is' : 's are'} already staged`
        : '') +
      `, so ${fits === 0 ? 'none' : `only ${fits}`} of ${adding === 1 ? 'this invitation' : `these ${adding} invitations`} can be accepted. ` +
      'The platform will refuse the rest unless seats are freed first (remove teachers, merge duplicate accounts) or more are bought.',
  };
}
