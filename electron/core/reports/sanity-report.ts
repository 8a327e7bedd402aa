import type { Finding, FindingCode } from '../../../shared/domain/finding';
import type { Db } from '../db/open-database';
import { snapshotTables } from '../snapshot/snapshot-files';
import { snapshotStats } from '../snapshot/snapshot-stats';
import type { SchoolCounts } from '../../../shared/domain/snapshot';

export interface SanityReport {
  generatedAt: string;
  source: { kind: string; label: string; syncedAt: string | null; missingResources: string[] };
  summary: {
    schools: number;
    teachers: number;
    students: number;
    classes: number;
    enrollments: number;
    licenseEntries: number;
    byCode: Partial<Record<FindingCode, number>>;
  };
  /** Every record the sync left out, and why: what was lost on the way in. */
  warnings: SyncWarningRow[];
  /** The per-school sanity table: each person once, at their school; the rows add up to the summary. */
  perSchool: SchoolCounts[];
  findings: {
    code: FindingCode;
    severity: Finding['severity'];
    subjects: Finding['subjects'];
    message: string;
    fix: Finding['fix'];
    suggestion: Finding['suggestion'];
  }[];
}

/**
 * The report support receives, built from the snapshot and the engine's findings (never a second
 * version of the truth). Says which resources the roster did not send at all.
 */
export function buildSanityReport(
  db: Db,
  snapshotId: number,
  source: { kind: string; label: string; syncedAt: string | null },
  findings: Finding[],
  licenseEntries: number,
): SanityReport {
  const t = snapshotTables(db, snapshotId);
  const empty = (table: string) =>
    db.prepare(`SELECT NOT EXISTS (SELECT 1 FROM ${table})`).pluck().get() === 1;
  // The live counts the dashboard shows, stored when the snapshot completed.
  const { schools, teachers, students, classes, enrollments, perSchool } = snapshotStats(
    db,
    snapshotId,
  );
  const counts = { schools, teachers, students, classes, enrollments };
  const missingResources = (
    [
      ['orgs', t.orgs],
      ['users', t.users],
      ['classes', t.classes],
      ['enrollments', t.enrollments],
    ] as const
  )
    .filter(([, table]) => empty(table))
    .map(([name]) => name);
  const byCode: Partial<Record<FindingCode, number>> = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  return {
    generatedAt: new Date().toISOString(),
    source: { ...source, missingResources },
    summary: { ...counts, licenseEntries, byCode },
    warnings: syncWarnings(db, snapshotId),
    perSchool,
    findings: findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      subjects: f.subjects,
      message: f.message,
      fix: f.fix,
      suggestion: f.suggestion,
    })),
  };
}

export interface SyncWarningRow {
  resource: string;
  /** File:line or URL path where the record was read. */
  location: string;
  field: string | null;
  reason: string;
}

/** The sync warnings of a snapshot, in the order they were met. */
export function syncWarnings(db: Db, snapshotId: number): SyncWarningRow[] {
  return db
    .prepare(
      'SELECT resource, location, field, reason FROM sync_warnings WHERE snapshot_id = ? ORDER BY id',
    )
    .all(snapshotId) as SyncWarningRow[];
}
