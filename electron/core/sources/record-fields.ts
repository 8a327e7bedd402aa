import { userRoles } from '../../../shared/domain/roster';
import type {
  RecordStatus,
  RosterUser,
  SyncWarning,
  UserRole,
} from '../../../shared/domain/roster';

/** Field-level problems found while mapping a raw record; the record is left out when any is fatal. */
export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

export function requiredId(value: unknown, field = 'sourcedId'): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new FieldProblem(field, `missing ${field}`);
  return value.trim();
}

export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value);
  return s === '' ? null : s;
}

/** OneRoster status: empty means active (real exports leave it blank). */
export function status(value: unknown): RecordStatus {
  const s = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (s === '' || s === 'active') return 'active';
  if (s === 'tobedeleted' || s === 'inactive') return 'tobedeleted';
  throw new FieldProblem('status', `unknown status "${String(value)}"`);
}

/**
 * "true", "TRUE", true, "1", "Y", "yes" are true; "false", false, "0", "N", "no" are false; empty
 * means the fallback. Anything else is read as the fallback and said once per file and field
 * (within softFields), or is a problem on the field (outside it).
 */
export function bool(value: unknown, field: string, fallback = true): boolean {
  if (typeof value === 'boolean') return value;
  const s =
    typeof value === 'string'
      ? value.trim().toLowerCase()
      : value === undefined || value === null
        ? ''
        : String(value);
  if (s === '') return fallback;
  if (s === 'true' || s === '1' || s === 'yes' || s === 'y' || s === 't') return true;
  if (s === 'false' || s === '0' || s === 'no' || s === 'n' || s === 'f') return false;
  if (current) {
    current.unreadable(field, String(value));
    return fallback;
  }
  throw new FieldProblem(field, `"${String(value)}" is not true or false`);
}

/** The roles by their lower-case names, for a lookup per record instead of a search. */
const ROLE_OF = new Map<string, UserRole>(userRoles.map((r) => [r.toLowerCase(), r]));

export function role(value: unknown, field = 'role'): UserRole {
  const s = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const known = ROLE_OF.get(s);
  if (!known)
    throw new FieldProblem(
      field,
      s === '' ? `missing ${field}` : `unknown role "${String(value)}"`,
    );
  return known;
}

/** A real calendar day, or null. */
function calendarDay(y: number, m: number, d: number): string | null {
  const at = new Date(Date.UTC(y, m - 1, d));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m - 1 || at.getUTCDate() !== d) return null;
  return at.toISOString().slice(0, 10);
}

/**
 * A day as YYYY-MM-DD. ISO 8601 is read as it is. A day written with slashes or dots is read only
 * when one reading is possible: "8/27/2018" (no 27th month) is 2018-08-27, "15/06/2023" is
 * 2023-06-15, but "1/05/2023" could be 5 January or 1 May and is not guessed.
 */
export function readDay(s: string): {
  day: string | null;
  how: 'iso' | 'only-reading' | 'ambiguous' | 'unreadable';
} {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) {
    const day = calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return day ? { day, how: 'iso' } : { day: null, how: 'unreadable' };
  }
  const other = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T].*)?$/.exec(s.trim());
  if (!other) return { day: null, how: 'unreadable' };
  const a = Number(other[1]);
  const b = Number(other[2]);
  const y = Number(other[3]);
  if (a <= 12 && b <= 12 && a !== b) return { day: null, how: 'ambiguous' };
  const day = a > 12 ? calendarDay(y, b, a) : calendarDay(y, a, b);
  return day ? { day, how: 'only-reading' } : { day: null, how: 'unreadable' };
}

/**
 * A date or null. RosterDesk places no record by a date, so within softFields a date it cannot read
 * is kept as null and said once per file and field; outside it, it is a problem on the field.
 */
export function date(value: unknown, field: string): string | null {
  const s = text(value);
  if (s === null) return null;
  const { day, how } = readDay(s);
  if (current) {
    if (how === 'only-reading') current.reread(field, s);
    else if (how !== 'iso') current.unreadable(field, s, how === 'ambiguous');
    return day;
  }
  if (how !== 'iso') throw new FieldProblem(field, `"${s}" is not a date (YYYY-MM-DD)`);
  return day;
}

/**
 * A text field RosterDesk does not read but the standard requires: within softFields a missing one
 * is kept as `fallback` and said once per file and field; outside it, it is a problem on the field.
 */
export function softText(value: unknown, field: string, fallback: string): string {
  const s = text(value);
  if (s !== null) return s;
  if (current) {
    current.unreadable(field, '(empty)');
    return fallback;
  }
  throw new FieldProblem(field, `missing ${field}`);
}

/** A date-time RosterDesk only checks (dateLastModified): unreadable is said, never a dropped record. */
export function checkTimestamp(value: unknown, field = 'dateLastModified'): void {
  const s = text(value);
  if (s === null) return;
  if (current) current.timestamp(field, s);
  else if (Number.isNaN(Date.parse(s))) throw new FieldProblem(field, `"${s}" is not a date-time`);
}

/**
 * Fields RosterDesk does not need to place a record (dateLastModified, dates, primary,
 * enabledUser): read where they can be, kept as null (or their default) where they cannot, and
 * said once per file and field, with a count, the first lines and an example.
 */
export class SoftFields {
  private where = '';
  private readonly fields = new Map<
    string,
    { unreadable: string[]; reread: string[]; example: string; ambiguous: boolean }
  >();
  /** The last date-time found valid: an export's records mostly share a handful of them. */
  private lastTimestamp = '';

  /** Where the next record comes from: "users.csv" line 12, or a page's URL and index. */
  at(where: string): void {
    this.where = where;
  }

  private entry(field: string, value: string) {
    let e = this.fields.get(field);
    if (!e)
      this.fields.set(
        field,
        (e = { unreadable: [], reread: [], example: value, ambiguous: false }),
      );
    return e;
  }

  unreadable(field: string, value: string, ambiguous = false): void {
    const e = this.entry(field, value);
    if (e.unreadable.length === 0) e.example = value;
    e.unreadable.push(this.where);
    e.ambiguous ||= ambiguous;
  }

  reread(field: string, value: string): void {
    const e = this.entry(field, value);
    if (e.unreadable.length === 0 && e.reread.length === 0) e.example = value;
    e.reread.push(this.where);
  }

  timestamp(field: string, value: string): void {
    if (value === this.lastTimestamp) return;
    if (Number.isNaN(Date.parse(value))) this.unreadable(field, value);
    else this.lastTimestamp = value;
  }

  /**
   * One warning per field, e.g. `enrollments.csv: beginDate unreadable on 6 rows (lines 2–7), e.g.
   * "03/15/2022": kept without it`. `label` names the file or the resource; `lineOf` turns a
   * location into a line number where there is one.
   */
  warnings(
    resource: SyncWarning['resource'],
    label: string,
    locationOf: (where: string) => string,
  ): SyncWarning[] {
    const out: SyncWarning[] = [];
    for (const [field, e] of this.fields) {
      const first = e.unreadable[0] ?? e.reread[0] ?? '';
      const parts: string[] = [];
      if (e.unreadable.length > 0)
        parts.push(
          `${field} unreadable on ${rows(e.unreadable.length)} (${span(e.unreadable)}), e.g. "${e.example}"${e.ambiguous ? ' (a day and a month could be read either way, so it is not guessed)' : ''}: kept without it`,
        );
      if (e.reread.length > 0)
        parts.push(
          `${field} not written as YYYY-MM-DD on ${rows(e.reread.length)} (${span(e.reread)}): read where only one reading is possible${e.unreadable.length === 0 ? `, e.g. "${e.example}"` : ''}`,
        );
      out.push({
        resource,
        location: locationOf(first),
        field,
        reason: `${label}: ${parts.join('; ')}`,
      });
    }
    this.fields.clear();
    return out;
  }
}

const rows = (n: number) => `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;

/** "lines 2–7" for a run, "lines 2, 5, 9…" otherwise; other locations are named first and last. */
function span(wheres: string[]): string {
  const lines = wheres.map((w) => /:(\d+)$/.exec(w)?.[1]).map(Number);
  if (lines.every((n) => Number.isInteger(n) && n > 0)) {
    const run = lines.every((n, i) => i === 0 || n === (lines[i - 1] ?? 0) + 1);
    if (lines.length === 1) return `line ${lines[0]}`;
    if (run) return `lines ${lines[0]}–${lines.at(-1)}`;
    return `lines ${lines.slice(0, 5).join(', ')}${lines.length > 5 ? '…' : ''}`;
  }
  return wheres.length === 1 ? (wheres[0] ?? '') : `${wheres[0] ?? ''} … ${wheres.at(-1) ?? ''}`;
}

/** The collector soft fields report to while a record is mapped (synchronous, one at a time). */
let current: SoftFields | null = null;

/** Maps one record with soft fields said to `soft` instead of dropping the record. */
export function withSoftFields<T>(soft: SoftFields, map: () => T): T {
  const before = current;
  current = soft;
  try {
    return map();
  } finally {
    current = before;
  }
}

/** What a user record reads differently by source or OneRoster version. */
export type PersonRest = Pick<RosterUser, 'role' | 'orgSourcedIds' | 'userIds' | 'roles'>;

/**
 * A user record: the fields every source reads the same way (throws FieldProblem on a missing id
 * or a bad status), then `rest()`, the ones where sources and versions differ (role, orgs, ids and
 * roles). Built as one object literal: an object spread here cost about 7 µs a user, most of the
 * mapping of a district's million users.
 */
export function personRecord(r: Record<string, unknown>, rest: () => PersonRest): RosterUser {
  const sourcedId = requiredId(r.sourcedId);
  const recordStatus = status(r.status);
  const enabledUser = bool(r.enabledUser, 'enabledUser');
  const more = rest();
  return {
    sourcedId,
    status: recordStatus,
    enabledUser,
    username: text(r.username),
    givenName: text(r.givenName) ?? '',
    familyName: text(r.familyName) ?? '',
    middleName: text(r.middleName),
    identifier: text(r.identifier),
    email: text(r.email),
    grades: list(r.grades),
    role: more.role,
    orgSourcedIds: more.orgSourcedIds,
    userIds: more.userIds,
    roles: more.roles,
  };
}

/** "a,b, c" or ["a","b"] -> ["a","b","c"]. */
export function list(value: unknown): string[] {
  if (Array.isArray(value))
    return value
      .map(String)
      .map((s) => s.trim())
      .filter(Boolean);
  const s = text(value);
  return s === null
    ? []
    : s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
}

export function refId(value: unknown): string | null {
  if (value && typeof value === 'object' && 'sourcedId' in value)
    return text((value as { sourcedId: unknown }).sourcedId);
  return null;
}

export function refIds(value: unknown): string[] {
  return Array.isArray(value) ? value.map(refId).filter((v): v is string => v !== null) : [];
}

export function describeProblem(error: unknown): { field: string | null; reason: string } {
  if (error instanceof FieldProblem) return { field: error.field, reason: error.message };
  return { field: null, reason: error instanceof Error ? error.message : String(error) };
}
