import type { Db } from '../../electron/core/db/open-database';
import type { ResourceCounts } from '../../shared/domain/snapshot';
import { EMPTY_COUNTS } from '../../shared/domain/snapshot';
import { hasSnapshotFile, snapshotTables } from '../../electron/core/snapshot/snapshot-files';
import type { District } from '../../sandbox/district/district';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';

/** A small district with every defect kind, quick enough for a test. */
export function smallDistrict(overrides: Parameters<typeof districtSpec>[0] = {}): District {
  return generateDistrict(
    districtSpec({
      seed: 7,
      schools: 3,
      teachers: 20,
      students: 300,
      classesPerTeacher: 3,
      studentsPerClass: 12,
      ...overrides,
    }),
  );
}

export function expectedCounts(d: District): ResourceCounts {
  return {
    orgs: d.orgs.count,
    users: d.users.count,
    classes: d.classes.count,
    enrollments: d.enrollments.count,
    courses: d.courses.count,
    academicSessions: d.academicSessions.count,
  };
}

/** Rows actually stored for a snapshot, table by table. */
export function storedCounts(db: Db, snapshotId: number): ResourceCounts {
  if (!hasSnapshotFile(db, snapshotId)) return { ...EMPTY_COUNTS };
  const t = snapshotTables(db, snapshotId);
  const count = (table: string) =>
    db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return {
    orgs: count(t.orgs),
    users: count(t.users),
    classes: count(t.classes),
    enrollments: count(t.enrollments),
    courses: count(t.courses),
    academicSessions: count(t.sessions),
  };
}

/** Quick retries so fault tests finish in seconds. */
export const FAST_RETRY = { baseDelayMs: 20, maxDelayMs: 200, maxAttempts: 12, timeoutMs: 10_000 };
