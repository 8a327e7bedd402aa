import type { LicenseEntry } from '../../shared/domain/license';
import type { District } from './district';
import { FAMILY_NAMES, GIVEN_NAMES } from './names';
import { hashUnit, pick } from './random';

export interface LicenseDefects {
  /** Teachers whose platform email differs from the roster's (old domain, flast, …). */
  emailMismatch: number;
  invitePending: number;
  notOnLicense: number;
  /** Entries for people the roster does not send, as a share of teachers. */
  notInRoster: number;
}

export const REALISTIC_LICENSE: LicenseDefects = {
  emailMismatch: 0.12,
  invitePending: 0.06,
  notOnLicense: 0.06,
  notInRoster: 0.03,
};

/** Letters a-z only: accents dropped, lower-cased, everything else removed (for made-up emails). */
export const clean = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/**
 * The license list a platform would hold for a district: most teachers exactly as rostered, some
 * with an old or differently built email, some only invited, some missing, and a few leavers.
 */
export function generateLicense(
  district: District,
  seed: number,
  defects: LicenseDefects = REALISTIC_LICENSE,
): LicenseEntry[] {
  const entries: LicenseEntry[] = [];
  const seen = new Set<string>();
  let teachers = 0;
  for (let i = 0; i < district.users.count; i++) {
    const u = district.users.at(i);
    if (
      u.role !== 'teacher' ||
      u.status !== 'active' ||
      !u.enabledUser ||
      !u.email ||
      !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(u.email.trim())
    )
      continue;
    teachers++;
    const roll = hashUnit(seed, i, 101);
    if (roll < defects.notOnLicense) continue;
    let email = u.email.trim();
    const domain = email.split('@')[1] ?? 'example.org';
    if (roll < defects.notOnLicense + defects.emailMismatch) {
      const variant = Math.floor(hashUnit(seed, i, 102) * 3);
      email =
        variant === 0
          ? `${email.split('@')[0]}@old-${domain}`
          : variant === 1
            ? `${clean(u.givenName)[0] ?? 'x'}${clean(u.familyName)}@${domain}`
            : `${clean(u.givenName)}.${clean(u.familyName)}@personal.example.com`;
    }
    if (seen.has(email.toLowerCase())) continue;
    seen.add(email.toLowerCase());
    const invited = roll >= 1 - defects.invitePending;
    entries.push({
      email,
      givenName: u.givenName,
      familyName: u.familyName,
      status: invited ? 'invited' : 'active',
      invitedAt: '2026-08-10T15:00:00Z',
      acceptedAt: invited ? null : '2026-08-12T09:30:00Z',
    });
  }
  const leavers = Math.max(1, Math.round(teachers * defects.notInRoster));
  for (let k = 0; k < leavers; k++) {
    const given = pick(GIVEN_NAMES, hashUnit(seed, k, 103));
    const family = pick(FAMILY_NAMES, hashUnit(seed, k, 104));
    entries.push({
      email: `former.${clean(given)}.${clean(family)}${k}@retired.example.org`,
      givenName: `${given}`,
      familyName: `Former-${family}`,
      status: 'active',
      invitedAt: '2025-08-10T15:00:00Z',
      acceptedAt: '2025-08-11T09:00:00Z',
    });
  }
  return entries;
}
