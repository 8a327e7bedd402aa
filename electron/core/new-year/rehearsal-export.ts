import type { Rehearsal, YearPerson } from '../../../shared/domain/new-year';
import { csvLine } from '../reports/csv';
import { unicodeDocument } from '../reports/pdf-report';

const when = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/**
 * The rehearsal as one CSV for the district's meeting: a line per item (school, what, who, email,
 * detail), the checklist and the forecast's inputs first.
 */
export function rehearsalCsv(r: Rehearsal): string {
  let out = csvLine(['section', 'school', 'item', 'name', 'email', 'detail']);
  for (const c of r.readiness.checks)
    out += csvLine([
      'checklist',
      '',
      c.label,
      c.state,
      '',
      `${c.detail}${c.fix ? ` | Fix: ${c.fix}` : ''}`,
    ]);
  const t = r.forecast.teacher;
  out += csvLine([
    'forecast',
    '',
    'teacher seats',
    `${t.low}-${t.high}`,
    '',
    `${t.onLicenseNow} on the license now (${t.pendingInvitations} pending invitations) - ${t.leaversFreed} leavers + ${t.arrivalsToInvite} arrivals = ${t.next}; ${t.reclaimable} unused; contract ${r.forecast.seats ?? 'unknown'}. ${r.forecast.sentence}`,
  ]);
  if (r.forecast.student)
    out += csvLine([
      'forecast',
      '',
      'student seats',
      `${r.forecast.student.low}-${r.forecast.student.high}`,
      '',
      r.forecast.student.basis,
    ]);
  for (const s of r.schools)
    out += csvLine([
      'school',
      s.name,
      'summary',
      '',
      '',
      `${s.leavers} leaving (${s.seatsFreed} seats freed), ${s.arrivals} arriving (${s.seatsNeeded} to invite), ${s.emailChanges} email changes, ${s.noClass} with no class, ${s.classesEnding} classes ending, ${s.classesStarting} starting, ${s.graduates} graduates, ${s.studentsLeaving} other students leaving, ${s.incoming} new students, ${s.oldStudentAccounts} old student accounts`,
    ]);
  const people = (what: string, list: YearPerson[]) => {
    for (const p of list)
      out += csvLine([
        what,
        p.schoolName,
        p.stage?.kind ?? '',
        p.name,
        p.email ?? '',
        [
          p.from ? `was ${p.from}` : '',
          p.onLicense ? 'on the license' : 'not on the license',
          p.note ?? '',
          p.pending ? `${p.pending} open` : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]);
  };
  people('leaving', r.leavers);
  people('arriving', r.arrivals);
  people('email change', r.emailChanges);
  people('no class', r.noClass);
  for (const c of r.classesEnding)
    out += csvLine(['class ending', c.schoolName, '', c.title, '', c.sourcedId]);
  for (const c of r.classesStarting)
    out += csvLine(['class starting', c.schoolName, '', c.title, '', c.sourcedId]);
  for (const f of r.findings)
    out += csvLine(['finding', '', f.code, '', '', `${f.before} today, ${f.after} next year`]);
  for (const i of r.reclaim.items)
    out += csvLine([
      'unused seat',
      i.schoolName ?? '',
      i.remove ? 'remove' : i.first.kind,
      i.name,
      i.email,
      i.evidence.join('; '),
    ]);
  return out;
}

/** The rehearsal as a PDF: the checklist, the forecast, the table per school and the people. */
export function rehearsalPdf(r: Rehearsal): Promise<Buffer> {
  const doc = unicodeDocument({
    size: 'A4',
    margin: 48,
    info: { Title: 'RosterDesk: the new school year', Creator: 'RosterDesk' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  const heading = (text: string) =>
    doc.moveDown().fillColor('#000').font('bold').fontSize(13).text(text).font('body').fontSize(10);
  doc
    .font('bold')
    .fontSize(20)
    .text('The new school year: a rehearsal')
    .font('body')
    .fontSize(10)
    .fillColor('#495057');
  doc.text(
    `Today: ${r.today.connectionName}, synced ${when(r.today.syncedAt)}. Next year: ${r.next.label}${r.startsOn ? `, starting ${r.startsOn}` : ''}.`,
  );
  heading(r.readiness.summary);
  for (const c of r.readiness.checks)
    doc
      .fillColor(c.state === 'ok' ? '#2b8a3e' : c.state === 'fail' ? '#c92a2a' : '#868e96')
      .text(`${c.state === 'ok' ? '✓' : c.state === 'fail' ? '✗' : '?'} ${c.label}`, {
        continued: true,
      })
      .fillColor('#495057')
      .text(`: ${c.detail}${c.fix ? `. Fix: ${c.fix}` : ''}`);
  heading('Seats');
  const t = r.forecast.teacher;
  doc.fillColor('#000').text(r.forecast.sentence);
  doc
    .fillColor('#495057')
    .text(
      `Teacher seats: ${t.onLicenseNow} on the license now (${t.pendingInvitations} pending invitations) − ${t.leaversFreed} leavers + ${t.arrivalsToInvite} arrivals = ${t.next}; ${t.reclaimable} unused seats could be reclaimed (range ${t.low}–${t.high}); contract ${r.forecast.seats ?? 'unknown'}.`,
    );
  if (r.forecast.student)
    doc.text(
      `Student seats: ${r.forecast.student.low}–${r.forecast.student.high}. ${r.forecast.student.basis}`,
    );
  heading('Per school');
  for (const s of r.schools)
    doc
      .fillColor('#000')
      .font('bold')
      .text(s.name, { continued: true })
      .font('body')
      .fillColor('#495057')
      .text(
        `: ${s.leavers} leaving (${s.seatsFreed} seats freed), ${s.arrivals} arriving (${s.seatsNeeded} to invite), ${s.emailChanges} email changes, ${s.noClass} with no class; classes ${s.classesEnding} ending, ${s.classesStarting} starting; students ${s.graduates} graduating, ${s.studentsLeaving} leaving, ${s.incoming} new; ${s.oldStudentAccounts} old student accounts.`,
      );
  const people = (title: string, list: YearPerson[], total: number) => {
    if (total === 0) return;
    heading(`${title} (${total})`);
    for (const p of list.slice(0, 500))
      doc.text(
        `${p.name} <${p.email ?? 'no email'}>${p.from ? ` (was ${p.from})` : ''}, ${p.schoolName}${p.onLicense ? '' : ', not on the license'}${p.note ? `. ${p.note}` : ''}`,
      );
  };
  people('Teachers leaving', r.leavers, r.totals.leavers);
  people('Teachers arriving', r.arrivals, r.totals.arrivals);
  people('Emails changing', r.emailChanges, r.totals.emailChanges);
  people('No class next year', r.noClass, r.totals.noClass);
  if (r.findings.length > 0) {
    heading('Problems that would appear or go away');
    for (const f of r.findings) doc.text(`${f.code}: ${f.before} today, ${f.after} next year`);
  }
  if (r.reclaim.items.length > 0) {
    heading(
      `Seats nobody uses (no activity for ${r.reclaim.days} days): ${r.reclaim.items.length}`,
    );
    for (const i of r.reclaim.items.slice(0, 500))
      doc.text(`${i.name} <${i.email}>: ${i.evidence.join('; ')}`);
  }
  doc.end();
  return done;
}
