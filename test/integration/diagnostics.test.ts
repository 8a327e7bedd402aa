import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../../electron/core/diagnostics/run-diagnostics';
import { runInWorker } from '../../electron/core/diagnostics/run-in-worker';
import { syncPreview } from '../../electron/core/diagnostics/sync-preview';
import type { Finding } from '../../shared/domain/finding';
import { useTempDatabase } from '../helpers/temp-database';
import { injectedDistrict, writeSnapshot } from '../helpers/injected-district';

const temp = useTempDatabase();

const key = (code: string, ids: string[]) => `${code} ${[...ids].sort().join(' ')}`;
const keyOf = (f: Finding) =>
  key(
    f.code,
    f.subjects.map((s) => s.id),
  );

describe('the diagnostics engine on a district with every code injected at known places', () => {
  it('finds every injected defect and reports nothing else', () => {
    const district = injectedDistrict();
    const snapshotId = writeSnapshot(temp.db, district);
    const { findings } = runDiagnostics(temp.db, snapshotId, district.license, [
      { id: 'conn-1', name: 'District ClassLink', kind: 'classlink', hasApplicationId: false },
      { id: 'conn-2', name: 'Other ClassLink', kind: 'classlink', hasApplicationId: true },
    ]);
    const expected = [
      ...district.expected.map((e) => key(e.code, e.ids)),
      key('MISSING_APPLICATION_ID', ['conn-1']),
    ].sort();
    expect(findings.map(keyOf).sort()).toEqual(expected);
  });

  it('gives the same findings, in the same order, from the two worker halves the app runs', async () => {
    const district = injectedDistrict();
    const snapshotId = writeSnapshot(temp.db, district);
    const connections = [
      { id: 'conn-1', name: 'District ClassLink', kind: 'classlink', hasApplicationId: false },
    ];
    const inProcess = runDiagnostics(temp.db, snapshotId, district.license, connections);
    const halves = await runInWorker({
      dbFile: temp.db.name,
      snapshotId,
      license: district.license,
      connections,
    });
    expect(halves.findings).toEqual(inProcess.findings);
    expect(await halves.licenseMatches).toEqual(inProcess.licenseMatch?.matches ?? null);
    expect((await halves.preview).total).toEqual(
      syncPreview(temp.db, snapshotId, inProcess.licenseMatch).total,
    );
  });

  it('suggests the right license entry for at least 95% of email mismatches, with a confidence', () => {
    const district = injectedDistrict();
    const { findings } = runDiagnostics(
      temp.db,
      writeSnapshot(temp.db, district),
      district.license,
    );
    const suggestions = findings.filter((f) => f.code === 'EMAIL_MISMATCH');
    const right = district.mismatches.filter((m) =>
      suggestions.some(
        (f) =>
          f.suggestion?.rosterEmail === m.rosterEmail &&
          f.suggestion.licenseEmail === m.licenseEmail,
      ),
    );
    expect(right.length / district.mismatches.length).toBeGreaterThanOrEqual(0.95);
    for (const f of suggestions) {
      expect(f.suggestion?.confidence).toBeGreaterThanOrEqual(0.5);
      expect(f.suggestion?.confidence).toBeLessThan(1);
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.fix.where).toBe('rosterdesk');
    }
  });

  it('a teacher whose email has no @ yields INVALID_EMAIL; two users with one email yield DUPLICATE_EMAIL', () => {
    const district = injectedDistrict();
    const { findings } = runDiagnostics(
      temp.db,
      writeSnapshot(temp.db, district),
      district.license,
    );
    const invalid = findings.filter((f) => f.code === 'INVALID_EMAIL');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]?.subjects[0]?.email).not.toContain('@');
    const duplicate = findings.filter((f) => f.code === 'DUPLICATE_EMAIL');
    expect(duplicate).toHaveLength(1);
    expect(duplicate[0]?.subjects).toHaveLength(2);
    expect(duplicate[0]?.severity).toBe('error');
  });

  it('DUPLICATE_EMAIL also groups case and space variants of one address', () => {
    const district = injectedDistrict();
    const [a, b] = district.users.filter((u) => u.role === 'student').slice(10, 12);
    if (!a || !b) throw new Error('no students');
    a.email = 'shared.student@springfield.k12.example';
    b.email = ' Shared.Student@springfield.k12.example ';
    const { findings } = runDiagnostics(
      temp.db,
      writeSnapshot(temp.db, district),
      district.license,
    );
    const shared = findings.filter(
      (f) => f.code === 'DUPLICATE_EMAIL' && f.subjects.some((s) => s.id === a.sourcedId),
    );
    expect(shared).toHaveLength(1);
    expect(shared[0]?.subjects.map((s) => s.id).sort()).toEqual([a.sourcedId, b.sourcedId].sort());
  });

  it('LOW_STUDENT_SHARE when the roster sends 113 teachers and 5 students', () => {
    const district = injectedDistrict();
    const teachers = Array.from({ length: 113 }, (_, i) => ({
      ...district.users[1],
      sourcedId: `t${i}`,
      role: 'teacher' as const,
      email: `t${i}@x.example`,
    }));
    const students = Array.from({ length: 5 }, (_, i) => ({
      ...district.users[1],
      sourcedId: `s${i}`,
      role: 'student' as const,
      email: null,
    }));
    const snapshotId = writeSnapshot(temp.db, {
      ...district,
      users: [...teachers, ...students] as typeof district.users,
      enrollments: [],
      classes: [],
    });
    const low = runDiagnostics(temp.db, snapshotId, null).findings.filter(
      (f) => f.code === 'LOW_STUDENT_SHARE',
    );
    expect(low).toHaveLength(1);
    expect(low[0]?.message).toBe(
      'The roster sends 113 teachers but only 5 students: at most 5 student seats can be made',
    );
  });

  it('without a license list, license findings are not guessed', () => {
    const district = injectedDistrict();
    const codes = new Set(
      runDiagnostics(temp.db, writeSnapshot(temp.db, district), null).findings.map((f) => f.code),
    );
    for (const code of [
      'EMAIL_MISMATCH',
      'NOT_ON_LICENSE',
      'INVITE_PENDING',
      'NOT_IN_ROSTER',
    ] as const)
      expect(codes.has(code)).toBe(false);
  });
});

describe('diagnosis on small and license-less rosters', () => {
  it('a roster of a few users is not a LOW_STUDENT_SHARE, and teachers without classes show without a license', () => {
    const district = injectedDistrict();
    const teacher = { ...district.users[1], role: 'teacher' as const };
    const users = Array.from({ length: 6 }, (_, i) => ({
      ...teacher,
      sourcedId: `t${i}`,
      email: `t${i}@x.example`,
    }));
    const snapshotId = writeSnapshot(temp.db, {
      ...district,
      users: users as typeof district.users,
      enrollments: [],
      classes: [],
    });
    const findings = runDiagnostics(temp.db, snapshotId, null).findings;
    expect(findings.filter((f) => f.code === 'LOW_STUDENT_SHARE')).toEqual([]);
    const idle = findings.filter((f) => f.code === 'TEACHER_NO_CLASSES');
    expect(idle.map((f) => f.subjects[0]?.id).sort()).toEqual(users.map((u) => u.sourcedId));
    expect(idle[0]?.message).toMatch(/is a teacher in the roster, but the roster sends no class/);
  });
});
