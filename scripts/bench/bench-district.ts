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

export function scaleArg(argv: string[]): number {
  const i = argv.indexOf('--scale');
  const scale = i >= 0 ? Number(argv[i + 1]) : 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1)
    throw new Error(`--scale must be a number in (0, 1], got "${argv[i + 1]}"`);
  return scale;
}
