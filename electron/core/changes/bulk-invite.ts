import { parse } from 'csv-parse/sync';
import type { BulkPreview, BulkRow } from '../../../shared/domain/change';
import { cleanEmailInput, emailInputProblem } from '../../../shared/platform/email-input';

interface Candidate {
  line: number;
  email: string;
  givenName: string | null;
  familyName: string | null;
}

const HEADER_ALIASES = {
  email: ['email', 'e-mail', 'email address', 'mail'],
  givenName: ['givenname', 'given name', 'first name', 'firstname', 'first'],
  familyName: ['familyname', 'family name', 'last name', 'lastname', 'last', 'surname'],
} as const;

/** A CSV with an email column (names optional), or a pasted list: one per line, "Name <email>" or bare. */
function candidates(text: string): Candidate[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  const headerCells = firstLine
    .split(/[,;\t]/)
    .map((c) => c.trim().toLowerCase().replace(/^"|"$/g, ''));
  if (headerCells.some((c) => (HEADER_ALIASES.email as readonly string[]).includes(c))) {
    const rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      delimiter: [',', ';', '\t'],
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as { record: string[]; info: { lines: number } }[];
    const [head, ...body] = rows;
    const header = (head?.record ?? []).map((h) => h.trim().toLowerCase());
    const col = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
    const e = col(HEADER_ALIASES.email);
    const g = col(HEADER_ALIASES.givenName);
    const f = col(HEADER_ALIASES.familyName);
    const cell = (record: string[], i: number) =>
      i >= 0 ? (record[i] ?? '').trim() || null : null;
    return body.map(({ record, info }) => ({
      line: info.lines,
      email: cell(record, e) ?? '',
      givenName: cell(record, g),
      familyName: cell(record, f),
    }));
  }
  return text
    .split(/\r\n|\n|\r/)
    .map((raw, index) => ({ raw: raw.trim(), line: index + 1 }))
    .filter((l) => l.raw.length > 0)
    .map(({ raw, line }) => {
      const angled = /^(.*)<([^>]*)>\s*[,;]?$/.exec(raw);
      if (angled) {
        const names = (angled[1] ?? '').replace(/["']/g, '').trim().split(/\s+/).filter(Boolean);
        return {
          line,
          email: (angled[2] ?? '').trim(),
          givenName: names[0] ?? null,
          familyName: names.length > 1 ? names.slice(1).join(' ') : null,
        };
      }
      return { line, email: raw.replace(/[,;]$/, '').trim(), givenName: null, familyName: null };
    });
}

/**
 * Checks a bulk-add list row by row: a bad email, a duplicate within the list, already on the
 * license, already staged. Good rows stay good whatever the bad ones say.
 */
/** Every row checked; the staging service adds the seats and trims what the preview returns. */
export type BulkCheck = Pick<BulkPreview, 'rows' | 'valid' | 'invalid'>;

export function previewBulkInvite(
  text: string,
  file: string,
  checks: { onLicense: (email: string) => string | null; staged: (email: string) => boolean },
): BulkCheck {
  let list: Candidate[];
  try {
    list = candidates(text);
  } catch (error) {
    return {
      rows: [
        {
          line: 0,
          email: '',
          givenName: null,
          familyName: null,
          error: `${file} is not a readable CSV: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
      valid: 0,
      invalid: 1,
    };
  }
  const seen = new Map<string, number>();
  const rows: BulkRow[] = list.map((c) => {
    const email = cleanEmailInput(c.email);
    const key = email.toLowerCase();
    const row = { ...c, email, error: null as string | null };
    const problem = email ? emailInputProblem(email) : null;
    if (!email) row.error = 'No email on this row';
    else if (problem) row.error = problem;
    else if (seen.has(key)) row.error = `Duplicate of line ${seen.get(key) ?? '?'}`;
    else {
      const status = checks.onLicense(email);
      if (status) row.error = `Already on the license (${status})`;
      else if (checks.staged(email)) row.error = 'An invitation is already staged';
    }
    if (email && !seen.has(key)) seen.set(key, c.line);
    return row;
  });
  const invalid = rows.filter((r) => r.error).length;
  return { rows, valid: rows.length - invalid, invalid };
}
