import type { SyncDigest } from '../../../shared/domain/watch';
import { rosterCountsOf } from '../../../shared/domain/snapshot';
import type { RosterCounts } from '../../../shared/domain/snapshot';
import type { Finding, FindingCode } from '../../../shared/domain/finding';
import type { SnapshotReader, SyncWarningRow } from '../snapshot/snapshot-reader';
import type { SchoolCounts } from '../../../shared/domain/snapshot';

export interface SanityReport {
  /** What the last sync changed for the license; null before a second sync; absent from the CLI's check. */
  changes?: SyncDigest | null;
  generatedAt: string;
  source: {
    kind: string;
    label: string;
    name?: string;
    syncedAt: string | null;
    missingResources: string[];
  };
  summary: RosterCounts & {
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
  roster: SnapshotReader,
  source: { kind: string; label: string; name?: string; syncedAt: string | null },
  findings: Finding[],
  licenseEntries: number,
): SanityReport {
  // The live counts the dashboard shows, stored when the snapshot completed.
  const stats = roster.stats();
  const { perSchool } = stats;
  const counts = rosterCountsOf(stats);
  const missingResources = roster.emptyResources();
  const byCode: Partial<Record<FindingCode, number>> = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  return {
    generatedAt: new Date().toISOString(),
    source: { ...source, missingResources },
    summary: { ...counts, licenseEntries, byCode },
    warnings: roster.warnings(),
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

export type { SyncWarningRow };
