import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import type { SanityReport } from './sanity-report';

/**
 * DejaVu Sans (resources/fonts, free licence in DejaVu-LICENSE.txt) is embedded so every Latin,
 * Vietnamese and Cyrillic name prints as written: the 14 standard PDF fonts cover Latin-1 only
 * ("Nguyễn" came out as "NguyÅn"). The fonts sit in resources/fonts in the source tree and beside
 * the bundled main script in a build.
 */
function fontFile(name: string): string {
  for (const dir of ['./fonts/', '../../../resources/fonts/']) {
    const file = fileURLToPath(new URL(`${dir}${name}`, import.meta.url));
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`The PDF font ${name} is missing from this installation`);
}

/** A pdfkit document with the Unicode fonts registered as "body" and "bold". */
export function unicodeDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument(options);
  doc.registerFont('body', fontFile('DejaVuSans.ttf'));
  doc.registerFont('bold', fontFile('DejaVuSans-Bold.ttf'));
  doc.font('body');
  return doc;
}

/** Findings printed in the PDF's appendix at most (a district-scale roster has tens of thousands). */
const PDF_APPENDIX_MAX = 2000;

const SEVERITY_COLOR = { error: '#c92a2a', warning: '#e67700', info: '#1c7ed6' } as const;

/** A PDF support can read: the counts, a bar chart of findings by code, and the top findings. */
export function sanityReportPdf(report: SanityReport): Promise<Buffer> {
  const doc = unicodeDocument({
    size: 'A4',
    margin: 48,
    info: { Title: 'RosterDesk sanity report', Creator: 'RosterDesk' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  doc.font('bold').fontSize(20).text('Roster sanity report').font('body');
  doc
    .moveDown(0.3)
    .fontSize(10)
    .fillColor('#495057')
    .text(
      `Roster: ${report.source.name ?? report.source.label}${report.source.syncedAt ? `, synced ${report.source.syncedAt.slice(0, 16).replace('T', ' ')}` : ''}. Generated ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC.`,
    );
  if (report.source.name) doc.fontSize(8).text(`Source: ${report.source.label}`).fontSize(10);
  if (report.source.missingResources.length > 0)
    doc
      .fillColor('#c92a2a')
      .text(`The roster sent no ${report.source.missingResources.join(', ')}.`);
  doc.moveDown().fillColor('#000').fontSize(13).font('bold').text('What the roster sends');
  doc.font('body');
  const s = report.summary;
  doc.fontSize(11);
  for (const [label, value] of [
    ['Schools', s.schools],
    ['Teachers', s.teachers],
    ['Students', s.students],
    ['Administrators', s.administrators],
    ['Staff', s.staff],
    ['Contacts (parents, guardians)', s.contacts],
    ['Classes', s.classes],
    ['Enrollments', s.enrollments],
    ['License entries', s.licenseEntries],
  ] as const)
    doc.text(`${label}: ${value.toLocaleString('en-US')}`);

  if (report.perSchool.length > 0) {
    doc.moveDown().fontSize(13).font('bold').text('Per school').font('body');
    const cols = [48, 260, 330, 400, 460] as const;
    const row = (cells: string[], bold = false) => {
      const top = doc.y + 2;
      doc
        .font(bold ? 'bold' : 'body')
        .fontSize(9)
        .fillColor('#000');
      cells.forEach((cell, i) =>
        doc.text(cell, cols[i] ?? 48, top, { width: i === 0 ? 205 : 65, lineBreak: i === 0 }),
      );
      doc.x = 48;
      doc.y = Math.max(doc.y, top + 12);
    };
    row(['School', 'Teachers', 'Students', 'Classes', 'Enrollments'], true);
    const fmt = (n: number) => n.toLocaleString('en-US');
    for (const school of report.perSchool)
      row([
        school.name,
        fmt(school.teachers),
        fmt(school.students),
        fmt(school.classes),
        fmt(school.enrollments),
      ]);
    row(['Total', fmt(s.teachers), fmt(s.students), fmt(s.classes), fmt(s.enrollments)], true);
    doc.font('body');
  }

  const changes = report.changes;
  if (changes) {
    const names = (list: { name: string }[], total: number) =>
      list.length === 0
        ? 'none'
        : `${list
            .slice(0, 12)
            .map((t) => t.name)
            .join(', ')}${total > 12 ? ` and ${total - 12} more` : ''}`;
    doc
      .moveDown()
      .fontSize(13)
      .fillColor('#000')
      .font('bold')
      .text('Since the previous sync')
      .font('body')
      .fontSize(9);
    doc.text(
      `Compared with the sync of ${changes.previous.syncedAt?.slice(0, 16).replace('T', ' ') ?? 'before'}.`,
    );
    doc.text(
      `Arrived (${changes.totals.arrivals}): ${names(changes.arrivals, changes.totals.arrivals)}.`,
    );
    doc.text(
      `Left, on the license (${changes.leavers.length}, ${changes.leavers.length} seats to free): ${names(changes.leavers, changes.leavers.length)}.`,
    );
    doc.text(
      `Email changed at the source (${changes.totals.emailChanges}): ${names(changes.emailChanges, changes.totals.emailChanges)}.`,
    );
    if (changes.problems.length > 0)
      doc.text(
        `Problems: ${changes.problems
          .map((p) =>
            p.after > p.before
              ? `${p.after - p.before} new ${p.code}`
              : `${p.before - p.after} resolved ${p.code}`,
          )
          .join('; ')}.`,
      );
  }

  doc.moveDown().fontSize(13).text('Findings by code');
  const entries = Object.entries(s.byCode).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  const max = Math.max(1, ...entries.map(([, n]) => n ?? 0));
  let y = doc.y + 6;
  for (const [code, n] of entries) {
    const width = Math.max(2, ((n ?? 0) / max) * 260);
    doc.fontSize(9).fillColor('#000').text(code, 48, y, { width: 170 });
    doc.rect(222, y, width, 10).fill('#4263eb');
    doc.fillColor('#000').text(String(n), 228 + width, y);
    y += 16;
  }
  doc.y = y + 8;
  doc.x = 48;
  doc.fontSize(13).fillColor('#000').text('Top findings');
  const order = { error: 0, warning: 1, info: 2 };
  for (const f of [...report.findings]
    .sort((a, b) => order[a.severity] - order[b.severity])
    .slice(0, 40)) {
    doc
      .moveDown(0.4)
      .fontSize(9)
      .fillColor(SEVERITY_COLOR[f.severity])
      .text(`${f.severity.toUpperCase()} ${f.code}`, { continued: true })
      .fillColor('#000')
      .text(`  ${f.message}`);
    doc.fillColor('#495057').text(`Fix (${f.fix.where}): ${f.fix.action}`);
  }
  if (report.findings.length > 40)
    doc
      .moveDown()
      .fillColor('#495057')
      .text(
        `…and ${report.findings.length - 40} more: every finding is in the appendix${report.findings.length > PDF_APPENDIX_MAX ? ` (the first ${PDF_APPENDIX_MAX.toLocaleString('en-US')}; all are in the CSV and JSON reports)` : ''}.`,
      );
  if (report.findings.length > 40) {
    doc.addPage();
    doc
      .font('bold')
      .fontSize(13)
      .fillColor('#000')
      .text(`Appendix: all ${report.findings.length.toLocaleString('en-US')} findings`)
      .font('body');
    for (const f of [...report.findings]
      .sort((a, b) => order[a.severity] - order[b.severity])
      .slice(0, PDF_APPENDIX_MAX))
      doc
        .moveDown(0.2)
        .fontSize(8)
        .fillColor(SEVERITY_COLOR[f.severity])
        .text(`${f.severity.toUpperCase()} ${f.code}`, { continued: true })
        .fillColor('#000')
        .text(`  ${f.message}`);
  }
  if (report.warnings.length > 0) {
    doc.addPage();
    doc
      .font('bold')
      .fontSize(13)
      .fillColor('#000')
      .text(`Appendix: ${report.warnings.length} sync warning(s) while reading the roster`)
      .font('body');
    for (const w of report.warnings)
      doc
        .moveDown(0.2)
        .fontSize(8)
        .fillColor('#000')
        .text(`${w.location}${w.field ? ` ${w.field}` : ''}: ${w.reason}`);
  }
  doc.end();
  return done;
}
