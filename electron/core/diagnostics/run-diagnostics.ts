import { referenceRules } from './rules/reference-rules';
import type { Finding, FindingCode } from '../../../shared/domain/finding';
import type { LicenseEntry } from '../../../shared/domain/license';
import type { Db } from '../db/open-database';
import { SnapshotReader } from '../snapshot/snapshot-reader';
import type { ConnectionFacts, DiagnosticsContext } from './diagnostics-context';
import { classRules, unenrolledStudentRules } from './rules/class-rules';
import { connectionRules } from './rules/connection-rules';
import { emailAddressRules, missingEmailRules } from './rules/email-rules';
import { licenseRules } from './rules/license-rules';
import { shareRules } from './rules/share-rules';

export const RULES = [
  missingEmailRules,
  emailAddressRules,
  licenseRules,
  classRules,
  unenrolledStudentRules,
  shareRules,
  referenceRules,
  connectionRules,
] as const;

type Rule = (ctx: DiagnosticsContext) => Finding[];

/**
 * The rules in two halves of about the same work at district scale, each run by its own worker
 * thread: what needs the staff list (missing emails, the license match, then the sync preview) with
 * the students in no class, and what reads the whole roster (email addresses, classes). At district
 * scale each half takes about 1.9 s alone. joinFindings() puts their findings back in RULES order.
 */
export const RULE_PARTS = {
  people: [missingEmailRules, licenseRules, unenrolledStudentRules],
  classes: [emailAddressRules, classRules, shareRules, referenceRules, connectionRules],
} as const satisfies Record<string, readonly Rule[]>;
export type RulePart = keyof typeof RULE_PARTS;

/** The findings of both halves (one list per rule, in each half's order) in RULES order. */
export function joinFindings(byPart: Record<RulePart, Finding[][]>): Finding[] {
  return RULES.flatMap((rule) => {
    for (const part of ['people', 'classes'] as const) {
      const at = (RULE_PARTS[part] as readonly Rule[]).indexOf(rule);
      if (at >= 0) return byPart[part][at] ?? [];
    }
    return [];
  });
}

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
  rules: readonly Rule[] = RULES,
): DiagnosticsResult & { byRule: Finding[][] } {
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
  const byRule = rules.map((rule) => rule(ctx));
  const findings = byRule.flat();
  const byCode: Partial<Record<FindingCode, number>> = {};
  for (const f of findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  return { findings, byCode, licenseMatch: ctx.licenseMatch ?? null, byRule };
}
