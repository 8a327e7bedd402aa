import type { SanityReport } from './sanity-report';
import { csvLine } from './csv';

const HEADER = [
  'code',
  'severity',
  'message',
  'subjects',
  'subject_emails',
  'fix_where',
  'fix_action',
  'roster_email',
  'license_email',
  'confidence',
];

/**
 * One row a finding, then one row a sync warning (code SYNC_WARNING: a record the sync left out,
 * where it was and why), RFC 4180, formula-safe.
 */
export function sanityReportCsv(report: SanityReport): string {
  let out = csvLine(HEADER);
  for (const f of report.findings) {
    out += csvLine([
      f.code,
      f.severity,
      f.message,
      f.subjects.map((s) => `${s.kind}:${s.id}`).join(' '),
      f.subjects
        .map((s) => s.email ?? '')
        .filter(Boolean)
        .join(' '),
      f.fix.where,
      f.fix.action,
      f.suggestion?.rosterEmail ?? '',
      f.suggestion?.licenseEmail ?? '',
      f.suggestion ? f.suggestion.confidence.toFixed(2) : '',
    ]);
  }
  for (const w of report.warnings)
    out += csvLine([
      'SYNC_WARNING',
      'warning',
      `${w.location}${w.field ? ` ${w.field}` : ''}: ${w.reason}`,
      `resource:${w.resource}`,
      '',
      'rostering-service',
      'Correct the record at the source; it was left out of the snapshot',
      '',
      '',
      '',
    ]);
  return out;
}
