import type { Finding } from '../../../../shared/domain/finding';
import { PROVENANCE_LABEL } from '../../../../shared/platform/platform-wire';
import { nameKey } from '../../../../shared/matching/normalize';
import type { PlatformAccount } from '../../../../shared/platform/platform-wire';
import { finding } from '../make-finding';

const localPart = (email: string | null) => (email ?? '').split('@')[0]?.toLowerCase() ?? '';

/**
 * DUPLICATE_ACCOUNT: a manual platform account and a rostered one for the same person, left from
 * before the district switched to rostering. Same role and name, and the same school or the old
 * username; a merge moves the work to the rostered account and frees the seats the manual one held.
 * Never merged silently: each is a finding with a merge the admin may stage.
 */
export function accountRules(
  accounts: PlatformAccount[],
  seatsHeld: Map<string, number>,
): Finding[] {
  const rostered = new Map<string, PlatformAccount[]>();
  for (const a of accounts) {
    if (a.provenance === 'manual' || a.mergedInto) continue;
    const key = `${a.role}|${nameKey(a.givenName)}|${nameKey(a.familyName)}`;
    rostered.set(key, [...(rostered.get(key) ?? []), a]);
  }
  const out: Finding[] = [];
  for (const manual of accounts) {
    // A manual student account has no name (OLD_STUDENT_ACCOUNTS covers those): nothing to compare.
    if (manual.provenance !== 'manual' || manual.mergedInto || !manual.familyName) continue;
    const key = `${manual.role}|${nameKey(manual.givenName)}|${nameKey(manual.familyName)}`;
    const candidates = (rostered.get(key) ?? []).filter(
      (r) =>
        (manual.schoolName !== null && r.schoolName === manual.schoolName) ||
        (manual.username !== null &&
          (r.username?.toLowerCase() === manual.username.toLowerCase() ||
            localPart(r.email) === manual.username.toLowerCase())),
    );
    // Two rostered people fit: saying which one is a guess, so it is left out.
    if (candidates.length !== 1) continue;
    const into = candidates[0];
    if (!into) continue;
    const seatsFreed = seatsHeld.get(manual.id) ?? 0;
    const evidence = [
      `Same name: ${manual.givenName} ${manual.familyName}`,
      `Same role: ${manual.role}`,
    ];
    if (manual.schoolName && manual.schoolName === into.schoolName)
      evidence.push(`Same school: ${manual.schoolName}`);
    if (manual.username) evidence.push(`Old username "${manual.username}"`);
    evidence.push(
      `Manual account ${manual.email ?? manual.id}; rostered by ${PROVENANCE_LABEL[into.provenance]}: ${into.email ?? into.id}`,
    );
    out.push(
      finding('DUPLICATE_ACCOUNT', {
        subjects: [
          { kind: 'account', id: manual.id, ...(manual.email ? { email: manual.email } : {}) },
          { kind: 'account', id: into.id, ...(into.email ? { email: into.email } : {}) },
        ],
        message: `${manual.givenName} ${manual.familyName} has a manual account (${manual.email ?? manual.id}) and a ${PROVENANCE_LABEL[into.provenance]} account (${into.email ?? into.id})${seatsFreed > 0 ? `; merging frees ${seatsFreed} seat${seatsFreed === 1 ? '' : 's'}` : ''}`,
        evidence,
        fix: {
          where: 'rosterdesk',
          action:
            'Merge the manual account into the rostered one (propose it in RosterDesk, approve, push)',
        },
        merge: { accountId: manual.id, intoAccountId: into.id, seatsFreed },
      }),
    );
  }
  return out;
}
