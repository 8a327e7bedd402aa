import { describe, expect, it } from 'vitest';
import { readinessChecks } from '../../electron/core/new-year/readiness-checks';
import type { ReadinessInput } from '../../electron/core/new-year/readiness-checks';
import { reclaimList } from '../../electron/core/new-year/reclaim-list';
import type { ReclaimInput } from '../../electron/core/new-year/reclaim-list';
import { seatForecast } from '../../electron/core/new-year/seat-forecast';
import type { ForecastInput } from '../../electron/core/new-year/seat-forecast';
import type { LicenseRow } from '../../shared/domain/license';

const READY: ReadinessInput = {
  today: '2026-12-05',
  sessions: [
    { title: '2027-2028', endDate: '2028-06-09', isNew: true },
    { title: 'Fall 2027', endDate: '2027-12-19', isNew: true },
  ],
  schools: [
    { name: 'Lee Middle School', teachers: 12, classes: 40 },
    { name: 'Moore High School', teachers: 20, classes: 70 },
  ],
  classesWithoutTeacher: { total: 0, examples: [] },
  rostering: [{ name: 'ClassLink', registered: true }],
  arrivals: { toInvite: 5, invited: 5 },
  seatsShort: 0,
  seatsSentence: 'Enough teacher seats from August 2027: about 90 of 100 used, 10 to spare.',
};
const stateOf = (input: ReadinessInput, id: string) =>
  readinessChecks(input).checks.find((c) => c.id === id);

describe('the readiness checklist, each check both ways', () => {
  it('all six pass on a ready district, and the summary says so', () => {
    const r = readinessChecks(READY);
    expect(r.checks.map((c) => [c.id, c.state])).toEqual([
      ['sessions', 'ok'],
      ['schools', 'ok'],
      ['class-teachers', 'ok'],
      ['application-id', 'ok'],
      ['arrival-invites', 'ok'],
      ['seats', 'ok'],
    ]);
    expect(r.summary).toBe('Ready: 6 of 6 checks');
    expect(r.checks.every((c) => c.fix === null)).toBe(true);
  });

  it('sessions: fails when no new session comes, or one has ended', () => {
    const stale = stateOf(
      { ...READY, sessions: READY.sessions.map((s) => ({ ...s, isNew: false })) },
      'sessions',
    );
    expect(stale?.state).toBe('fail');
    expect(stale?.detail).toMatch(/this year's terms/);
    const ended = stateOf(
      {
        ...READY,
        sessions: [...READY.sessions, { title: 'Summer 2026', endDate: '2026-08-01', isNew: true }],
      },
      'sessions',
    );
    expect(ended?.state).toBe('fail');
    expect(ended?.detail).toMatch(/Summer 2026 \(ended 2026-08-01\)/);
  });

  it('schools: fails naming a school with no teachers or no classes', () => {
    const c = stateOf(
      {
        ...READY,
        schools: [...READY.schools, { name: 'Park Elementary School', teachers: 0, classes: 0 }],
      },
      'schools',
    );
    expect(c?.state).toBe('fail');
    expect(c?.detail).toBe('Park Elementary School: no teachers, no classes');
    expect(c?.fix).toMatch(/^In ClassLink or Clever/);
    expect(c?.fixScreen).toBeNull();
  });

  it('class teachers: fails with how many classes have none, and where to see them', () => {
    const c = stateOf(
      {
        ...READY,
        classesWithoutTeacher: {
          total: 2,
          examples: ['Art - Period 1 (Lee)', 'Math - Period 2 (Lee)'],
        },
      },
      'class-teachers',
    );
    expect(c?.state).toBe('fail');
    expect(c?.detail).toBe(
      '2 classes without a teacher: Art - Period 1 (Lee), Math - Period 2 (Lee)',
    );
    expect(c?.fixScreen).toBe('classes');
  });

  it('Application ID: fails when a ClassLink rostering has none; unknown for a CSV license', () => {
    const c = stateOf(
      { ...READY, rostering: [{ name: 'ClassLink', registered: false }] },
      'application-id',
    );
    expect(c?.state).toBe('fail');
    expect(c?.fixScreen).toBe('license');
    expect(stateOf({ ...READY, rostering: null }, 'application-id')?.state).toBe('unknown');
  });

  it('arrival invitations: fails while some arrivals have none staged', () => {
    const c = stateOf({ ...READY, arrivals: { toInvite: 5, invited: 2 } }, 'arrival-invites');
    expect(c?.state).toBe('fail');
    expect(c?.detail).toBe('3 of 5 arriving teachers have no invitation staged');
  });

  it('seats: fails when short, unknown when the contract is unknown; the summary counts', () => {
    const short = readinessChecks({ ...READY, seatsShort: 12, seatsSentence: 'Short by about 12' });
    expect(short.checks.find((c) => c.id === 'seats')?.state).toBe('fail');
    expect(short.summary).toBe('Ready: 5 of 6 checks');
    expect(stateOf({ ...READY, seatsShort: null }, 'seats')?.state).toBe('unknown');
  });
});

const FORECAST: ForecastInput = {
  now: new Date('2026-12-05T12:00:00Z'),
  startsOn: '2027-08-14',
  seats: 100,
  onLicenseNow: 90,
  pendingInvitations: 6,
  schools: [
    { name: 'Lee Middle School', seatsFreed: 1, seatsNeeded: 9 },
    { name: 'Moore High School', seatsFreed: 2, seatsNeeded: 7 },
    { name: 'Park Elementary School', seatsFreed: 3, seatsNeeded: 1 },
  ],
  reclaimable: 4,
  students: {
    gradesToday: [
      { grade: '6', n: 200 },
      { grade: '7', n: 210 },
      { grade: '8', n: 190 },
    ],
    platformCount: 580,
    history: [],
  },
};

describe('the seat forecast', () => {
  it('teacher seats are today − licensed leavers + arrivals to invite; short with where and when', () => {
    const f = seatForecast(FORECAST);
    // 90 − (1 + 2 + 3) + (9 + 7 + 1) = 101: one over the 100 seats.
    expect(f.teacher).toMatchObject({
      leaversFreed: 6,
      arrivalsToInvite: 17,
      next: 101,
      low: 97,
      high: 101,
      short: 1,
    });
    expect(f.teacher.mostlyAt).toEqual(['Lee Middle School', 'Moore High School']);
    expect(f.sentence).toBe(
      'Short by about 1 teacher seat from August 2027, mostly at Lee Middle School and Moore High School. Reclaiming the 4 unused seats listed below would cover it.',
    );
    // Today's figure until July, the range from August, with the contract line.
    expect(f.months[0]).toMatchObject({
      month: '2026-12',
      teacherLow: 90,
      teacherHigh: 90,
      seats: 100,
    });
    expect(f.months.find((m) => m.month === '2027-07')).toMatchObject({ teacherHigh: 90 });
    expect(f.months.find((m) => m.month === '2027-08')).toMatchObject({
      teacherLow: 97,
      teacherHigh: 101,
    });
    expect(f.months).toHaveLength(12);
  });

  it('says "enough" with the seats to spare when it fits', () => {
    const f = seatForecast({ ...FORECAST, seats: 130 });
    expect(f.teacher.short).toBe(0);
    expect(f.sentence).toBe(
      'Enough teacher seats from August 2027: about 101 of 130 used, 29 to spare.',
    );
  });

  it('student seats: the last grade leaves, up to 4% move away, the first grade ±10%: a range', () => {
    const s = seatForecast(FORECAST).student;
    // Staying 600 − 190 = 410; 0–16 move away; 180–220 arrive.
    expect(s).toMatchObject({
      now: 600,
      rosterLow: 574,
      rosterHigh: 630,
      // The platform's 580 seats move with the roster (−26 to +30).
      seatsNow: 580,
      graduates: 190,
      incomingLow: 180,
      incomingHigh: 220,
      low: 554,
      high: 610,
    });
    expect(seatForecast({ ...FORECAST, students: null }).student).toBeNull();
  });
});

const NOW = new Date('2026-12-05T12:00:00Z');
const row = (over: Partial<LicenseRow>): LicenseRow => ({
  email: 'x@d.org',
  givenName: 'X',
  familyName: 'Y',
  status: 'active',
  invitedAt: '2025-08-01T00:00:00Z',
  acceptedAt: '2025-08-02T00:00:00Z',
  platformId: 't_x',
  version: 1,
  source: 'manual',
  rosterId: null,
  accountId: 'a_x',
  pending: [],
  ...over,
});
const RECLAIM: ReclaimInput = {
  now: NOW,
  days: 120,
  graceDays: 30,
  seats: 10,
  rows: [
    row({ email: 'busy@d.org', platformId: 't_1', accountId: 'a_1' }),
    row({ email: 'idle130@d.org', platformId: 't_2', accountId: 'a_2' }),
    row({ email: 'idle119@d.org', platformId: 't_3', accountId: 'a_3' }),
    row({ email: 'never@d.org', platformId: 't_4', accountId: 'a_4' }),
    row({ email: 'idle200@d.org', platformId: 't_5', accountId: 'a_5' }),
    row({
      email: 'invite-old@d.org',
      platformId: 't_6',
      accountId: null,
      status: 'invited',
      invitedAt: '2026-07-01T00:00:00Z',
    }),
    row({
      email: 'invite-new@d.org',
      platformId: 't_7',
      accountId: null,
      status: 'invited',
      invitedAt: '2026-11-01T00:00:00Z',
    }),
    row({ email: 'duplicate@d.org', platformId: 't_8', accountId: 'a_8' }),
    row({ email: 'reminded@d.org', platformId: 't_9', accountId: 'a_9' }),
  ],
  accounts: new Map([
    ['a_1', { lastActiveAt: '2026-12-01T00:00:00Z' }],
    ['a_2', { lastActiveAt: '2026-07-28T12:00:00Z' }], // 130 days
    ['a_3', { lastActiveAt: '2026-08-08T12:00:00Z' }], // 119 days
    ['a_4', { lastActiveAt: null }],
    ['a_5', { lastActiveAt: '2026-05-19T12:00:00Z' }], // 200 days
    ['a_8', { lastActiveAt: null }],
    ['a_9', { lastActiveAt: '2026-06-01T00:00:00Z' }], // 187 days, reminded 10 days ago
  ]),
  roster: new Map([['idle130@d.org', { classes: 3, schoolName: 'Lee Middle School' }]]),
  reminded: new Map([['t_9', '2026-11-25T12:00:00Z']]),
  elsewhere: new Set(['a_8']),
};

describe('seats reclaimed from accounts nobody uses', () => {
  it('lists exactly the teachers idle over N days and the invitations pending over N days', () => {
    const list = reclaimList(RECLAIM);
    expect(list.items.map((i) => i.email)).toEqual([
      'never@d.org',
      'idle200@d.org',
      'reminded@d.org',
      'invite-old@d.org',
      'idle130@d.org',
    ]);
    expect(list.items.find((i) => i.email === 'idle130@d.org')).toMatchObject({
      idleDays: 130,
      classes: 3,
      schoolName: 'Lee Middle School',
      first: { kind: 'remind', teacherId: 't_2' },
      remove: null,
      removeFrom: '30 days after a reminder',
    });
    expect(list.items.find((i) => i.email === 'idle130@d.org')?.evidence).toEqual([
      'Last active on the platform 2026-07-28 (130 days ago)',
      "Teaches 3 classes in today's roster (Lee Middle School)",
    ]);
    expect(list.items.find((i) => i.email === 'invite-old@d.org')?.first.kind).toBe('resend');
  });

  it('offers Remove only after the grace period: long idle, or a reminder over 30 days ago', () => {
    const list = reclaimList(RECLAIM);
    const remove = (email: string) => list.items.find((i) => i.email === email)?.remove ?? null;
    expect(remove('idle200@d.org')).toMatchObject({ kind: 'remove', teacherId: 't_5' });
    expect(remove('never@d.org')).toMatchObject({ kind: 'remove', teacherId: 't_4' });
    // 187 days idle is past 120 + 30 already; the reminder's own grace is beside the point.
    expect(remove('reminded@d.org')).toMatchObject({ kind: 'remove' });
    const later = reclaimList({ ...RECLAIM, days: 180, graceDays: 30 });
    expect(later.items.find((i) => i.email === 'reminded@d.org')).toMatchObject({
      remove: null,
      removeFrom: '2026-12-25',
    });
    const afterGrace = reclaimList({
      ...RECLAIM,
      days: 180,
      graceDays: 30,
      now: new Date('2026-12-26T12:00:00Z'),
    });
    expect(afterGrace.items.find((i) => i.email === 'reminded@d.org')?.remove).not.toBeNull();
  });

  it("N is the admin's: at 100 days the 119-day teacher is listed too", () => {
    expect(reclaimList({ ...RECLAIM, days: 100 }).items.map((i) => i.email)).toContain(
      'idle119@d.org',
    );
  });
});
