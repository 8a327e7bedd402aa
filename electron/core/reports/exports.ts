import os from 'node:os';
import yazl from 'yazl';
import type { exportKinds } from '../../../shared/domain/diagnostics-views';
import { AppError } from '../../../shared/ipc/errors';
import type { AuditLog } from '../changes/audit-log';
import type { ConnectionsService } from '../connections/connections-service';
import type { DiagnosticsService } from '../diagnostics/diagnostics-service';
import type { LicenseStore } from '../license/license-store';
import type { Logger } from '../runtime/logger';
import type { SnapshotStore } from '../snapshot/snapshot-store';
import { redact } from '../runtime/logger';
import { APP_VERSION } from '../runtime/version';
import { csvLine } from './csv';
import { sanityReportCsv } from './csv-report';
import { sanityReportPdf } from './pdf-report';
import { worksheetCsv, worksheetPdf } from './old-student-worksheet';
import type { SnapshotReader } from '../snapshot/snapshot-reader';
import type { SyncDigest } from '../../../shared/domain/watch';
import { pseudonymiser } from './pseudonymise';
import { buildSanityReport } from './sanity-report';
import type { SanityReport } from './sanity-report';

export type ExportKind = (typeof exportKinds)[number];
export interface ExportFile {
  fileName: string;
  mimeType: string;
  body: Buffer;
}

/** What the exports read: the app's services satisfy it; nothing above reports/ is imported. */
export interface ExportSources {
  readSnapshot(snapshotId: number): SnapshotReader;
  logger: Pick<Logger, 'recent'>;
  connections: Pick<ConnectionsService, 'list'>;
  snapshots: Pick<SnapshotStore, 'latestCurrent'>;
  license: Pick<LicenseStore, 'current' | 'accounts'>;
  diagnostics: Pick<DiagnosticsService, 'current'>;
  audit: Pick<AuditLog, 'all'>;
  status(transport: 'browser-host'): { schemaVersion: number };
  /** What the last sync changed for the license (the report's `changes`). */
  digest?(connectionId: string): SyncDigest | null;
}

/** The connection's name, for report headers ("Demo district (ClassLink)", not its URL). */
function nameOf(services: ExportSources, connectionId: string): { name?: string } {
  const name = services.connections.list().find((c) => c.id === connectionId)?.name;
  return name ? { name } : {};
}

const stamp = () => new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');

export async function currentReport(
  services: ExportSources,
): Promise<{ report: SanityReport; snapshotId: number }> {
  const current = await services.diagnostics.current();
  const snapshot = services.snapshots.latestCurrent();
  if (!current || !snapshot)
    throw new AppError('NOT_FOUND', 'Nothing to report yet: sync a roster connection first');
  const license = services.license.current();
  const report = buildSanityReport(
    services.readSnapshot(snapshot.id),
    {
      kind: snapshot.sourceKind,
      label: snapshot.sourceLabel,
      ...nameOf(services, snapshot.connectionId),
      syncedAt: snapshot.finishedAt,
    },
    current.findings,
    license?.entries.length ?? 0,
  );
  return {
    report: { ...report, changes: services.digest?.(snapshot.connectionId) ?? null },
    snapshotId: snapshot.id,
  };
}

/** Every file the Reports screen can save. None holds a secret: they are built from the cache and connection settings only. */
export async function exportFile(
  services: ExportSources,
  kind: ExportKind,
  pseudonymise = false,
): Promise<ExportFile> {
  if (kind === 'student-logins' || kind === 'student-worksheet-pdf') {
    if (pseudonymise)
      throw new AppError(
        'VALIDATION',
        'The student logins list cannot be pseudonymised: teachers fill in real names beside real usernames. Export it without pseudonymisation, or send support the pseudonymised support bundle.',
      );
    return kind === 'student-logins' ? studentLogins(services) : studentWorksheetPdf(services);
  }
  if (kind === 'audit-log' && !pseudonymise) return auditLogCsv(services);
  const { report: real, snapshotId } = await currentReport(services);
  const hide = pseudonymise ? peopleHider(services, real, snapshotId) : null;
  if (kind === 'audit-log' && hide) {
    const file = auditLogCsv(services);
    return { ...file, body: Buffer.from(hide(file.body.toString())) };
  }
  // Pseudonymised reports are the same report with people's names and email local parts replaced.
  const report = hide ? (JSON.parse(hide(JSON.stringify(real))) as SanityReport) : real;
  switch (kind) {
    case 'json':
      return {
        fileName: `sanity-report-${stamp()}.json`,
        mimeType: 'application/json',
        body: Buffer.from(`${JSON.stringify(report, null, 2)}\n`),
      };
    case 'csv':
      return {
        fileName: `sanity-report-${stamp()}.csv`,
        mimeType: 'text/csv',
        body: Buffer.from(sanityReportCsv(report)),
      };
    case 'pdf':
      return {
        fileName: `sanity-report-${stamp()}.pdf`,
        mimeType: 'application/pdf',
        body: await sanityReportPdf(report),
      };
    case 'support-bundle':
      return supportBundle(services, real, snapshotId, pseudonymise);
    case 'audit-log':
      return auditLogCsv(services);
    case 'schools-csv':
      return schoolsCsv(report);
  }
}

async function supportBundle(
  services: ExportSources,
  report: SanityReport,
  snapshotId: number,
  pseudonymise: boolean,
): Promise<ExportFile> {
  const connections = services.connections.list().map((c) => ({
    id: c.id,
    name: c.name,
    settings: c.settings,
    secretsSet: Object.fromEntries(c.secrets.map((s) => [s.field, s.isSet])),
  }));
  let reportText = JSON.stringify(report, null, 2);
  let logText = services.logger.recent().map(redact).join('\n');
  let connectionsText = JSON.stringify(connections, null, 2);
  // What was pushed to the platform, with the platform's request ids support can look up.
  let auditText = auditLogCsv(services).body.toString();
  if (pseudonymise) {
    const hide = peopleHider(services, report, snapshotId);
    reportText = hide(reportText);
    logText = hide(logText);
    connectionsText = hide(connectionsText);
    auditText = hide(auditText);
  }
  const app = {
    app: 'RosterDesk',
    version: APP_VERSION,
    schemaVersion: services.status('browser-host').schemaVersion,
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    pseudonymised: pseudonymise,
    createdAt: new Date().toISOString(),
  };
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(reportText), 'sanity-report.json');
  zip.addBuffer(Buffer.from(connectionsText), 'connections.json');
  zip.addBuffer(Buffer.from(JSON.stringify(app, null, 2)), 'app.json');
  zip.addBuffer(Buffer.from(logText), 'recent-log.txt');
  zip.addBuffer(Buffer.from(auditText), 'audit-log.csv');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return {
    fileName: `rosterdesk-support-${stamp()}.zip`,
    mimeType: 'application/zip',
    body: Buffer.concat(chunks),
  };
}

/** Hides every person the report, the license or a named account mentions (see pseudonymise.ts). */
function peopleHider(
  services: ExportSources,
  report: SanityReport,
  snapshotId: number,
): (text: string) => string {
  const ids = new Set(
    report.findings.flatMap((f) => f.subjects.filter((s) => s.kind === 'user').map((s) => s.id)),
  );
  const roster = services.readSnapshot(snapshotId);
  const people = [...ids].flatMap((id) => {
    const user = roster.user(id);
    return user
      ? [{ email: user.email, givenName: user.givenName, familyName: user.familyName }]
      : [];
  });
  for (const entry of services.license.current()?.entries ?? [])
    people.push({
      email: entry.email,
      givenName: entry.givenName ?? '',
      familyName: entry.familyName ?? '',
    });
  // Platform accounts a finding names (duplicate accounts): their names appear in its message.
  const accountIds = new Set(
    report.findings.flatMap((f) => f.subjects.filter((s) => s.kind === 'account').map((s) => s.id)),
  );
  for (const a of services.license.accounts())
    if (accountIds.has(a.id))
      people.push({ email: a.email, givenName: a.givenName ?? '', familyName: a.familyName ?? '' });
  // Invalid emails are still emails of people: replace them by the values the report names.
  for (const f of report.findings)
    for (const s of f.subjects)
      if (s.email) people.push({ email: s.email, givenName: '', familyName: '' });
  return pseudonymiser(people);
}

/** The old manual student accounts' worksheet: each with two empty name columns teachers fill. */
function oldAccounts(services: ExportSources) {
  const accounts = services.license.accounts();
  if (accounts.length === 0)
    throw new AppError(
      'NOT_FOUND',
      'No accounts pulled from the platform yet: add the platform connection and refresh the license',
    );
  return accounts;
}

function studentLogins(services: ExportSources): ExportFile {
  return {
    fileName: `old-student-accounts-worksheet-${stamp()}.csv`,
    mimeType: 'text/csv',
    body: Buffer.from(worksheetCsv(oldAccounts(services))),
  };
}

async function studentWorksheetPdf(services: ExportSources): Promise<ExportFile> {
  return {
    fileName: `old-student-accounts-worksheet-${stamp()}.pdf`,
    mimeType: 'application/pdf',
    body: await worksheetPdf(oldAccounts(services)),
  };
}

/** The per-school sanity table, with its total row: the counts the dashboard shows. */
function schoolsCsv(report: SanityReport): ExportFile {
  const s = report.summary;
  const lines = [
    csvLine(['school', 'school_sourced_id', 'teachers', 'students', 'classes', 'enrollments']),
  ];
  for (const r of report.perSchool)
    lines.push(csvLine([r.name, r.sourcedId, r.teachers, r.students, r.classes, r.enrollments]));
  lines.push(csvLine(['Total', '', s.teachers, s.students, s.classes, s.enrollments]));
  return {
    fileName: `schools-${stamp()}.csv`,
    mimeType: 'text/csv',
    body: Buffer.from(lines.join('')),
  };
}

/** The append-only audit log, oldest first: when, what, result, the platform's request id. */
function auditLogCsv(services: ExportSources): ExportFile {
  const lines = [
    csvLine(['seq', 'at', 'change_id', 'action', 'summary', 'result', 'platform_request_id']),
  ];
  for (const e of services.audit.all())
    lines.push(
      csvLine([e.seq, e.at, e.changeId, e.action, e.summary, e.result, e.platformRequestId]),
    );
  return {
    fileName: `audit-log-${stamp()}.csv`,
    mimeType: 'text/csv',
    body: Buffer.from(lines.join('')),
  };
}
