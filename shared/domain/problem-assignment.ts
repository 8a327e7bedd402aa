import type { Finding, FindingCode } from './finding';

/**
 * The order in which a person's problems are fixed: the first one named here is the problem the
 * person is filed under on Start here, in the sync preview and in the troubleshooter's verdict;
 * the others are shown beside it as "also". A teacher with no email can be neither matched nor
 * invited; a shared or broken email must be corrected before anything is matched to it; an email
 * that differs from the license must be fixed before an invitation is resent (it would go to the
 * wrong address); an invitation before the classes.
 */
export const PERSON_ORDER = [
  'MISSING_EMAIL',
  'DUPLICATE_EMAIL',
  'INVALID_EMAIL',
  'ROLE_MISMATCH',
  'EMAIL_MISMATCH',
  'EMAIL_CASE_OR_SPACE',
  'NOT_ON_LICENSE',
  'DUPLICATE_ACCOUNT',
  'INVITE_PENDING',
  'TEACHER_NO_CLASSES',
  'NOT_IN_ROSTER',
  'STUDENT_NO_ENROLLMENT',
] as const satisfies readonly FindingCode[];

const RANK = new Map<FindingCode, number>(PERSON_ORDER.map((c, i) => [c, i]));

/** Whether findings of this code are about people (else about classes, orgs, connections, the district). */
export const isPersonCode = (code: FindingCode): boolean => RANK.has(code);

/** A finding as Start here files it: under its own problem, or under the person's first one. */
export interface Filed {
  finding: Finding;
  /** The problem it is filed under: its own code, or the code of the person's first problem. */
  filedUnder: FindingCode;
  /** For a finding filed under its own code: the codes of the person's other findings, in fix order. */
  also: FindingCode[];
}

/** Whether a finding is its person's problem on Start here (not an "also" of another one). */
export const isPrimary = (f: Filed): boolean => f.filedUnder === f.finding.code;

/**
 * The keys that name a person in a finding: a roster user by id, a license entry or a platform
 * account by email (the rostered account and the license entry of one teacher share it). The
 * users of a DUPLICATE_EMAIL are different people sharing one address: each is named by id only.
 */
export function personKeys(f: Finding): string[][] {
  if (!isPersonCode(f.code)) return [];
  if (f.code === 'DUPLICATE_EMAIL')
    return f.subjects.filter((s) => s.kind === 'user').map((s) => [`user:${s.id}`]);
  const keys: string[] = [];
  for (const s of f.subjects) {
    if (s.kind === 'user') keys.push(`user:${s.id}`);
    if (s.kind === 'account') keys.push(`account:${s.id}`);
    if ((s.kind === 'user' || s.kind === 'license' || s.kind === 'account') && s.email?.trim())
      keys.push(`email:${s.email.trim().toLowerCase()}`);
  }
  return keys.length ? [keys] : [];
}

/**
 * Files every finding: a finding about people is filed under its own code only when none of its
 * people has a problem that comes earlier in PERSON_ORDER; else under that earlier problem, where
 * it is shown as an "also". Findings about classes, orgs and connections keep their own code. One pass to link the keys
 * of each person (union-find), one to find each person's first problem, one to file: linear in
 * the findings.
 */
export function fileByPerson(findings: readonly Finding[]): Filed[] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) root = p;
    for (let at = k; at !== root;) {
      const next = parent.get(at) ?? root;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const people = findings.map(personKeys);
  for (const groups of people)
    for (const keys of groups) {
      const [first] = keys;
      if (first === undefined) continue;
      if (!parent.has(first)) parent.set(first, first);
      for (const k of keys) {
        if (!parent.has(k)) parent.set(k, k);
        union(first, k);
      }
    }
  const rootsOf = (i: number) =>
    (people[i] ?? []).flatMap((keys) => (keys[0] === undefined ? [] : [find(keys[0])]));
  const best = new Map<string, number>();
  const codes = new Map<string, Set<FindingCode>>();
  findings.forEach((f, i) => {
    const rank = RANK.get(f.code);
    if (rank === undefined) return;
    for (const root of rootsOf(i)) {
      if ((best.get(root) ?? Infinity) > rank) best.set(root, rank);
      let set = codes.get(root);
      if (!set) codes.set(root, (set = new Set()));
      set.add(f.code);
    }
  });
  const filed: Filed[] = [];
  findings.forEach((f, i) => {
    const rank = RANK.get(f.code);
    if (rank === undefined) {
      filed.push({ finding: f, filedUnder: f.code, also: [] });
      return;
    }
    const roots = rootsOf(i);
    const first = Math.min(rank, ...roots.map((r) => best.get(r) ?? rank));
    if (first < rank) {
      filed.push({ finding: f, filedUnder: PERSON_ORDER[first] ?? f.code, also: [] });
      return;
    }
    const also = new Set<FindingCode>();
    for (const r of roots) for (const c of codes.get(r) ?? []) if (c !== f.code) also.add(c);
    filed.push({
      finding: f,
      filedUnder: f.code,
      also: [...also].sort((a, b) => (RANK.get(a) ?? 0) - (RANK.get(b) ?? 0)),
    });
  });
  return filed;
}
