import { isNickname } from '../../../shared/matching/nicknames';
import { nameKey, nameTokens } from '../../../shared/matching/normalize';

export interface RosterStudent {
  sourcedId: string;
  givenName: string;
  familyName: string;
  /** Active and enabled: only a live student is merged into; any namesake makes a row ambiguous. */
  live: boolean;
}

export interface StudentMatch {
  student: RosterStudent;
  confidence: number;
  evidence: string[];
}

/** Two candidates closer than this are a tie: the row is listed as ambiguous, never guessed. */
const TIE = 0.05;
const MIN_CONFIDENCE = 0.75;

/** How the typed name compares to a rostered student's, with why (accents, hyphens, nicknames). */
function scoreName(
  typedGiven: string,
  typedFamily: string,
  s: RosterStudent,
): { score: number; why: string } | null {
  const tf = nameKey(typedFamily);
  const sf = nameKey(s.familyName);
  const tg = nameKey(typedGiven);
  const sg = nameKey(s.givenName);
  if (!tf || !tg) return null;
  let family: 'exact' | 'part' | null = null;
  if (tf === sf) family = 'exact';
  else {
    // One part of a double family name ("García" for "García-López").
    const typed = nameTokens(typedFamily);
    const roster = nameTokens(s.familyName);
    if (
      typed.length > 0 &&
      roster.length > 0 &&
      (typed.every((t) => roster.includes(t)) || roster.every((r) => typed.includes(r)))
    )
      family = 'part';
  }
  if (!family) return null;
  let given: 'exact' | 'nickname' | 'part' | null = null;
  if (tg === sg) given = 'exact';
  else if (isNickname(tg, sg) || isNickname(sg, tg)) given = 'nickname';
  else if (nameTokens(typedGiven)[0] === nameTokens(s.givenName)[0]) given = 'part';
  if (!given) return null;
  const score =
    family === 'exact'
      ? given === 'exact'
        ? 0.97
        : given === 'nickname'
          ? 0.88
          : 0.85
      : given === 'exact'
        ? 0.85
        : 0.78;
  const accents =
    typedGiven.normalize('NFC') !== s.givenName.normalize('NFC') ||
    typedFamily.normalize('NFC') !== s.familyName.normalize('NFC');
  const why = [
    given === 'exact'
      ? accents
        ? 'same name, ignoring accents, hyphens and capitals'
        : 'same name'
      : given === 'nickname'
        ? `"${typedGiven}" is a nickname of "${s.givenName}"`
        : `"${typedGiven}" is part of the given name "${s.givenName}"`,
    ...(family === 'part' ? [`"${typedFamily}" is part of the family name "${s.familyName}"`] : []),
  ].join('; ');
  return { score, why };
}

/**
 * The rostered student a typed name belongs to, among the students of the old account's school,
 * preferring one in the classes of the teacher who made the account. Two near-equal candidates
 * make the row ambiguous: listed with both, never guessed.
 */
export function matchStudent(
  typedGiven: string,
  typedFamily: string,
  scope: RosterStudent[],
  inTeachersClasses: (sourcedId: string) => boolean,
  scopeLabel: string,
):
  | { kind: 'match'; match: StudentMatch }
  | { kind: 'ambiguous'; candidates: RosterStudent[] }
  | { kind: 'unknown' }
  | { kind: 'not-live'; student: RosterStudent } {
  const scored: StudentMatch[] = [];
  for (const s of scope) {
    const r = scoreName(typedGiven, typedFamily, s);
    if (!r) continue;
    const mine = inTeachersClasses(s.sourcedId);
    scored.push({
      student: s,
      confidence: Math.min(0.99, r.score + (mine ? 0.02 : 0)),
      evidence: [
        `Roster student ${s.givenName} ${s.familyName} (${s.sourcedId}): ${r.why}`,
        mine
          ? 'In the classes of the teacher who made the old account'
          : `At ${scopeLabel}, not in the classes of the teacher who made the old account`,
      ],
    });
  }
  scored.sort((a, b) => b.confidence - a.confidence);
  const [best, second] = scored;
  if (!best || best.confidence < MIN_CONFIDENCE) return { kind: 'unknown' };
  if (second && second.confidence >= best.confidence - TIE)
    return {
      kind: 'ambiguous',
      candidates: scored.filter((s) => s.confidence >= best.confidence - TIE).map((s) => s.student),
    };
  if (!best.student.live) return { kind: 'not-live', student: best.student };
  return {
    kind: 'match',
    match: {
      ...best,
      evidence: [...best.evidence, `Confidence ${Math.round(best.confidence * 100)}%`],
    },
  };
}
