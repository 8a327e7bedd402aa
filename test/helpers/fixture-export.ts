import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { makeTempDir } from './temp-dir';

export const FIXTURE_1P2 = path.resolve(import.meta.dirname, '../fixtures/oneroster-1p2');

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * A copy of a CSV export folder with some cells rewritten: file -> row sourcedId ('*' for every row)
 * -> column -> value. Returns the folder and its cleanup.
 */
export function exportWith(
  edits: Record<string, Record<string, Record<string, string>>>,
  from = FIXTURE_1P2,
): { dir: string; cleanup(): void } {
  const tmp = makeTempDir('rosterdesk-export-');
  for (const file of fs.readdirSync(from)) {
    const text = fs.readFileSync(path.join(from, file), 'utf8');
    const fileEdits = edits[file];
    if (!fileEdits) {
      fs.writeFileSync(path.join(tmp.dir, file), text);
      continue;
    }
    const [header = [], ...rows] = parse(text, { relax_column_count: true }) as string[][];
    for (const row of rows) {
      const id = row[header.indexOf('sourcedId')] ?? '';
      for (const [column, value] of Object.entries({ ...fileEdits['*'], ...fileEdits[id] })) {
        const at = header.indexOf(column);
        if (at < 0) throw new Error(`${file} has no ${column} column`);
        row[at] = value;
      }
    }
    fs.writeFileSync(
      path.join(tmp.dir, file),
      [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n',
    );
  }
  return tmp;
}
