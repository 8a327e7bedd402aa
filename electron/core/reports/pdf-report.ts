import PDFDocument from 'pdfkit';
import type { SanityReport } from './sanity-report';

const SEVERITY_COLOR = { error: '#c92a2a', warning: '#e67700', info: '#1c7ed6' } as const;

/** A PDF support can read: the counts, a bar chart of findings by code, and the top findings. */
export function sanityReportPdf(report: SanityReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: 'RosterDesk sanity report', Creator: 'RosterDesk' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  doc.fontSize(20).text('Roster sanity report');
  doc
    .moveDown(0.3)
    .fontSize(10)
    .fillColor('#495057')
    .text(`Generated ${report.generatedAt} from ${report.source.kind}: ${report.source.label}`);
  if (report.source.missingResources.length > 0)
    doc
      .fillColor('#c92a2a')
      .text(`The roster sent no ${report.source.missingResources.join(', ')}.`);
  doc.moveDown().fillColor('#000').fontSize(13).text('What the roster sends');
  const s = report.summary;
  doc.fontSize(11);
  for (const [label, value] of [
    ['Schools', s.schools],
    ['Teachers', s.teachers],
    ['Students', s.students],
    ['Classes', s.classes],
    ['Enrollments', s.enrollments],
    ['License entries', s.licenseEntries],
  ] as const)
    doc.text(`${label}: ${value.toLocaleString('en-US')}`);

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
      .text(`…and ${report.findings.length - 40} more in the CSV or JSON report.`);
  doc.end();
  return done;
}
