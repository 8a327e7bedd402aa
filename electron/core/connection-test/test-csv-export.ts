import path from 'node:path';
import { CsvLimitError } from '../sources/csv/csv-limits';
import { CsvSource } from '../sources/csv/csv-source';

/**
 * *Test connection* for a OneRoster CSV export (a folder or a zip): in file words, never a web
 * service's ("check the URL"). It passes only when the export holds OneRoster files and users.csv
 * gives at least one user; a folder such as /etc, or a device such as /dev/zero, fails with why.
 */
export async function testCsvExport(
  target: string,
  signal: AbortSignal,
): Promise<{ ok: boolean; sentence: string; detail: string }> {
  // An upload is named as the admin picked it, without the prefix that keeps copies apart.
  const base = path.basename(target) || target;
  const name =
    path.basename(path.dirname(target)) === 'imports'
      ? base.replace(/^[0-9a-f]{8}-(?=.)/, '')
      : base;
  try {
    const probe = await new CsvSource(target).probe(signal);
    const data = probe.present.filter((f) => f !== 'manifest.csv');
    if (data.length === 0)
      return {
        ok: false,
        sentence: `No OneRoster files found in ${name}: an export holds users.csv, orgs.csv, classes.csv and enrollments.csv.`,
        detail: '',
      };
    if (!probe.present.includes('users.csv'))
      return {
        ok: false,
        sentence: `${name} has no users.csv, so it gives no teachers or students (it holds ${data.join(', ')}).`,
        detail: '',
      };
    if (probe.users === 0)
      return {
        ok: false,
        sentence: `${name} is a OneRoster ${probe.version} CSV export, but no user could be read from users.csv${probe.problem ? `: ${probe.problem}` : ''}.`,
        detail: probe.problem ?? '',
      };
    return {
      ok: true,
      sentence: `Read ${name}: a OneRoster ${probe.version} CSV export with ${data.length} of its files, and users in users.csv.`,
      detail: '',
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      sentence: fileWords(error, detail, signal.aborted) ?? `${name} could not be read: ${detail}`,
      detail,
    };
  }
}

/** A file source's failure in words an admin can act on, or null when none fits. */
export function fileWords(error: unknown, detail: string, timedOut: boolean): string | null {
  if (error instanceof CsvLimitError) return detail;
  if (timedOut) return 'Reading the export took more than 10 seconds.';
  const rules: [RegExp, string][] = [
    [/past the limit|the limit\)/, detail],
    [
      /ENOENT|no such file|No folder or zip file at/i,
      'The file or folder was not found: check the path.',
    ],
    [/EACCES|EPERM/, 'RosterDesk may not read that file or folder: check its permissions.'],
    [
      /not a readable zip file|cannot be read safely/,
      'This is neither a folder nor a readable zip file: choose the folder or the .zip of a OneRoster export.',
    ],
    [/EISDIR|ENOTDIR/, 'That path is not a folder or a file RosterDesk can read: check the path.'],
  ];
  return rules.find(([pattern]) => pattern.test(detail))?.[1] ?? null;
}
