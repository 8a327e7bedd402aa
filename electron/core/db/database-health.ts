import type Database from 'better-sqlite3';
import { openSqlite } from './sqlite-binding';

/** The database could not be checked or opened for a reason that is not damage: nothing was touched. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly code: string | null,
  ) {
    super(
      `RosterDesk cannot open its cache ${file}: ${reason}${code ? ` (${code})` : ''}. ` +
        'The file was not changed; close the program that holds it, or fix its permissions, and start RosterDesk again.',
    );
    this.name = 'DatabaseUnavailableError';
  }
}

export type Health = { state: 'sound' } | { state: 'damaged'; problem: string };

/** The first problem SQLite names, and how many more: its full list can run to thousands of lines. */
function summarise(rows: Record<string, string>[]): string {
  const lines = rows
    .flatMap((r) => String(Object.values(r)[0] ?? '').split('\n'))
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('***'));
  if (lines.length === 0) return 'no answer';
  return lines.length === 1 ? (lines[0] ?? '') : `${lines[0] ?? ''} (and ${lines.length - 1} more)`;
}

/** Only these mean the bytes are wrong; busy, locked, permission or I/O errors are not damage. */
export function isDamage(code: string | null): boolean {
  return code !== null && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

const UNAVAILABLE_REASONS: [string, string][] = [
  ['SQLITE_BUSY', 'another program holds it locked'],
  ['SQLITE_LOCKED', 'another program holds it locked'],
  ['SQLITE_PERM', 'the operating system refused access to it'],
  ['SQLITE_READONLY', 'it can only be read, not written'],
  ['SQLITE_CANTOPEN', 'it could not be opened (permissions, or its folder is missing)'],
  ['SQLITE_IOERR', 'the disk answered with an input/output error'],
  ['SQLITE_FULL', 'the disk is full'],
  ['EACCES', 'the operating system refused access to it'],
  ['EPERM', 'the operating system refused access to it'],
];

/** Errors that say the file cannot be used now, not that it is wrong: refuse and touch nothing. */
export function isUnavailable(code: string | null): boolean {
  return code !== null && UNAVAILABLE_REASONS.some(([prefix]) => code.startsWith(prefix));
}

export function unavailable(file: string, error: unknown): DatabaseUnavailableError {
  const code = sqliteCode(error);
  const reason =
    UNAVAILABLE_REASONS.find(([prefix]) => code?.startsWith(prefix))?.[1] ??
    (error instanceof Error ? error.message : String(error));
  return new DatabaseUnavailableError(file, reason, code);
}

/**
 * Checks an existing cache file with `quick_check` (the full `integrity_check` reads every index
 * entry and grows with the district; it runs on demand). Damage is reported; anything else that
 * stops the check throws DatabaseUnavailableError so the caller touches nothing.
 */
export function checkHealth(
  file: string,
  pragma: 'quick_check' | 'integrity_check' = 'quick_check',
): Health {
  let probe: Database.Database | null = null;
  try {
    probe = openSqlite(file, { readonly: true, fileMustExist: true, timeout: 2000 });
    const rows = probe.pragma(pragma) as Record<string, string>[];
    const first = rows[0] ? Object.values(rows[0])[0] : undefined;
    if (first === 'ok') return { state: 'sound' };
    return { state: 'damaged', problem: `${pragma}: ${summarise(rows)}` };
  } catch (error) {
    const code = sqliteCode(error);
    if (isDamage(code))
      return { state: 'damaged', problem: error instanceof Error ? error.message : String(error) };
    throw unavailable(file, error);
  } finally {
    probe?.close();
  }
}
