import type { Db } from '../db/open-database';

export interface SnapshotStats {
  schools: number;
  teachers: number;
  students: number;
  administrators: number;
  classes: number;
  enrollments: number;
  inactiveUsers: number;
  perSchool: {
    sourcedId: string;
    name: string;
    teachers: number;
    students: number;
    classes: number;
  }[];
}

const LIVE = "status = 'active' AND enabled = 1";

/** Counts live records of a snapshot in a few passes; stored with the snapshot when it completes. */
export function computeSnapshotStats(db: Db, snapshotId: number): SnapshotStats {
  const people = db
    .prepare(
      `SELECT json_extract(org_ids, '$[0]') AS school, role, (${LIVE}) AS live, count(*) AS n
       FROM roster_users WHERE snapshot_id = ? GROUP BY school, role, live`,
    )
    .all(snapshotId) as { school: string | null; role: string; live: number; n: number }[];
  const classesBySchool = new Map(
    (
      db
        .prepare(
          "SELECT school_id, count(*) AS n FROM roster_classes WHERE snapshot_id = ? AND status = 'active' GROUP BY school_id",
        )
        .all(snapshotId) as { school_id: string | null; n: number }[]
    ).map((r) => [r.school_id ?? '', r.n]),
  );
  const schools = db
    .prepare(
      "SELECT sourced_id, name FROM roster_orgs WHERE snapshot_id = ? AND type = 'school' AND status = 'active' ORDER BY name",
    )
    .all(snapshotId) as { sourced_id: string; name: string }[];
  const perSchool = new Map(
    schools.map((s) => [
      s.sourced_id,
      {
        sourcedId: s.sourced_id,
        name: s.name,
        teachers: 0,
        students: 0,
        classes: classesBySchool.get(s.sourced_id) ?? 0,
      },
    ]),
  );
  const totals = { teachers: 0, students: 0, administrators: 0, inactiveUsers: 0 };
  for (const p of people) {
    if (!p.live) {
      totals.inactiveUsers += p.n;
      continue;
    }
    const entry = perSchool.get(p.school ?? '');
    if (p.role === 'teacher') {
      totals.teachers += p.n;
      if (entry) entry.teachers += p.n;
    } else if (p.role === 'student') {
      totals.students += p.n;
      if (entry) entry.students += p.n;
    } else if (p.role === 'administrator' || p.role === 'district_admin')
      totals.administrators += p.n;
  }
  return {
    schools: schools.length,
    ...totals,
    classes: [...classesBySchool.values()].reduce((a, b) => a + b, 0),
    enrollments: db
      .prepare(
        "SELECT count(*) FROM roster_enrollments WHERE snapshot_id = ? AND status = 'active'",
      )
      .pluck()
      .get(snapshotId) as number,
    perSchool: [...perSchool.values()],
  };
}

/** The stored stats of a snapshot, computed (and stored) on first use for snapshots from before 005. */
export function snapshotStats(db: Db, snapshotId: number): SnapshotStats {
  const stored = db
    .prepare('SELECT stats FROM snapshot_stats WHERE snapshot_id = ?')
    .pluck()
    .get(snapshotId) as string | undefined;
  if (stored) return JSON.parse(stored) as SnapshotStats;
  const stats = computeSnapshotStats(db, snapshotId);
  // A read-only connection (the diagnostics worker) computes without keeping.
  if (!db.readonly)
    db.prepare('INSERT OR REPLACE INTO snapshot_stats (snapshot_id, stats) VALUES (?, ?)').run(
      snapshotId,
      JSON.stringify(stats),
    );
  return stats;
}
