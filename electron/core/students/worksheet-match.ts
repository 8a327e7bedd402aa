import { RULE_LABEL, fitTypedName } from '../../../shared/matching/typed-name';
import type { NameFit, NameRule } from '../../../shared/matching/typed-name';
import type { SchoolStudent } from '../snapshot/students-reader';

/** A rostered student as the snapshot reads them: only a live one is merged into. */
export type RosterStudent = SchoolStudent;

/** A student the typed name fits, and how. */
export interface StudentCandidate {
  student: RosterStudent;
  fit: NameFit;
  /** In an active class of the teacher who made the old account: the strongest evidence there is. */
  inTeachersClasses: boolean;
}

export interface StudentMatch {
  student: RosterStudent;
  rule: NameRule;
  confidence: number;
  evidence: string[];
}

export type StudentDecision =
  | { kind: 'match'; match: StudentMatch }
  /** Someone must choose: ambiguous, outside the teacher's classes, or a namesake who left. */
  | { kind: 'review'; reason: string; candidates: StudentCandidate[] }
  /** Nobody fits (candidates: the closest names, if any, for the admin to pick from). */
  | { kind: 'unknown'; reason: string; candidates: StudentCandidate[] };

const CONFIDENCE: Record<1 | 2 | 3, number> = { 1: 0.97, 2: 0.93, 3: 0.9 };
const SHOWN = 3;

const byStrength = (a: StudentCandidate, b: StudentCandidate) =>
  a.fit.tier - b.fit.tier ||
  Number(b.inTeachersClasses) - Number(a.inTeachersClasses) ||
  Number(b.student.live) - Number(a.student.live);

const named = (s: RosterStudent) => `${s.givenName} ${s.familyName} (${s.sourcedId})`;

/**
 * Whose old account this is, from the name a teacher typed. The teacher's own classes decide:
 *
 * - A merge is proposed only for a live student in the classes of the teacher who made the account,
 *   when the evidence singles them out: the same name, unique there (a namesake elsewhere at the
 *   school does not matter: the class settles it); a nickname or one part of a double family name,
 *   the only student there the name fits at all; a slip (one-letter typo, swapped names, a last
 *   initial, the first name alone), the only student there the name fits at all and nobody else
 *   at the school fitting better.
 * - A student who left (tobedeleted or disabled) and fits as well as the live one makes it a review:
 *   the account may be theirs.
 * - Fits only outside the teacher's classes, or several equally good ones, make it a review with
 *   the best candidates; never a guess.
 */
export function matchStudent(
  typedGiven: string,
  typedFamily: string,
  scope: RosterStudent[],
  inTeachersClasses: (sourcedId: string) => boolean,
  scopeLabel: string,
): StudentDecision {
  const typed = { given: typedGiven, family: typedFamily };
  const typedName = `${typedGiven} ${typedFamily}`.trim();
  const all: StudentCandidate[] = [];
  for (const student of scope) {
    const fit = fitTypedName(typed, student);
    if (fit) all.push({ student, fit, inTeachersClasses: inTeachersClasses(student.sourcedId) });
  }
  all.sort(byStrength);
  if (all.length === 0)
    return {
      kind: 'unknown',
      reason: `no rostered student named ${typedName} at ${scopeLabel}`,
      candidates: [],
    };

  const mine = all.filter((c) => c.inTeachersClasses);
  const mineLive = mine.filter((c) => c.student.live);
  const best = mineLive[0];
  if (!best) {
    const left = all.find((c) => !c.student.live);
    if (left && all.every((c) => !c.student.live))
      return {
        kind: 'unknown',
        reason: `${named(left.student)} is marked tobedeleted or disabled in the roster: nothing to merge into`,
        candidates: all.slice(0, SHOWN),
      };
    return {
      kind: 'review',
      reason: `${typedName} fits no student in the classes of the teacher who made the account; ${all.length === 1 ? 'one student' : `${all.length} students`} at ${scopeLabel} ${all.length === 1 ? 'fits' : 'fit'} the name`,
      candidates: all.slice(0, SHOWN),
    };
  }
  const tier = best.fit.tier;
  const sameTier = mineLive.filter((c) => c.fit.tier === tier);
  if (sameTier.length > 1)
    return {
      kind: 'review',
      reason: `${sameTier.length} students in the teacher's classes fit ${typedName} equally (${RULE_LABEL[best.fit.rule]})`,
      candidates: sameTier.slice(0, SHOWN),
    };
  const leftAsGood = all.find((c) => !c.student.live && c.fit.tier <= tier);
  if (leftAsGood)
    return {
      kind: 'review',
      reason: `${named(leftAsGood.student)}, who left (tobedeleted or disabled), fits ${typedName} as well: the account may be theirs`,
      candidates: [best, leftAsGood],
    };
  if (tier > 1) {
    // Anyone else in the class the name fits at all, or anyone at the school it fits better.
    const rival =
      mine.find((c) => c !== best) ?? all.find((c) => !c.inTeachersClasses && c.fit.tier < tier);
    if (rival)
      return {
        kind: 'review',
        reason: `${typedName} fits ${named(best.student)} by ${RULE_LABEL[best.fit.rule]}, but also ${named(rival.student)} (${RULE_LABEL[rival.fit.rule]}${rival.inTeachersClasses ? '' : ", outside the teacher's classes"})`,
        candidates: [best, rival],
      };
  }
  const confidence = CONFIDENCE[tier];
  const namesakes = all.filter((c) => !c.inTeachersClasses && c.fit.tier <= tier).length;
  return {
    kind: 'match',
    match: {
      student: best.student,
      rule: best.fit.rule,
      confidence,
      evidence: [
        `Roster student ${named(best.student)}: ${best.fit.why}`,
        `Rule: ${RULE_LABEL[best.fit.rule]}, the only student it fits in the classes of the teacher who made the old account`,
        ...(namesakes > 0
          ? [
              `${namesakes === 1 ? 'A namesake' : `${namesakes} namesakes`} at ${scopeLabel} outside those classes ${namesakes === 1 ? 'was' : 'were'} not taken: the teacher's class decides`,
            ]
          : []),
        `Confidence ${Math.round(confidence * 100)}%`,
      ],
    },
  };
}
