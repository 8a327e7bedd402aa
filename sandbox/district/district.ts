import type {
  RosterClass,
  RosterCourse,
  RosterEnrollment,
  RosterOrg,
  RosterSession,
  RosterUser,
} from '../../shared/domain/roster';

/** A list whose records are made on demand: a million-student district never sits in memory. */
export interface RecordList<T> {
  readonly count: number;
  at(index: number): T;
}

export interface District {
  name: string;
  orgs: RecordList<RosterOrg>;
  users: RecordList<RosterUser>;
  classes: RecordList<RosterClass>;
  enrollments: RecordList<RosterEnrollment>;
  courses: RecordList<RosterCourse>;
  academicSessions: RecordList<RosterSession>;
}

export function listOf<T>(items: readonly T[]): RecordList<T> {
  return {
    count: items.length,
    at: (i) => {
      const item = items[i];
      if (item === undefined) throw new RangeError(`no record at ${i}`);
      return item;
    },
  };
}

export function toArray<T>(list: RecordList<T>): T[] {
  return Array.from({ length: list.count }, (_, i) => list.at(i));
}

/** The records of a list that pass a test, as a list (materialises only the matching indexes). */
export function filterList<T>(list: RecordList<T>, keep: (record: T) => boolean): RecordList<T> {
  const indexes: number[] = [];
  for (let i = 0; i < list.count; i++) if (keep(list.at(i))) indexes.push(i);
  return { count: indexes.length, at: (i) => list.at(indexes[i] ?? -1) };
}
