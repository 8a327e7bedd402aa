import type { LicenseEntry } from '../../../shared/domain/license';
import type { RosterPersonRow, SnapshotReader } from '../snapshot/snapshot-reader';

export type { RosterPersonRow };

/** Facts about a ClassLink connection the rules need (never a secret: only whether one is set). */
export interface ConnectionFacts {
  id: string;
  name: string;
  kind: string;
  hasApplicationId: boolean | null;
  /**
   * Whether the platform has an Application ID registered for its ClassLink rostering connection
   * (from the license as last pulled from the platform); null when not known (no platform pull,
   * or not a ClassLink connection). The platform attaches the roster by this one.
   */
  registeredOnPlatform?: boolean | null;
}

/** A roster teacher paired with a license entry, how, and on what evidence. */
export interface LicenseMatch {
  teacher: RosterPersonRow;
  entry: LicenseEntry;
  how: 'exact' | 'case-or-space' | 'suggested' | 'invalid-roster-email';
  confidence: number;
  evidence: string[];
}

/** What every rule reads: one snapshot, the license list, the connections. Live records only. */
export interface DiagnosticsContext {
  snapshotId: number;
  /** The snapshot's rows, read through the snapshot room. */
  roster: SnapshotReader;
  /** Live (active, enabled) teachers and administrators, with their class counts as teacher. */
  staff: RosterPersonRow[];
  license: LicenseEntry[] | null;
  connections: ConnectionFacts[];
  /** Filled by the license rules: who matched whom, for the user report and troubleshooter. */
  licenseMatch?: {
    matches: LicenseMatch[];
    unmatchedTeachers: RosterPersonRow[];
    unmatchedEntries: LicenseEntry[];
  };
}

export const fullName = (p: { givenName: string; familyName: string }) =>
  `${p.givenName} ${p.familyName}`.trim();
