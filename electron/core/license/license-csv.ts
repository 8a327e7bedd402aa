import { parse } from 'csv-parse/sync';
import type { LicenseEntry, RowError } from '../../../shared/domain/license';
import { isValidEmail, normalizeEmail } from '../../../shared/matching/normalize';

const COLUMNS = ['email', 'givenName', 'familyName', 'status', 'invitedAt', 'acceptedAt'] as const;

/** When the one header cell holds ";" or tabs, the file uses another delimiter: say which. */
function otherDelimiter(header: string[]): string {
  if (header.length !== 1) return '';
  const cell = header[0] ?? '';
  const found = [';', '\t', '|'].find((d) => cell.includes(d));
  if (!found) return '';
  return `; its header is separated by ${found === '\t' ? 'tabs' : `"${found}"`}, not commas: export it as comma-separated CSV`;
}

/**
 * Reads a license export CSV (email,givenName,familyName,status,invitedAt,acceptedAt; columns by
 * name, any order). Each bad row (no email, bad email, bad status, a duplicate) is an error with its
 * line; the good rows are used.
 */
export function parseLicenseCsv(
  text: string,
  file = 'license CSV',
): { entries: LicenseEntry[]; errors: RowError[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as never;
  } catch (error) {
    return {
      entries: [],
      errors: [
        {
          line: 0,
          field: null,
          reason: `${file} is not a readable CSV: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  const [head, ...body] = rows;
  const header = (head?.record ?? []).map((h) => h.trim());
  const col = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  if (col.email < 0)
    return {
      entries: [],
      errors: [
        {
          line: 1,
          field: 'email',
          reason:
            header.length === 0 || (header.length === 1 && header[0] === '')
              ? `${file} is empty: it has no header line with an "email" column`
              : `${file} has no "email" column (looked for: ${COLUMNS.join(',')}; found: ${header.slice(0, 6).join(',')})${otherDelimiter(header)}`,
        },
      ],
    };
  const entries: LicenseEntry[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    const get = (c: (typeof COLUMNS)[number]) => (col[c] >= 0 ? (record[col[c]] ?? '').trim() : '');
    const email = get('email');
    if (!email) {
      errors.push({ line, field: 'email', reason: 'no email' });
      continue;
    }
    if (!isValidEmail(email)) {
      errors.push({ line, field: 'email', reason: `"${email}" is not an email address` });
      continue;
    }
    const status = get('status').toLowerCase() || 'active';
    if (status !== 'invited' && status !== 'active') {
      errors.push({
        line,
        field: 'status',
        reason: `status "${get('status')}" must be invited or active`,
      });
      continue;
    }
    const key = normalizeEmail(email);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line, field: 'email', reason: `${email} is already on line ${first}` });
      continue;
    }
    seen.set(key, line);
    entries.push({
      email,
      givenName: get('givenName') || null,
      familyName: get('familyName') || null,
      status,
      invitedAt: get('invitedAt') || null,
      acceptedAt: get('acceptedAt') || null,
    });
  }
  return { entries, errors };
}
