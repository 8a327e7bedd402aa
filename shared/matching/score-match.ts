import { distance } from 'fastest-levenshtein';
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
  /** The evidence summed, uncapped: what the assignment compares (two pairs at 0.99 may be 1.1 and 1.0). */
  score: number;
  evidence: string[];
}

/** One letter apart, on names of 4 letters or more. */
const oneLetterApart = (a: string, b: string) =>
  a !== b && Math.min(a.length, b.length) >= 4 && distance(a, b) === 1;

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
    const shapes: [string, string, number][] = [
      [`${g}${f}`, 'first.last', 0.5],
      [`${f}${g}`, 'last.first', 0.5],
      [`${g[0] ?? ''}${f}`, 'flast', 0.4],
      [`${g}${f[0] ?? ''}`, 'firstl', 0.4],
    ];
    for (const [key, pattern, weight] of shapes)
      if (key && !out.has(key))
        out.set(key, { pattern: `${pattern}${label}`, weight: weight - nick });
  }
  return out;
}

/**
 * What scoring needs of one roster teacher, worked out once: the license match scores each
 * teacher against all their candidate entries (at district scale, 0.3 s of a 1.2 s match went to
 * recomputing this per pair).
 */
export interface PreparedRosterPerson {
  given: string;
  family: string;
  familyName: string;
  familyTokens: ReadonlySet<string>;
  email: { local: string; domain: string };
  patterns: Map<string, { pattern: string; weight: number }>;
  idLocals: string[];
  givenName: string;
}

export function prepareRosterPerson(roster: RosterPerson): PreparedRosterPerson {
  return {
    given: nameKey(roster.givenName),
    family: nameKey(roster.familyName),
    familyName: roster.familyName,
    familyTokens: new Set(nameTokens(roster.familyName)),
    email: splitEmail(roster.email),
    patterns: localPartsFor(roster.givenName, roster.familyName),
    idLocals: [
      roster.username,
      roster.identifier,
      ...(roster.userIds ?? []).map((u) => u.identifier),
    ]
      .filter((v): v is string => !!v)
      .map((v) => splitEmail(v).local),
    givenName: roster.givenName,
  };
}

/**
 * How likely a license entry is the same person as a roster teacher whose email differs: evidence
 * from names (exact, nickname, initial; accents, hyphens and apostrophes ignored), the license
 * email's local part against the patterns a district uses, an unchanged local part on another
 * domain, and the roster's username and ids. 0 is no evidence; never 1 (an email differs).
 */
export function scoreMatch(
  roster: RosterPerson | PreparedRosterPerson,
  license: LicensePerson,
): MatchScore {
  const r = 'patterns' in roster ? roster : prepareRosterPerson(roster);
  const evidence: string[] = [];
  let score = 0;
  const l = splitEmail(license.email);
  const lKey = localKey(l.local);

  const lGiven = nameKey(license.givenName);
  const lFamily = nameKey(license.familyName);
  let familyMatch = false;
  if (lFamily) {
    if (lFamily === r.family) {
      score += 0.4;
      familyMatch = true;
      evidence.push('same family name');
    } else if (nameTokens(license.familyName).some((t) => r.familyTokens.has(t) && t.length > 2)) {
      score += 0.3;
      familyMatch = true;
      evidence.push('family names share a part (hyphenated or double name)');
    } else if (oneLetterApart(lFamily, r.family)) {
      score += 0.3;
      familyMatch = true;
      evidence.push(`family names differ by one letter (${license.familyName} / ${r.familyName})`);
    }
  }
  if (lGiven && familyMatch) {
    if (lGiven === r.given) {
      score += 0.3;
      evidence.push('same given name');
    } else if (isNickname(lGiven, r.given)) {
      score += 0.25;
      evidence.push(`given names are variants (${license.givenName} / ${r.givenName})`);
    } else if (lGiven[0] === r.given[0] && (lGiven.length === 1 || r.given.length === 1)) {
      score += 0.12;
      evidence.push('same initial');
    } else if (oneLetterApart(lGiven, r.given)) {
      score += 0.2;
      evidence.push(`given names differ by one letter (${license.givenName} / ${r.givenName})`);
    } else if (
      [...givenVariants(r.given)].some((v) => v !== r.given && oneLetterApart(lGiven, v))
    ) {
      score += 0.15;
      evidence.push(`given name is a nickname of ${r.givenName} with one letter different`);
    }
  }
  if (l.local === r.email.local && l.domain !== r.email.domain) {
    score += 0.55;
    evidence.push(`same local part on another domain (${l.domain} -> ${r.email.domain})`);
  } else {
    const pattern = r.patterns.get(lKey);
    if (pattern) {
      score += pattern.weight;
      evidence.push(`license email follows the ${pattern.pattern} pattern of the roster name`);
    }
  }
  if (r.idLocals.includes(l.local)) {
    score += 0.3;
    evidence.push('license email local part equals the roster username or an id');
  }
  // A license email at a personal mail provider says little about who it is: without strong name
  // evidence (same family name and the same or a variant given name) it stays below "very likely".
  const strongNames =
    familyMatch && !!lGiven && (lGiven === r.given || isNickname(lGiven, r.given));
  if (
    PERSONAL_DOMAINS.has(l.domain) &&
    l.domain !== r.email.domain &&
    !strongNames &&
    score > CAP
  ) {
    score = CAP;
    evidence.push(
      `the license email is at a personal mail provider (${l.domain}): not "very likely" without the names`,
    );
  }
  const rounded = Math.round(score * 100) / 100;
  return { confidence: Math.min(0.99, rounded), score: rounded, evidence };
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
