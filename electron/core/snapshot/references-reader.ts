import type { Db } from '../db/open-database';
import type { SnapshotTables } from './snapshot-files';
import { LIVE } from './snapshot-stats';

/** An org some records name that the roster does not send. */
export interface MissingOrg {
  orgId: string;
  users: number;
  classes: number;
  /** A few of the records naming it, for the message to IT. */
  examples: string[];
}

/** Roles that never teach a class: one enrolled as a class's teacher is a roster error. */
export const NON_TEACHING_ROLES = ['student', 'parent', 'guardian', 'relative', 'aide', 'proctor'];

/**
 * What records point at in one snapshot: orgs named but not sent, and people enrolled as the
 * teacher of a class whose role says they cannot be.
 */
export class ReferencesReader {
  constructor(
    private readonly db: Db,
    private readonly t: SnapshotTables,
  ) {}

  /**
   * Orgs named by users (their org list) or classes (their school) that the roster does not send.
   * Users are grouped by their org list first (a district has a few thousand distinct lists).
   */
  missingOrgs(): MissingOrg[] {
    const { t } = this;
    const known = new Set(
      this.db.prepare(`SELECT sourced_id FROM ${t.orgs}`).pluck().all() as string[],
    );
    const missing = new Map<string, MissingOrg>();
    const entry = (orgId: string) => {
      let m = missing.get(orgId);
      if (!m) missing.set(orgId, (m = { orgId, users: 0, classes: 0, examples: [] }));
      return m;
    };
    const lists = this.db
      .prepare(
        `SELECT org_ids, count(*) AS n, min(sourced_id) AS example FROM ${t.users} GROUP BY org_ids`,
      )
      .all() as { org_ids: string; n: number; example: string }[];
    for (const { org_ids, n, example } of lists)
      for (const id of JSON.parse(org_ids) as string[])
        if (!known.has(id)) {
          const m = entry(id);
          m.users += n;
          if (m.examples.length < 3) m.examples.push(`user ${example}`);
        }
    const schools = this.db
      .prepare(
        `SELECT school_id, count(*) AS n, min(sourced_id) AS example FROM ${t.classes}
         WHERE school_id IS NOT NULL GROUP BY school_id`,
      )
      .all() as { school_id: string; n: number; example: string }[];
    for (const { school_id, n, example } of schools)
      if (!known.has(school_id)) {
        const m = entry(school_id);
        m.classes += n;
        if (m.examples.length < 3) m.examples.push(`class ${example}`);
      }
    return [...missing.values()].sort((a, b) => b.users + b.classes - (a.users + a.classes));
  }

  /**
   * Live users whose role cannot teach (a student, a parent…) but who are enrolled as the teacher
   * of active classes. Walked by class (fewer than users), each teacher looked up by id.
   */
  teachingNonTeachers(): {
    sourcedId: string;
    role: string;
    givenName: string;
    familyName: string;
    classes: number;
  }[] {
    const { t } = this;
    const roles = NON_TEACHING_ROLES.map((r) => `'${r}'`).join(', ');
    return (
      this.db
        .prepare(
          `SELECT u.sourced_id, u.role, u.given_name, u.family_name, count(DISTINCT c.sourced_id) AS classes
           FROM ${t.classes} c INDEXED BY classes_id
           JOIN ${t.enrollments} e INDEXED BY enrollments_class
             ON e.class_id = c.sourced_id AND e.role = 'teacher' AND e.status = 'active'
           JOIN ${t.users} u ON u.sourced_id = e.user_id
           WHERE c.status = 'active' AND u.role IN (${roles}) AND ${LIVE}
           GROUP BY u.sourced_id ORDER BY u.sourced_id`,
        )
        .all() as {
        sourced_id: string;
        role: string;
        given_name: string;
        family_name: string;
        classes: number;
      }[]
    ).map((r) => ({
      sourcedId: r.sourced_id,
      role: r.role,
      givenName: r.given_name,
      familyName: r.family_name,
      classes: r.classes,
    }));
  }
}
