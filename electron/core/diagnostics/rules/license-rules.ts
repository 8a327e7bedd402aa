import type { Finding } from '../../../../shared/domain/finding';
import type { LicenseEntry } from '../../../../shared/domain/license';
import {
  localKey,
  nameKey,
  normalizeEmail,
  splitEmail,
  isValidEmail,
} from '../../../../shared/matching/normalize';
import { givenVariants } from '../../../../shared/matching/nicknames';
import {
  PLAUSIBLE,
  prepareRosterPerson,
  scoreMatch,
} from '../../../../shared/matching/score-match';
import { bestAssignment } from '../../../../shared/matching/assignment';
import { fullName } from '../diagnostics-context';
import type { DiagnosticsContext, LicenseMatch, RosterPersonRow } from '../diagnostics-context';
import { finding } from '../make-finding';

/** A runner-up closer than this to a pair makes it not sure: below 0.9, never in "Fix all". */
export const SURE_MARGIN = 0.15;

/**
 * Name blocks that survive a typo: the given name with the family name's first or last two letters
 * and its length. A typo keeps the length, a letter left out changes it by one: `lengths` are the
 * lengths to look under (an entry is filed under its own). Without the length, a leaver filed as
 * "Ana Former-Jones" landed in the block of every "Ana …nes" and was paired by the shared part.
 */
function typoBlocks(given: string, family: string, lengths = [family.length]): string[] {
  if (family.length < 4) return [];
  return lengths.flatMap((n) => [
    `gp:${given}:${family.slice(0, 2)}:${n}`,
    `gs:${given}:${family.slice(-2)}:${n}`,
  ]);
}

/**
 * Pairs roster teachers with license entries: the same email; the same after trimming and
 * lower-casing; else the most likely same person (names, nicknames, typos, local-part patterns,
 * old and new domain, ids). The likely pairs are one to one by an assignment over all candidate
 * pairs, not best-first; a pair whose teacher or entry has a close second (another entry, another
 * teacher) is lowered below 0.9 and says who else fits, so a license email that fits two people
 * is never an automatic fix. Pure over its inputs.
 */
export function matchLicense(
  teachers: RosterPersonRow[],
  license: LicenseEntry[],
): {
  matches: LicenseMatch[];
  unmatchedTeachers: RosterPersonRow[];
  unmatchedEntries: LicenseEntry[];
} {
  const exact = new Map(license.map((e) => [e.email, e]));
  const normalized = new Map(license.map((e) => [normalizeEmail(e.email), e]));
  const used = new Set<LicenseEntry>();
  const matches: LicenseMatch[] = [];
  const open: RosterPersonRow[] = [];
  for (const t of teachers) {
    const email = t.email ?? '';
    const same = exact.get(email);
    const close = same ? undefined : normalized.get(normalizeEmail(email));
    const entry = same ?? close;
    // Two roster users with one email both match its entry: DUPLICATE_EMAIL reports that.
    if (entry) {
      used.add(entry);
      matches.push({
        teacher: t,
        entry,
        how: same ? 'exact' : 'case-or-space',
        confidence: 1,
        evidence: [],
      });
    } else open.push(t);
  }
  // Candidate pairs through blocking keys (family name, local part, name patterns): never all pairs.
  const remaining = license.filter((e) => !used.has(e));
  const index = new Map<string, LicenseEntry[]>();
  const add = (key: string, e: LicenseEntry) => {
    if (!key) return;
    const list = index.get(key) ?? [];
    list.push(e);
    index.set(key, list);
  };
  for (const e of remaining) {
    // Family name with the given initial: family alone is too coarse where many share a surname.
    const given = nameKey(e.givenName);
    const family = nameKey(e.familyName);
    add(given ? `fg:${family}:${given[0] ?? ''}` : `f:${family}`, e);
    for (const k of typoBlocks(given, family)) add(k, e);
    const { local } = splitEmail(e.email);
    add(`l:${local}`, e);
    add(`k:${localKey(local)}`, e);
  }
  const pairs: {
    t: RosterPersonRow;
    e: LicenseEntry;
    confidence: number;
    score: number;
    evidence: string[];
  }[] = [];
  for (const t of open) {
    // A teacher whose roster email is not an address (jane_doe.example.org) is still matched by
    // name and ids, so their license entry is not called "missing from the roster".
    const validEmail = !!t.email && isValidEmail(t.email);
    const person = prepareRosterPerson({
      email: validEmail ? (t.email ?? '') : '',
      givenName: t.givenName,
      familyName: t.familyName,
      username: t.username,
      identifier: t.identifier,
      userIds: t.userIds,
    });
    const variants = [...givenVariants(person.given)];
    const keys = [
      `f:${person.family}`,
      ...variants.map((g) => `fg:${person.family}:${g[0] ?? ''}`),
      ...variants.flatMap((g) =>
        typoBlocks(g, person.family, [
          person.family.length - 1,
          person.family.length,
          person.family.length + 1,
        ]),
      ),
      ...(validEmail ? [`l:${person.email.local}`] : []),
      ...[...person.patterns.keys()].map((k) => `k:${k}`),
      ...person.idLocals.map((local) => `l:${local}`),
    ];
    const candidates = new Set(keys.flatMap((k) => index.get(k) ?? []));
    for (const e of candidates) {
      const s = scoreMatch(person, e);
      if (s.confidence >= PLAUSIBLE) pairs.push({ t, e, ...s });
    }
  }
  // Each side's best and second-best score, to judge how sure a chosen pair is.
  const byTeacher = new Map<RosterPersonRow, typeof pairs>();
  const byEntry = new Map<LicenseEntry, typeof pairs>();
  for (const p of pairs) {
    const ofTeacher = byTeacher.get(p.t);
    if (ofTeacher) ofTeacher.push(p);
    else byTeacher.set(p.t, [p]);
    const ofEntry = byEntry.get(p.e);
    if (ofEntry) ofEntry.push(p);
    else byEntry.set(p.e, [p]);
  }
  const chosen = bestAssignment(pairs.map((p) => ({ a: p.t, b: p.e, weight: p.score, p })));
  const paired = new Set<RosterPersonRow>();
  for (const { p } of chosen) {
    paired.add(p.t);
    used.add(p.e);
    // The closest other fit on each side: another entry for this teacher, another teacher for
    // this entry. Either within the margin makes the pair not sure, and the evidence names it.
    const best = (list: typeof pairs) => list.sort((x, y) => y.score - x.score)[0];
    const rivals = [
      best((byTeacher.get(p.t) ?? []).filter((q) => q !== p)),
      best((byEntry.get(p.e) ?? []).filter((q) => q !== p)),
    ].filter((q): q is (typeof pairs)[number] => !!q && p.score - q.score < SURE_MARGIN);
    let confidence = p.confidence;
    const evidence = [...p.evidence];
    for (const rival of rivals) {
      const margin = Math.max(0, p.score - rival.score);
      confidence = Math.min(confidence, Math.round((0.6 + margin) * 100) / 100);
      const other =
        rival.t === p.t
          ? `${fullName(p.t)} also fits the license entry ${rival.e.email}`
          : `${p.e.email} also fits ${fullName(rival.t)} (${rival.t.email ?? 'no roster email'})`;
      evidence.push(
        rival.score > p.score
          ? `${other}, better (${rival.score.toFixed(2)} against ${p.score.toFixed(2)}): this pairing leaves each the fit that works for all, but it is not sure`
          : `${other} nearly as well (${rival.score.toFixed(2)} against ${p.score.toFixed(2)}): not sure enough to fix without a look`,
      );
    }
    matches.push({
      teacher: p.t,
      entry: p.e,
      how: p.t.email && isValidEmail(p.t.email) ? 'suggested' : 'invalid-roster-email',
      confidence,
      evidence,
    });
  }
  return {
    matches,
    unmatchedTeachers: open.filter((t) => !paired.has(t)),
    unmatchedEntries: license.filter((e) => !used.has(e)),
  };
}

/** The context's license matching, computed once and shared by the rules and the user report. */
export function licenseMatchOf(ctx: DiagnosticsContext): ReturnType<typeof matchLicense> {
  ctx.licenseMatch ??= matchLicense(
    ctx.staff.filter((p) => p.role === 'teacher'),
    ctx.license ?? [],
  );
  return ctx.licenseMatch;
}

/**
 * Without a license list, TEACHER_NO_CLASSES still says which teachers the roster sends without a
 * class (a real Clever district's unsectioned teachers appeared only once a license was given).
 */
function teachersWithoutClasses(ctx: DiagnosticsContext): Finding[] {
  return ctx.staff
    .filter((t) => t.role === 'teacher' && t.classes === 0)
    .map((t) =>
      finding('TEACHER_NO_CLASSES', {
        subjects: [{ kind: 'user', id: t.sourcedId, email: t.email ?? '' }],
        message: `${fullName(t)} is a teacher in the roster, but the roster sends no class for them`,
        fix: {
          where: 'sis',
          action: "Load the teacher's classes in the SIS so the rostering service sends them",
        },
      }),
    );
}

/** EMAIL_MISMATCH, EMAIL_CASE_OR_SPACE, INVITE_PENDING, NOT_ON_LICENSE, NOT_IN_ROSTER, TEACHER_NO_CLASSES. */
export function licenseRules(ctx: DiagnosticsContext): Finding[] {
  if (!ctx.license) return teachersWithoutClasses(ctx);
  const { matches, unmatchedTeachers, unmatchedEntries } = licenseMatchOf(ctx);
  const out: Finding[] = [];
  for (const m of matches) {
    const t = m.teacher;
    const user = { kind: 'user' as const, id: t.sourcedId, email: t.email ?? '' };
    const entry = { kind: 'license' as const, id: m.entry.email, email: m.entry.email };
    if (m.how === 'suggested') {
      out.push(
        finding('EMAIL_MISMATCH', {
          subjects: [user, entry],
          message: `${fullName(t)}'s platform email ${m.entry.email} differs from the roster email ${t.email ?? ''}, so their classes cannot import`,
          evidence: m.evidence,
          fix: {
            where: 'rosterdesk',
            action: `Change the platform account's email from ${m.entry.email} to ${t.email ?? ''} (propose it in RosterDesk, approve, push)`,
          },
          suggestion: {
            rosterEmail: t.email ?? '',
            licenseEmail: m.entry.email,
            confidence: m.confidence,
          },
        }),
      );
    } else if (m.how === 'case-or-space') {
      out.push(
        finding('EMAIL_CASE_OR_SPACE', {
          subjects: [user, entry],
          message: `${fullName(t)}'s roster email "${t.email ?? ''}" equals the license email ${m.entry.email} only after trimming spaces and lower-casing`,
          fix: {
            where: 'rostering-service',
            action: 'Correct the email at the source so it is written exactly as on the license',
          },
        }),
      );
    }
    if (m.entry.status === 'invited') {
      out.push(
        finding('INVITE_PENDING', {
          subjects: [user, entry],
          message: `${fullName(t)} was invited${m.entry.invitedAt ? ` on ${m.entry.invitedAt.slice(0, 10)}` : ''} but has not accepted the license invitation or finished creating the account`,
          fix: {
            where: 'rosterdesk',
            action: 'Resend the invitation and ask the teacher to finish account creation',
          },
        }),
      );
    }
    if (t.classes === 0) {
      out.push(
        finding('TEACHER_NO_CLASSES', {
          subjects: [user],
          message: `${fullName(t)} is on the license but the roster sends no class for them`,
          fix: {
            where: 'sis',
            action: "Load the teacher's classes in the SIS so the rostering service sends them",
          },
        }),
      );
    }
  }
  for (const t of unmatchedTeachers) {
    if (t.classes === 0 || !t.email || !isValidEmail(t.email)) continue;
    out.push(
      finding('NOT_ON_LICENSE', {
        subjects: [{ kind: 'user', id: t.sourcedId, email: t.email }],
        message: `${fullName(t)} teaches ${t.classes} class${t.classes === 1 ? '' : 'es'} in the roster but is not on the license`,
        fix: {
          where: 'rosterdesk',
          action: `Invite ${t.email} to the license (a seat), or leave them out on purpose`,
        },
      }),
    );
  }
  for (const e of unmatchedEntries) {
    out.push(
      finding('NOT_IN_ROSTER', {
        subjects: [{ kind: 'license', id: e.email, email: e.email }],
        message: `${[e.givenName, e.familyName].filter(Boolean).join(' ') || e.email} is on the license, but the roster sends no teacher with that email or a likely match`,
        fix: {
          where: 'rostering-service',
          action:
            'Check the teacher is shared with the platform in the rostering service, or remove them from the license',
        },
      }),
    );
  }
  return out;
}
