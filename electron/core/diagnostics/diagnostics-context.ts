import type { LicenseEntry } from '../../../shared/domain/license';
import type { Db } from '../db/open-database';
import { snapshotTables } from '../snapshot/snapshot-files';

export interface RosterPersonRow {
  sourcedId: string;
  role: string;
  givenName: string;
  familyName: string;
  email: string | null;
  username: string | null;
  identifier: string | null;
  userIds: { type: string; identifier: string }[];
  classes: number;
}

/** Facts about a ClassLink connection the rules need (never a secret: only whether one is set). */
export interface ConnectionFacts {
  id: string;
  name: string;
  kind: string;
  hasApplicationId: boolean | null;
}

/** What every rule reads: one snapshot, the license list, the connections. Live records only. */
export interface DiagnosticsContext {
  db: Db;
  snapshotId: number;
  /** Live (active, enabled) teachers and administrators, with their class counts as teacher. */
  staff: RosterPersonRow[];
  license: LicenseEntry[] | null;
  connections: ConnectionFacts[];
  /** Filled by the license rules: who matched whom, for the user report and troubleshooter. */
  licenseMatch?: {
    matches: {
      teacher: RosterPersonRow;
      entry: LicenseEntry;
      how: 'exact' | 'case-or-space' | 'suggested';
      confidence: number;
      evidence: string[];
    }[];
    unmatchedTeachers: RosterPersonRow[];
    unmatchedEntries: LicenseEntry[];
  };
}

export const LIVE = "status = 'active' AND enabled = 1";

export function loadStaff(db: Db, snapshotId: number): RosterPersonRow[] {
  const t = snapshotTables(db, snapshotId);
  const rows = db
    .prepare(
      `SELECT u.sourced_id, u.role, u.given_name, u.family_name, u.email, u.username, u.identifier, u.user_ids,
         (SELECT count(DISTINCT e.class_id) FROM ${t.enrollments} e INDEXED BY enrollments_user
            JOIN ${t.classes} c ON c.sourced_id = e.class_id AND c.status = 'active'
          WHERE e.user_id = u.sourced_id AND e.role = 'teacher' AND e.status = 'active') AS classes
       FROM ${t.users} u
       WHERE u.role IN ('teacher', 'administrator', 'district_admin') AND u.${LIVE.replace(' AND ', ' AND u.')}`,
    )
    .all() as {
    sourced_id: string;
    role: string;
    given_name: string;
    family_name: string;
    email: string | null;
    username: string | null;
    identifier: string | null;
    user_ids: string;
    classes: number;
  }[];
  return rows.map((r) => ({
    sourcedId: r.sourced_id,
    role: r.role,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    username: r.username,
    identifier: r.identifier,
    userIds: JSON.parse(r.user_ids) as { type: string; identifier: string }[],
    classes: r.classes,
  }));
}

export const fullName = (p: { givenName: string; familyName: string }) =>
  `${p.givenName} ${p.familyName}`.trim();
