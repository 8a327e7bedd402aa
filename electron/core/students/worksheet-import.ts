import { parse } from 'csv-parse/sync';
import { isOldStudentAccount } from '../../../shared/domain/old-students';
import type { ReviewCandidate, WorksheetImportResult } from '../../../shared/domain/old-students';
import { WEAKER_MATCH_PREFIX } from '../../../shared/domain/change';
import type { StageRequest } from '../../../shared/domain/change';
import { RULE_LABEL } from '../../../shared/matching/typed-name';
import { nameKey } from '../../../shared/matching/normalize';
import { AppError } from '../../../shared/ipc/errors';
import type { PlatformAccount } from '../../../shared/platform/platform-wire';
import type { SnapshotReader } from '../snapshot/snapshot-reader';
import type { QueuedRow } from './review-queue';
import { matchStudent } from './worksheet-match';
import type { RosterStudent } from './worksheet-match';

const REQUIRED = ['old_username', 'real_first_name', 'real_last_name'] as const;

/** "Real First Name" / "real-first-name" / "REAL_FIRST_NAME" -> "real_first_name". */
const columnKey = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** The delimiter of the header line: comma, semicolon (spreadsheets in many locales) or tab. */
function delimiterOf(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

export interface WorksheetContext {
  accounts: PlatformAccount[];
  reader: SnapshotReader;
  /** Stages one merge; throws (e.g. already staged) with a message for the row. */
  stage(request: Extract<StageRequest, { kind: 'merge' }>): { id: string };
  /** The review queue: rows a person must decide, and accounts a merge now settles. */
  queue: { put(rows: QueuedRow[]): void; resolveAccounts(accountIds: string[]): void };
}

/**
 * Reads a filled worksheet row by row: each typed name is matched to a rostered student of the old
 * account's school (the teacher's classes first) and becomes a staged merge; ambiguous rows, names
 * that match nobody and bad rows are listed with their line, and the good rows are kept.
 */
export function importWorksheet(
  fileName: string,
  text: string,
  ctx: WorksheetContext,
): WorksheetImportResult {
  if (text.trim() === '')
    throw new AppError('VALIDATION', `${fileName} is empty: fill in the worksheet and upload it`);
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw new AppError(
      'VALIDATION',
      `${fileName} is not a readable CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const header = (records[0] ?? []).map(columnKey);
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0)
    throw new AppError(
      'VALIDATION',
      `${fileName}:1 has no ${missing.join(', ')} column (found: ${header.filter(Boolean).join(', ') || 'none'}). Use the worksheet RosterDesk exports.`,
    );
  const col = (row: string[], name: string) => (row[header.indexOf(name)] ?? '').trim();

  const byUsername = new Map<string, PlatformAccount>();
  for (const a of ctx.accounts) if (a.username) byUsername.set(a.username.toLowerCase(), a);
  const rosteredInto = new Map<string, PlatformAccount>();
  for (const a of ctx.accounts)
    if (a.role === 'student' && a.provenance !== 'manual' && a.rosterId && !a.mergedInto)
      rosteredInto.set(a.rosterId, a);

  const students = ctx.reader.students.studentsBySchool();
  const schoolsByName = new Map<string, string[]>();
  const schoolName = new Map<string, string>();
  for (const s of ctx.reader.schools()) {
    schoolsByName.set(s.name, [...(schoolsByName.get(s.name) ?? []), s.sourcedId]);
    schoolName.set(s.sourcedId, s.name);
  }
  const schoolOfStudent = new Map<string, string>();
  const studentById = new Map<string, RosterStudent>();
  for (const [school, list] of students)
    for (const st of list) {
      schoolOfStudent.set(st.sourcedId, school);
      studentById.set(st.sourcedId, st);
    }
  const classTitlesOf = ctx.reader.students.classTitlesOf();
  const candidateView = (
    student: RosterStudent,
    inTeachersClasses: boolean,
    fit: string,
  ): ReviewCandidate => ({
    sourcedId: student.sourcedId,
    name: `${student.givenName} ${student.familyName}`,
    school: schoolName.get(schoolOfStudent.get(student.sourcedId) ?? '') ?? null,
    grade: student.grade,
    classes: classTitlesOf(student.sourcedId).slice(0, 6),
    inTeachersClasses,
    live: student.live,
    fit,
    intoAccountId: rosteredInto.get(student.sourcedId)?.id ?? null,
  });
  const queued: QueuedRow[] = [];
  const settled: string[] = [];
  const classmatesOf = ctx.reader.students.classmatesOf();
  const firstSchoolOf = ctx.reader.students.firstSchoolOf();
  // The teacher who made an old account, as the platform names them: by email (trimmed, any case),
  // and where the email is missing, shared or not in the roster, by name among the teachers.
  const teachers = ctx.reader.students.teachers();
  const teachersByEmail = new Map<string, string[]>();
  const teachersByName = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, k: string, id: string) => {
    if (!k) return;
    const list = map.get(k);
    if (list) list.push(id);
    else map.set(k, [id]);
  };
  for (const p of teachers) {
    push(teachersByEmail, (p.email ?? '').trim().toLowerCase(), p.sourcedId);
    push(teachersByName, nameKey(`${p.givenName} ${p.familyName}`), p.sourcedId);
  }
  const teacherCache = new Map<string, { classmates: Set<string>; school: string | null } | null>();
  const teacherOf = (createdBy: { name?: string | null; email?: string | null } | null) => {
    const email = (createdBy?.email ?? '').trim().toLowerCase();
    const name = nameKey(createdBy?.name);
    const cacheKey = `${email}|${name}`;
    if (teacherCache.has(cacheKey)) return teacherCache.get(cacheKey) ?? null;
    const byEmail = teachersByEmail.get(email) ?? [];
    const byName = new Set(teachersByName.get(name) ?? []);
    const both = byEmail.filter((id) => byName.has(id));
    // Both agreeing first; then the name (an email may be shared or mistyped in the roster).
    const id =
      both.length === 1
        ? both[0]
        : byName.size === 1
          ? [...byName][0]
          : byEmail.length === 1 && byName.size === 0
            ? byEmail[0]
            : undefined;
    const entry = id ? { classmates: new Set(classmatesOf(id)), school: firstSchoolOf(id) } : null;
    teacherCache.set(cacheKey, entry);
    return entry;
  };

  const result: WorksheetImportResult = {
    fileName,
    rows: 0,
    blank: 0,
    staged: [],
    ambiguous: [],
    unknown: [],
    errors: [],
    queued: 0,
    counts: { staged: 0, ambiguous: 0, unknown: 0, errors: 0 },
  };
  const seenAt = new Map<string, number>();
  records.slice(1).forEach((row, i) => {
    const line = i + 2;
    if (row.every((cell) => cell.trim() === '')) return;
    result.rows++;
    const oldUsername = col(row, 'old_username');
    const given = col(row, 'real_first_name');
    const family = col(row, 'real_last_name');
    const typedName = `${given} ${family}`.trim();
    const error = (message: string) => result.errors.push({ line, message });
    if (!oldUsername) return error('no old_username on this row');
    const key = oldUsername.toLowerCase();
    const earlier = seenAt.get(key);
    if (earlier !== undefined)
      return error(
        `old username "${oldUsername}" is already on line ${earlier}; this row is ignored`,
      );
    seenAt.set(key, line);
    if (!given && !family) {
      result.blank++;
      return;
    }
    // The first name alone is read (it may single out one student in the teacher's classes); a
    // last name alone is not enough to go on.
    if (!given)
      return error(`give the first name of "${oldUsername}" too (only the last name is filled)`);
    const account = byUsername.get(key);
    if (!account)
      return error(`old username "${oldUsername}" is not on the license as last pulled`);
    if (account.role === 'teacher')
      return error(`"${oldUsername}" is a teacher's account, not an old student account`);
    if (!isOldStudentAccount(account))
      return error(`"${oldUsername}" is already a rostered student account: nothing to merge`);
    if (account.mergedInto)
      return error(`"${oldUsername}" was already merged (into ${account.mergedInto})`);

    const teacher = teacherOf(account.createdBy);
    // The school the platform files the old account under; else the school of the teacher who made it.
    const schoolIds = new Set<string>(schoolsByName.get(account.schoolName ?? '') ?? []);
    if (schoolIds.size === 0 && teacher?.school) schoolIds.add(teacher.school);
    // The students of the old account's school, and every student of the teacher's classes
    // wherever the roster counts them: those classes are the strongest evidence there is.
    const atSchool: RosterStudent[] =
      schoolIds.size > 0
        ? [...schoolIds].flatMap((id) => students.get(id) ?? [])
        : [...students.values()].flat();
    const inScope = new Set(atSchool.map((st) => st.sourcedId));
    const scope = [
      ...atSchool,
      ...[...(teacher?.classmates ?? [])]
        .filter((id) => !inScope.has(id))
        .map((id) => studentById.get(id))
        .filter((st): st is RosterStudent => !!st),
    ];
    const scopeLabel =
      account.schoolName ?? (schoolIds.size > 0 ? 'the same school' : 'the district');
    const found = matchStudent(
      given,
      family,
      scope,
      (id) => teacher?.classmates.has(id) ?? false,
      scopeLabel,
    );
    if (found.kind !== 'match') {
      let views = found.candidates.map((c) =>
        candidateView(c.student, c.inTeachersClasses, c.fit.why),
      );
      if (views.length === 0) {
        // Nobody fits: the students of the teacher's classes who share the first or the last name.
        const tg = nameKey(given);
        const tf = nameKey(family);
        views = scope
          .filter((st) => teacher?.classmates.has(st.sourcedId))
          .map((st) => ({
            st,
            why:
              nameKey(st.givenName) === tg
                ? 'same first name only'
                : nameKey(st.familyName) === tf
                  ? 'same last name only'
                  : '',
          }))
          .filter((c) => c.why !== '')
          .slice(0, 3)
          .map((c) => candidateView(c.st, true, c.why));
      }
      queued.push({
        accountId: account.id,
        oldUsername,
        fileName,
        line,
        typedName,
        teacher: account.createdBy?.name ?? null,
        reason: found.reason,
        candidates: views,
      });
      if (found.kind === 'unknown')
        return void result.unknown.push({ line, oldUsername, typedName, reason: found.reason });
      return void result.ambiguous.push({
        line,
        oldUsername,
        typedName,
        candidates: views.map((c) => `${c.name} (${c.sourcedId})`),
      });
    }
    const { student, confidence, rule } = found.match;
    const evidence =
      rule === 'exact'
        ? found.match.evidence
        : [...found.match.evidence, `${WEAKER_MATCH_PREFIX} ${RULE_LABEL[rule]}`];
    const into = rosteredInto.get(student.sourcedId);
    if (!into)
      return error(
        `${student.givenName} ${student.familyName} (${student.sourcedId}) has no rostered platform account yet (they have not signed in): merge later`,
      );
    try {
      const change = ctx.stage({
        kind: 'merge',
        accountId: account.id,
        intoAccountId: into.id,
        evidence: [
          `Worksheet ${fileName} line ${line}: "${typedName}" typed for old username ${oldUsername}`,
          ...evidence,
        ],
      });
      settled.push(account.id);
      result.staged.push({
        line,
        oldUsername,
        typedName,
        changeId: change.id,
        student: `${student.givenName} ${student.familyName}`,
        studentSourcedId: student.sourcedId,
        confidence,
        evidence,
      });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // A corrected worksheet read again: the rows staged the first time are not errors.
      if (/is already staged/.test(message)) {
        result.alreadyStaged = (result.alreadyStaged ?? 0) + 1;
        settled.push(account.id);
      } else error(message);
    }
  });
  ctx.queue.resolveAccounts(settled);
  ctx.queue.put(queued);
  result.queued = queued.length;
  result.counts = {
    staged: result.staged.length,
    ambiguous: result.ambiguous.length,
    unknown: result.unknown.length,
    errors: result.errors.length,
  };
  return result;
}
