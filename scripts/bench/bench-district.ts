import type { SnapshotWriter } from '../../electron/core/snapshot/snapshot-writer';
import type { RosterResource } from '../../shared/domain/roster';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import type { District } from '../../sandbox/district/district';

/** The largest-US-district shape of the benchmarks, scaled: 1,800 schools, 75,000 teachers, 1,000,000 students, > 5,000,000 enrollments. */
export function benchDistrict(scale: number): District {
  return generateDistrict(
    districtSpec({
      seed: 2026,
      name: 'Bench Unified School District',
      schools: Math.max(1, Math.round(1800 * scale)),
      teachers: Math.max(1, Math.round(75_000 * scale)),
      students: Math.max(1, Math.round(1_000_000 * scale)),
      classesPerTeacher: 5,
      studentsPerClass: 14,
    }),
  );
}

/**
 * The page size the ingest bench asks for (the app's, 1,000 records) and its roster server renders
 * ahead: one value, so a change to one side cannot silently send the server back to live rendering.
 */
export const BENCH_PAGE_SIZE = 1000;

/** The credentials the benchmarks' roster server (serve-oneroster.ts) accepts. */
export const BENCH_CREDENTIALS = { clientId: 'bench', clientSecret: 'bench-secret' } as const;

export function scaleArg(argv: string[]): number {
  const i = argv.indexOf('--scale');
  const scale = i >= 0 ? Number(argv[i + 1]) : 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1)
    throw new Error(`--scale must be a number in (0, 1], got "${argv[i + 1]}"`);
  return scale;
}

/** Inserts a district straight into a snapshot, 5,000 records a write: the check bench's quick load. */
export function insertDistrict(writer: SnapshotWriter, district: District, location: string): void {
  const lists: [RosterResource, { count: number; at(i: number): unknown }][] = [
    ['orgs', district.orgs],
    ['users', district.users],
    ['classes', district.classes],
    ['enrollments', district.enrollments],
    ['courses', district.courses],
    ['academicSessions', district.academicSessions],
  ];
  for (const [resource, list] of lists) {
    for (let i = 0; i < list.count; i += 5000) {
      const batch: unknown[] = [];
      for (let j = i; j < Math.min(list.count, i + 5000); j++) batch.push(list.at(j));
      writer.write({ [resource]: batch }, [], location);
    }
  }
}
