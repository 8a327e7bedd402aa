import { describe, expect, it } from 'vitest';
import { runDiagnostics } from '../../electron/core/diagnostics/run-diagnostics';
import { runInWorker } from '../../electron/core/diagnostics/run-in-worker';
import { finishPreview, syncPreview } from '../../electron/core/diagnostics/sync-preview';
import { fileByPerson } from '../../shared/domain/problem-assignment';
import { snapshotDiff } from '../../electron/core/snapshot/snapshot-diff';
import { SnapshotStore } from '../../electron/core/snapshot/snapshot-store';
import { SnapshotWriter } from '../../electron/core/snapshot/snapshot-writer';
import { useTempDatabase } from '../helpers/temp-database';
import { injectedDistrict } from '../helpers/injected-district';

const temp = useTempDatabase();

function sync(store: SnapshotStore, d: ReturnType<typeof injectedDistrict>): number {
  const id = store.begin('c1', 'classlink', 'test');
  const w = new SnapshotWriter(temp.db, id);
  w.write(
    { orgs: d.orgs, users: d.users, classes: d.classes, enrollments: d.enrollments },
    [],
    'test',
  );
  w.finish();
  store.complete(id, { ...w.counts });
  return id;
}

describe('sync outcome preview', () => {
  it('counts importing teachers, would-be duplicate accounts, unprovisioned teachers and student accounts', () => {
    const d = injectedDistrict();
    const id = sync(new SnapshotStore(temp.db), d);
    const { licenseMatch, findings } = runDiagnostics(temp.db, id, d.license);
    const preview = finishPreview(syncPreview(temp.db, id, licenseMatch), fileByPerson(findings));
    // As Start here counts them: the 20 email mismatches (the case/space one is its own
    // problem, fixed at the source), and the 3 teachers with classes not on the license (the
    // missing and invalid emails are filed under those problems: nobody can invite them).
    expect(preview.total.teachersDuplicateAccount).toBe(20);
    expect(preview.total.teachersNotProvisioned).toBe(3);
    expect(preview.total.teachersImporting).toBeGreaterThan(5);
    expect(preview.total.studentAccounts).toBeGreaterThan(0);
    expect(preview.perSchool.reduce((n, s) => n + s.teachersImporting, 0)).toBe(
      preview.total.teachersImporting,
    );
    expect(preview.seatsAvailable).toBeNull();
  });

  it("counts, once each, exactly the live students of the importing teachers' active classes", () => {
    const d = injectedDistrict();
    const store = new SnapshotStore(temp.db);
    const importingClasses = (id: number) => {
      const { licenseMatch } = runDiagnostics(temp.db, id, d.license);
      const importing = new Set(
        (licenseMatch?.matches ?? [])
          .filter((m) => m.how === 'exact' && m.entry.status === 'active' && m.teacher.classes > 0)
          .map((m) => m.teacher.sourcedId),
      );
      const classes = new Set(
        d.enrollments
          .filter(
            (e) => e.role === 'teacher' && e.status === 'active' && importing.has(e.userSourcedId),
          )
          .map((e) => e.classSourcedId),
      );
      return { licenseMatch, classes };
    };
    // A student the roster marks tobedeleted gets no account, even in an importing teacher's class.
    const before = importingClasses(sync(store, d));
    const leaving = d.enrollments.find(
      (e) => e.role === 'student' && e.status === 'active' && before.classes.has(e.classSourcedId),
    );
    expect(leaving).toBeDefined();
    d.users = d.users.map((u) =>
      u.sourcedId === leaving?.userSourcedId ? { ...u, status: 'tobedeleted' as const } : u,
    );
    const id = sync(store, d);
    const { licenseMatch, classes } = importingClasses(id);
    const preview = syncPreview(temp.db, id, licenseMatch);
    // The same count made from the district itself.
    const live = new Set(
      d.users.filter((u) => u.status === 'active' && u.enabledUser).map((u) => u.sourcedId),
    );
    const students = new Set(
      d.enrollments
        .filter(
          (e) => e.role === 'student' && e.status === 'active' && classes.has(e.classSourcedId),
        )
        .map((e) => e.userSourcedId)
        .filter((s) => live.has(s)),
    );
    expect(preview.total.studentAccounts).toBe(students.size);
    expect(preview.perSchool.reduce((n, s) => n + s.studentAccounts, 0)).toBe(students.size);
  });
});

describe('snapshot diff', () => {
  it('says what changed since the previous sync, the same from the diagnostics threads', async () => {
    const store = new SnapshotStore(temp.db);
    const before = injectedDistrict();
    sync(store, before);
    const after = injectedDistrict();
    const gone = after.users.splice(5, 2);
    const renamed = after.users[10];
    if (!renamed) throw new Error('no user');
    renamed.email = 'brand.new@springfield.k12.example';
    after.classes.push({
      ...after.classes[0],
      sourcedId: 'cls-new',
      title: 'Astronomy',
    } as (typeof after.classes)[number]);
    const id = sync(store, after);
    const diff = snapshotDiff(temp.db, store, id);
    expect(diff).toMatchObject({
      usersAdded: 0,
      usersRemoved: 2,
      emailsChanged: 1,
      classesAdded: 1,
      classesRemoved: 0,
    });
    expect(diff.examples).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'user removed', id: gone[0]?.sourcedId }),
        expect.objectContaining({
          kind: 'email changed',
          id: renamed.sourcedId,
          detail: expect.stringContaining('-> brand.new@springfield.k12.example'),
        }),
        { kind: 'class added', id: 'cls-new', detail: 'Astronomy' },
      ]),
    );
    // As the app gets it: after the findings, from the classes half's thread.
    const halves = await runInWorker({
      dbFile: temp.db.name,
      snapshotId: id,
      license: null,
      connections: [],
    });
    expect(await halves.diff).toEqual(diff);
  });

  it('has nothing to compare on a first sync', () => {
    const id = sync(new SnapshotStore(temp.db), injectedDistrict());
    expect(snapshotDiff(temp.db, new SnapshotStore(temp.db), id).previous).toBeNull();
  });
});
