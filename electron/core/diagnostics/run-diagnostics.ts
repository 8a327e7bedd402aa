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

/**
 * The rules in two halves of about the same work at district scale, each run by its own worker
 * thread: the people half (staff, emails, the license) and the classes half. Together, in this
 * order, they are RULES.
 */
export const RULE_PARTS = {
  people: [emailRules, licenseRules],
  classes: [classRules, shareRules, connectionRules],
} as const;
export type RulePart = keyof typeof RULE_PARTS;

export interface DiagnosticsResult {
  findings: Finding[];
  byCode: Partial<Record<FindingCode, number>>;
  licenseMatch: DiagnosticsContext['licenseMatch'] | null;
}

/** Runs the rules (every one unless told) over one snapshot and the license list; the same engine for the app, the CLI and reports. */
export function runDiagnostics(
  db: Db,
  snapshotId: number,
  license: LicenseEntry[] | null,
  connections: ConnectionFacts[] = [],
  rules: readonly ((ctx: DiagnosticsContext) => Finding[])[] = RULES,
): DiagnosticsResult {
  const roster = new SnapshotReader(db, snapshotId);
  let staff: DiagnosticsContext['staff'] | null = null;
  const ctx: DiagnosticsContext = {
    snapshotId,
    roster,
    // Read on first use: the classes half never needs it.
    get staff() {
      staff ??= roster.staff();
      return staff;
    },
    license,
    connections,
  };
  const findings = rules.flatMap((rule) => rule(ctx));
  const byCode: Partial<Record<FindingCode, number>> = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  return { findings, byCode, licenseMatch: ctx.licenseMatch ?? null };
}
