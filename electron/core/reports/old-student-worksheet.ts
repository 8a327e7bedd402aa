import { WORKSHEET_COLUMNS, oldAccountsByCreator } from '../../../shared/domain/old-students';
import type { PlatformAccount } from '../../../shared/platform/platform-wire';
import { csvLine } from './csv';
import { unicodeDocument } from './pdf-report';

/** Old manual student accounts not merged yet, grouped by the teacher who made them. */
export function worksheetGroups(
  accounts: PlatformAccount[],
): { teacher: string; email: string | null; rows: PlatformAccount[] }[] {
  const groups = oldAccountsByCreator(accounts, { unmergedOnly: true }).map((g) => ({
    teacher: g.teacher ?? 'Unknown teacher',
    email: g.email,
    rows: g.accounts,
  }));
  const sorted = groups.sort((a, b) => a.teacher.localeCompare(b.teacher));
  for (const g of sorted)
    g.rows.sort(
      (a, b) =>
        (a.classLabel ?? '').localeCompare(b.classLabel ?? '') ||
        (a.username ?? '').localeCompare(b.username ?? ''),
    );
  return sorted;
}

const teacherLabel = (g: { teacher: string; email: string | null }) =>
  g.email ? `${g.teacher} <${g.email}>` : g.teacher;

/**
 * The worksheet teachers fill: one row per old manual student account, grouped by the teacher who
 * made it, with the two real-name columns left empty. Cells are formula-safe.
 */
export function worksheetCsv(accounts: PlatformAccount[]): string {
  let out = csvLine([...WORKSHEET_COLUMNS]);
  for (const g of worksheetGroups(accounts))
    for (const a of g.rows)
      out += csvLine([
        '',
        '',
        a.username ?? '',
        a.accountNumber ?? '',
        teacherLabel(g),
        a.classLabel ?? '',
        a.lastActiveAt?.slice(0, 10) ?? '',
      ]);
  return out;
}

/** The same worksheet as a printable PDF: a page (or more) per teacher with lines to write on. */
export function worksheetPdf(accounts: PlatformAccount[]): Promise<Buffer> {
  const doc = unicodeDocument({
    size: 'A4',
    margin: 40,
    info: { Title: 'Old student accounts: worksheet', Creator: 'RosterDesk' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  const groups = worksheetGroups(accounts);
  if (groups.length === 0)
    doc.fontSize(14).text('No old manual student accounts are waiting to be merged.');
  const cols = [40, 165, 290, 380, 455] as const;
  const header = () => {
    doc.font('bold').fontSize(9);
    [
      'Real first name',
      'Real last name',
      'Old username',
      'Account no.',
      'Class / last active',
    ].forEach((h, i) => doc.text(h, cols[i] ?? 40, doc.y, { continued: false, lineBreak: false }));
    doc.moveDown(1.2).font('body');
  };
  groups.forEach((g, gi) => {
    if (gi > 0) doc.addPage();
    doc.font('bold').fontSize(15).text(`Old student accounts made by ${g.teacher}`);
    doc
      .font('body')
      .fontSize(10)
      .fillColor('#444')
      .text(
        `${g.rows.length} account${g.rows.length === 1 ? '' : 's'}${g.email ? ` · ${g.email}` : ''}. Write each student's real first and last name beside their old username, then return the sheet (or type the names into the CSV worksheet).`,
      )
      .fillColor('#000')
      .moveDown();
    header();
    for (const a of g.rows) {
      if (doc.y > doc.page.height - 70) {
        doc.addPage();
        header();
      }
      const y = doc.y;
      doc.fontSize(9);
      doc
        .moveTo(cols[0], y + 12)
        .lineTo(cols[0] + 115, y + 12)
        .stroke('#999');
      doc
        .moveTo(cols[1], y + 12)
        .lineTo(cols[1] + 115, y + 12)
        .stroke('#999');
      doc.text(a.username ?? '', cols[2], y, { width: 85, lineBreak: false });
      doc.text(a.accountNumber ?? '', cols[3], y, { width: 70, lineBreak: false });
      // The class on one line (shortened if it must be), the date always whole on the next.
      doc.text(a.classLabel ?? '', cols[4], y, {
        width: 115,
        height: 11,
        lineBreak: false,
        ellipsis: true,
      });
      doc
        .fontSize(7.5)
        .fillColor('#444')
        .text(`last active ${a.lastActiveAt?.slice(0, 10) ?? 'never'}`, cols[4], y + 10, {
          width: 115,
          lineBreak: false,
        })
        .fillColor('#000');
      doc.x = cols[0];
      doc.y = y + 24;
    }
  });
  doc.end();
  return done;
}
