import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedAppServices } from '../../electron/core/app/app-services';
import { nextVersion } from '../../sandbox/district/district-changes';
import { districtSpec, generateDistrict } from '../../sandbox/district/generate-district';
import { writeCsvFolder } from '../../sandbox/district/write-csv';
import type { RunningPlatform } from '../../sandbox/platform/platform-server';
import { districtOnPlatform } from '../helpers/district-on-platform';
import type { DistrictOnPlatform } from '../helpers/district-on-platform';
import { syncEnded } from '../helpers/wait-for';

const district = generateDistrict(
  districtSpec({ seed: 31, schools: 3, teachers: 60, students: 300 }),
);
const { district: later, truth } = nextVersion(district, { leave: 5, arrive: 3, emailChange: 12 });
const LICENSE = 'lic-digest';

let fixture: DistrictOnPlatform;
let platform: RunningPlatform;
let services: OpenedAppServices;
let rosterId = '';

beforeAll(async () => {
  fixture = await districtOnPlatform(district, { licenseId: LICENSE });
  ({ platform, services } = fixture);
  rosterId = services.connections.list().find((c) => c.settings.kind === 'oneroster-csv')?.id ?? '';
  // Weeks later, the source sends the district's next version into the same folder.
  writeCsvFolder(later, path.join(fixture.tmp.dir, 'export'));
  const job = services.syncJobs.start(rosterId);
  expect((await syncEnded(services, job.jobId)).state).toBe('complete');
}, 60_000);

afterAll(() => fixture.close());

/** The platform's licensed teacher emails, read from its own store (not from RosterDesk). */
function licensed(): Map<string, string> {
  const rows = platform.store.db
    .prepare('SELECT id, lower(email) AS email FROM teachers')
    .all() as { id: string; email: string }[];
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** The platform's manual (not rostered) license entries by email: the ones whose email RosterDesk changes. */
function manual(): Set<string> {
  return new Set(
    platform.store.db
      .prepare("SELECT lower(email) FROM teachers WHERE source = 'manual'")
      .pluck()
      .all() as string[],
  );
}

describe('what changed for the license, after a sync', () => {
  it('lists exactly the arrivals, the licensed leavers and the emails changed at the source', () => {
    const digest = services.digest(rosterId);
    expect(digest).not.toBeNull();
    const ids = (list: { sourcedId: string }[]) => list.map((t) => t.sourcedId).sort();
    expect(ids(digest?.arrivals ?? [])).toEqual(ids(truth.arrivals));
    expect(digest?.arrivals.every((a) => !a.onLicense && a.stage?.kind === 'invite')).toBe(true);
    const seats = licensed();
    const licensedLeavers = truth.leavers.filter((u) => seats.has((u.email ?? '').toLowerCase()));
    expect(licensedLeavers.length).toBeGreaterThan(0);
    expect(ids(digest?.leavers ?? [])).toEqual(ids(licensedLeavers));
    for (const l of digest?.leavers ?? [])
      expect(l.stage.teacherId).toBe(seats.get((l.email ?? '').toLowerCase()));
    expect((digest?.emailChanges ?? []).map((c) => [c.sourcedId, c.from, c.email]).sort()).toEqual(
      truth.emailChanges.map((c) => [c.sourcedId, c.from, c.to]).sort(),
    );
    expect(digest?.totals).toEqual({
      arrivals: truth.arrivals.length,
      leavers: truth.leavers.length,
      emailChanges: truth.emailChanges.length,
    });
  });

  it('its actions stage the right changes for approval, and push nothing', () => {
    const digest = services.digest(rosterId);
    const requests = [
      ...(digest?.arrivals ?? []).flatMap((a) => (a.stage ? [a.stage] : [])),
      ...(digest?.leavers ?? []).map((l) => l.stage),
      ...(digest?.emailChanges ?? []).flatMap((c) => (c.stage ? [c.stage] : [])),
    ];
    const staged = requests.map((r) => services.staging.stage(r, 'SYNC_DIGEST'));
    const byKind = (kind: string) => staged.filter((c) => c.kind === kind);
    expect(
      byKind('invite')
        .map((c) => c.subject)
        .sort(),
    ).toEqual(truth.arrivals.map((u) => u.email).sort());
    expect(byKind('remove')).toHaveLength(digest?.leavers.length ?? -1);
    const changes = byKind('change-email');
    // Proposed for the manual entries only; a rostered account follows its rostering service.
    const expectedChanges = truth.emailChanges.filter((c) => manual().has(c.from.toLowerCase()));
    expect(expectedChanges.length).toBeGreaterThan(0);
    expect(changes.map((c) => c.subject).sort()).toEqual(expectedChanges.map((c) => c.from).sort());
    for (const c of digest?.emailChanges ?? [])
      if (!c.stage && c.onLicense) expect(c.note).toMatch(/^Rostered by ClassLink/);
    for (const c of changes) expect(c.evidence.join(' ')).toMatch(/changed at the source/);
    // Staged for approval, nothing sent: the platform applied nothing.
    expect(staged.every((c) => c.status === 'staged')).toBe(true);
    expect(platform.store.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
  });
});
