import { assembleStats, withoutDead } from './snapshot-stats';
import type { ActiveSchool, PeopleCount, SchoolCount, SnapshotStats } from './snapshot-stats';
import type { RowBatch } from './snapshot-rows';

/** Column positions in the rows of snapshot-rows.ts `toRow`. */
const USER = { status: 1, enabled: 2, role: 3, orgIds: 10 } as const;
const CLASS = { status: 1, school: 5 } as const;
const ENROLLMENT = { status: 1, school: 3 } as const;

export interface TallyState {
  people: Map<string, { role: string; live: number; orgIds: string | null; n: number }>;
  classes: Map<string | null, number>;
  enrollments: Map<string | null, number>;
}

/**
 * The dashboard's counts tallied while rows go into a snapshot, so a sync does not scan its
 * millions of enrollments again once they are in. Gives exactly what computeSnapshotStats() gives
 * by SQL: live teachers and students at the first of their orgs that is an active school (users
 * are grouped by their org list, a few thousand keys, and each list is resolved once at the end).
 */
export class SnapshotTally {
  /** Live teachers and students by role and org list; everyone else by role and liveness. */
  private readonly people: TallyState['people'] = new Map();
  private readonly classes: TallyState['classes'] = new Map();
  private readonly enrollments: TallyState['enrollments'] = new Map();

  add(rows: RowBatch): void {
    for (const u of rows.users ?? []) {
      const role = String(u[USER.role]);
      const live = u[USER.status] === 'active' && u[USER.enabled] === 1 ? 1 : 0;
      const placed = live === 1 && (role === 'teacher' || role === 'student');
      const orgIds = placed ? String(u[USER.orgIds]) : null;
      const key = `${role}\u0000${live}\u0000${orgIds ?? ''}`;
      const entry = this.people.get(key);
      if (entry) entry.n++;
      else this.people.set(key, { role, live, orgIds, n: 1 });
    }
    count(this.classes, rows.classes, CLASS);
    count(this.enrollments, rows.enrollments, ENROLLMENT);
  }

  /** The counts so far as plain maps, to send to the thread that merges the lanes of a sync. */
  get state(): TallyState {
    return { people: this.people, classes: this.classes, enrollments: this.enrollments };
  }

  /** Adds another lane's counts. */
  merge(state: TallyState): void {
    for (const [key, p] of state.people) {
      const entry = this.people.get(key);
      if (entry) entry.n += p.n;
      else this.people.set(key, { ...p });
    }
    for (const [into, from] of [
      [this.classes, state.classes],
      [this.enrollments, state.enrollments],
    ] as const)
      for (const [school, n] of from) into.set(school, (into.get(school) ?? 0) + n);
  }

  /** The stats, given the active schools and the active enrollments that are not live (dead). */
  stats(schools: ActiveSchool[], dead: SchoolCount[] = []): SnapshotStats {
    const isSchool = new Set(schools.map((s) => s.sourced_id));
    const people = new Map<string, PeopleCount>();
    for (const p of this.people.values()) {
      const ids = p.orgIds === null ? [] : (JSON.parse(p.orgIds) as unknown[]);
      const first = ids.find((id): id is string => typeof id === 'string' && isSchool.has(id));
      const school = first ?? null;
      const key = `${school ?? ''}\u0000${p.role}\u0000${p.live}`;
      const merged = people.get(key);
      if (merged) merged.n += p.n;
      else people.set(key, { school, role: p.role, live: p.live, n: p.n });
    }
    const list = (m: Map<string | null, number>): SchoolCount[] =>
      [...m].map(([school_id, n]) => ({ school_id, n }));
    return assembleStats(
      schools,
      [...people.values()],
      list(this.classes),
      withoutDead(list(this.enrollments), dead),
    );
  }
}

function count(
  into: Map<string | null, number>,
  rows: RowBatch['classes'],
  at: { status: number; school: number },
): void {
  for (const r of rows ?? []) {
    if (r[at.status] !== 'active') continue;
    const school = (r[at.school] ?? null) as string | null;
    into.set(school, (into.get(school) ?? 0) + 1);
  }
}
