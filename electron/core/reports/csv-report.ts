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

/** One row a finding, RFC 4180, formula-safe. */
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
  return out;
}
