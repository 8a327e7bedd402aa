import { givenVariants, isNickname } from './nicknames';
import { localKey, nameKey, nameTokens, splitEmail } from './normalize';

export interface RosterPerson {
  email: string;
  givenName: string;
  familyName: string;
  username?: string | null;
  identifier?: string | null;
  userIds?: { type: string; identifier: string }[];
}

export interface LicensePerson {
  email: string;
  givenName?: string | null;
  familyName?: string | null;
}

export interface MatchScore {
  confidence: number;
  evidence: string[];
}

/** The local parts a district makes from a name: first.last, flast, firstl, first_last, last.first, firstlast. */
export function localPartsFor(
  given: string,
  family: string,
): Map<string, { pattern: string; weight: number }> {
  const out = new Map<string, { pattern: string; weight: number }>();
  const f = nameKey(family);
  const own = nameKey(given);
  // The real given name first, so its patterns are never relabelled as a nickname's.
  for (const g of [own, ...[...givenVariants(own)].filter((v) => v !== own)]) {
    const label = g === own ? '' : ` (nickname ${g})`;
    const nick = g === own ? 0 : 0.05;
    const put = (key: string, pattern: string, weight: number) => {
      if (key && !out.has(key))
        out.set(key, { pattern: `${pattern}${label}`, weight: weight - nick });
    };
    put(`${g}${f}`, 'first.last', 0.5);
    put(`${f}${g}`, 'last.first', 0.5);
    put(`${g[0] ?? ''}${f}`, 'flast', 0.4);
    put(`${g}${f[0] ?? ''}`, 'firstl', 0.4);
  }
  return out;
}

/**
 * How likely a license entry is the same person as a roster teacher whose email differs: evidence
 * from names (exact, nickname, initial; accents, hyphens and apostrophes ignored), the license
 * email's local part against the patterns a district uses, an unchanged local part on another
 * domain, and the roster's username and ids. 0 is no evidence; never 1 (an email differs).
 */
export function scoreMatch(roster: RosterPerson, license: LicensePerson): MatchScore {
  const evidence: string[] = [];
  let score = 0;
  const rGiven = nameKey(roster.givenName);
  const rFamily = nameKey(roster.familyName);
  const rFamilyTokens = new Set(nameTokens(roster.familyName));
  const r = splitEmail(roster.email);
  const l = splitEmail(license.email);
  const lKey = localKey(l.local);

  const lGiven = nameKey(license.givenName);
  const lFamily = nameKey(license.familyName);
  let familyMatch = false;
  if (lFamily) {
    if (lFamily === rFamily) {
      score += 0.4;
      familyMatch = true;
      evidence.push('same family name');
    } else if (nameTokens(license.familyName).some((t) => rFamilyTokens.has(t) && t.length > 2)) {
      score += 0.3;
      familyMatch = true;
      evidence.push('family names share a part (hyphenated or double name)');
    }
  }
  if (lGiven && familyMatch) {
    if (lGiven === rGiven) {
      score += 0.3;
      evidence.push('same given name');
    } else if (isNickname(lGiven, rGiven)) {
      score += 0.25;
      evidence.push(`given names are variants (${license.givenName} / ${roster.givenName})`);
    } else if (lGiven[0] === rGiven[0] && (lGiven.length === 1 || rGiven.length === 1)) {
      score += 0.12;
      evidence.push('same initial');
    }
  }
  if (l.local === r.local && l.domain !== r.domain) {
    score += 0.55;
    evidence.push(`same local part on another domain (${l.domain} -> ${r.domain})`);
  } else {
    const pattern = localPartsFor(roster.givenName, roster.familyName).get(lKey);
    if (pattern) {
      score += pattern.weight;
      evidence.push(`license email follows the ${pattern.pattern} pattern of the roster name`);
    }
  }
  const ids = [
    roster.username,
    roster.identifier,
    ...(roster.userIds ?? []).map((u) => u.identifier),
  ]
    .filter((v): v is string => !!v)
    .map((v) => splitEmail(v).local);
  if (ids.includes(l.local)) {
    score += 0.3;
    evidence.push('license email local part equals the roster username or an id');
  }
  // A license email at a personal mail provider says little about who it is: without strong name
  // evidence (same family name and the same or a variant given name) it stays below "very likely".
  const strongNames = familyMatch && !!lGiven && (lGiven === rGiven || isNickname(lGiven, rGiven));
  if (PERSONAL_DOMAINS.has(l.domain) && l.domain !== r.domain && !strongNames && score > CAP) {
    score = CAP;
    evidence.push(
      `the license email is at a personal mail provider (${l.domain}): not "very likely" without the names`,
    );
  }
  return { confidence: Math.min(0.99, Math.round(score * 100) / 100), evidence };
}

/** Highest confidence of a personal-domain match without strong name evidence (below 0.9). */
const CAP = 0.85;

/** The large free mail providers teachers sign up with before rostering. */
const PERSONAL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'ymail.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'protonmail.com',
  'proton.me',
  'gmx.com',
  'mail.com',
  'zoho.com',
  'comcast.net',
]);

/** Below this, a pair is not a plausible match. */
export const PLAUSIBLE = 0.5;
