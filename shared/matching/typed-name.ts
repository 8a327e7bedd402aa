import { distance } from 'fastest-levenshtein';
import { isNickname } from './nicknames';
import { nameKey, nameTokens } from './normalize';

/**
 * How a name a person typed (a teacher filling the old-accounts worksheet) fits a rostered name,
 * as one named rule. Tier 1 is the same name; tier 2 a nickname or one part of a double family
 * name; tier 3 a slip a teacher makes (one-letter typo, first and last swapped, a last initial,
 * the first name alone), which is only ever evidence inside the teacher's own classes.
 */
export type NameRule =
  'exact' | 'nickname' | 'family-part' | 'typo' | 'swapped' | 'last-initial' | 'first-name-only';

export interface NameFit {
  rule: NameRule;
  tier: 1 | 2 | 3;
  /** In words, for the evidence. */
  why: string;
}

const TIER: Record<NameRule, 1 | 2 | 3> = {
  exact: 1,
  nickname: 2,
  'family-part': 2,
  typo: 3,
  swapped: 3,
  'last-initial': 3,
  'first-name-only': 3,
};

/** One edit apart (a letter typed wrong, left out or added), on names of 4 letters or more. */
function oneTypo(a: string, b: string): boolean {
  return a !== b && Math.min(a.length, b.length) >= 4 && distance(a, b) === 1;
}

/** "G", "G." -> "g": a family name typed as its initial. */
function initialOf(typedFamily: string): string | null {
  const t = typedFamily.trim();
  return /^\p{L}\.?$/u.test(t) ? nameKey(t) || null : null;
}

/**
 * The strongest rule by which `typed` fits `roster`, or null. Accents, capitals, hyphens,
 * apostrophes and spaces are ignored throughout. A typed family name that is one part of the
 * roster's double name fits ("Jones" for "Smith-Jones"); the reverse ("Smith-Jones" typed for a
 * "Jones") does not: one shared part is not enough.
 */
export function fitTypedName(
  typed: { given: string; family: string },
  roster: { givenName: string; familyName: string },
): NameFit | null {
  const tg = nameKey(typed.given);
  const tf = nameKey(typed.family);
  const sg = nameKey(roster.givenName);
  const sf = nameKey(roster.familyName);
  if (!tg || !sg || !sf) return null;
  const fit = (rule: NameRule, why: string): NameFit => ({ rule, tier: TIER[rule], why });
  const nick = isNickname(tg, sg) || isNickname(sg, tg);
  const names = `"${`${typed.given} ${typed.family}`.trim()}" for ${roster.givenName} ${roster.familyName}`;

  if (tf === sf && tg === sg)
    return fit('exact', 'same name (accents, capitals and hyphens aside)');
  if (tf === sf && nick)
    return fit('nickname', `"${typed.given}" is a nickname of "${roster.givenName}"`);
  const typedParts = nameTokens(typed.family);
  const rosterParts = nameTokens(roster.familyName);
  const part =
    typedParts.length > 0 &&
    typedParts.every((p) => p.length > 1) &&
    rosterParts.length > typedParts.length &&
    typedParts.every((p) => rosterParts.includes(p));
  if (part && tg === sg)
    return fit(
      'family-part',
      `"${typed.family}" is one part of the double family name "${roster.familyName}"`,
    );
  if (!tf && tg === sg) return fit('first-name-only', `only the first name was typed (${names})`);
  const initial = initialOf(typed.family);
  if (initial && (tg === sg || nick) && sf.startsWith(initial))
    return fit(
      'last-initial',
      `"${typed.family}" is the initial of "${roster.familyName}"${nick ? ` and "${typed.given}" a nickname of "${roster.givenName}"` : ''}`,
    );
  if (tg === sf && tf === sg)
    return fit('swapped', `first and last names typed the other way round (${names})`);
  if (tf === sf && oneTypo(tg, sg))
    return fit(
      'typo',
      `one letter differs in the first name ("${typed.given}" / "${roster.givenName}")`,
    );
  if (tg === sg && oneTypo(tf, sf))
    return fit(
      'typo',
      `one letter differs in the last name ("${typed.family}" / "${roster.familyName}")`,
    );
  if (part && nick)
    return {
      rule: 'family-part',
      tier: 3,
      why: `"${typed.given}" is a nickname of "${roster.givenName}" and "${typed.family}" one part of "${roster.familyName}"`,
    };
  return null;
}

export const RULE_LABEL: Record<NameRule, string> = {
  exact: 'the same name',
  nickname: 'a nickname',
  'family-part': 'one part of a double family name',
  typo: 'a one-letter typo',
  swapped: 'first and last names swapped',
  'last-initial': 'a last initial',
  'first-name-only': 'the first name alone',
};
