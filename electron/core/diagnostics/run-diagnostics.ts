import type { Finding, FindingCode } from '../../../shared/domain/finding';
import type { LicenseEntry } from '../../../shared/domain/license';
import type { Db } from '../db/open-database';
import { SnapshotReader } from '../snapshot/snapshot-reader';
import type { ConnectionFacts, DiagnosticsContext } from './diagnostics-context';
import { classRules } from './rules/class-rules';
import { connectionRules } from './rules/connection-rules';
import { emailRules } from './rules/email-rules';
import { licenseRules } from './rules/license-rules';
import { shareRules } from './rules/share-rules';

export const RULES = [emailRules, licenseRules, classRules, shareRules, connectionRules] as const;

export interface DiagnosticsResult {
  findings: Finding[];
  byCode: Partial<Record<FindingCode, number>>;
  licenseMatch: DiagnosticsContext['licenseMatch'] | null;
}

/** Runs every rule over one snapshot and the license list; the same engine for the app, the CLI and reports. */
export function runDiagnostics(
  db: Db,
  snapshotId: number,
  license: LicenseEntry[] | null,
  connections: ConnectionFacts[] = [],
): DiagnosticsResult {
  const roster = new SnapshotReader(db, snapshotId);
  const ctx: DiagnosticsContext = {
    snapshotId,
    roster,
    staff: roster.staff(),
    license,
    connections,
  };
  const findings = RULES.flatMap((rule) => rule(ctx));
  const byCode: Partial<Record<FindingCode, number>> = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  return { findings, byCode, licenseMatch: ctx.licenseMatch ?? null };
}
