import type { Db } from '../db/open-database';
import { snapshotTables } from './snapshot-files';
import type { SnapshotTables } from './snapshot-files';
import { firstSchoolSql } from './snapshot-stats';

/** A person of either year, at their first school. */
export interface YearPerson {
  sourcedId: string;
  givenName: string;
  familyName: string;
  email: string | null;
  schoolId: string | null;
}

export interface YearClass {
  sourcedId: string;
  title: string;
  schoolId: string | null;
}

export interface YearSession {
  sourcedId: string;
  title: string;
  type: string;
  startDate: string | null;
  endDate: string | null;
  /** Not in today's roster: the new year's. */
  isNew: boolean;
}

/** Counts of one school, in either year. */
export interface SchoolYearCounts {
  schoolId: string;
  name: string;
  teachers: number;
  classes: number;
  students: number;
}

export interface YearComparison {
  leavers: YearPerson[];
  arrivals: YearPerson[];
  emailChanges: (YearPerson & { from: string | null })[];
  /** Live teachers of next year who teach no class then; `hadClasses` when they teach today. */
  noClass: (YearPerson & { hadClasses: boolean })[];
  classesEnding: YearClass[];
  classesStarting: YearClass[];
  /** Live students who leave, per school: graduates (today's last grade) and the others. */
  studentsLeaving: { schoolId: string | null; graduates: number; others: number }[];
  /** Live students of next year not in today's roster, per school. */
  incoming: { schoolId: string | null; n: number }[];
  /** Today's live students per grade (district-wide), for the forecast. */
  gradesToday: { grade: string; n: number }[];
  lastGrade: string | null;
  firstGrade: string | null;
  sessions: YearSession[];
  /** Schools of next year with their teachers, classes and students. */
  nextSchools: SchoolYearCounts[];
  /** Next year's active classes that no live teacher teaches. */
  classesWithoutTeacher: YearClass[];
  /** Every org's name in either year, by sourcedId (next year's name wins). */
  orgNames: Record<string, string>;
  totals: {
    leavers: number;
    arrivals: number;
    emailChanges: number;
    noClass: number;
    classesEnding: number;
    classesStarting: number;
    graduates: number;
    studentsLeaving: number;
    incoming: number;
    classesWithoutTeacher: number;
  };
}

/** Lists longer than this are cut (the totals say how many there are). */
export const YEAR_LIST_LIMIT = 2000;

const LIVE_TEACHER = (a: string) =>
  `${a}.role = 'teacher' AND ${a}.status = 'active' AND ${a}.enabled = 1`;
const LIVE_STUDENT = (a: string) =>
  `${a}.role = 'student' AND ${a}.status = 'active' AND ${a}.enabled = 1`;
const person = (t: SnapshotTables) =>
  `u.sourced_id AS sourcedId, u.given_name AS givenName, u.family_name AS familyName, u.email AS email, ${firstSchoolSql(t)} AS schoolId`;
const ORDER = 'ORDER BY u.family_name, u.given_name, u.sourced_id';
/** A numeric grade sorts as a number ("9" before "10"); "KG" and the like before the numbers. */
const gradeOrder = (g: string) => (/^\d+$/.test(g) ? Number(g) : -1);

/**
 * Today's roster beside next year's (two snapshots): who leaves, arrives, changes email or has no
 * class; which classes end and start; the students who graduate, leave and arrive, per school; the
 * sessions and what each school of next year holds. Teachers and students count when live (active
 * and enabled): one marked tobedeleted has left.
 */
export function compareYears(db: Db, todayId: number, nextId: number): YearComparison {
  const a = snapshotTables(db, todayId);
  const b = snapshotTables(db, nextId);
  const rows = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];
  const count = (sql: string) => db.prepare(`SELECT count(*) ${sql}`).pluck().get() as number;
  const onlyIn = (from: SnapshotTables, other: SnapshotTables) =>
    `FROM ${from.users} u WHERE ${LIVE_TEACHER('u')} AND NOT EXISTS (SELECT 1 FROM ${other.users} o WHERE o.sourced_id = u.sourced_id AND ${LIVE_TEACHER('o')})`;
  const changed = `FROM ${b.users} u JOIN ${a.users} p ON p.sourced_id = u.sourced_id
    WHERE ${LIVE_TEACHER('u')} AND ${LIVE_TEACHER('p')} AND lower(trim(coalesce(u.email, ''))) <> lower(trim(coalesce(p.email, '')))`;
  const teaches = (t: SnapshotTables, alias: string) =>
    `EXISTS (SELECT 1 FROM ${t.enrollments} e JOIN ${t.classes} c ON c.sourced_id = e.class_id AND c.status = 'active'
      WHERE e.user_id = ${alias}.sourced_id AND e.role = 'teacher' AND e.status = 'active')`;
  const idle = `FROM ${b.users} u WHERE ${LIVE_TEACHER('u')} AND NOT ${teaches(b, 'u')}`;
  const classesOnlyIn = (from: SnapshotTables, other: SnapshotTables) =>
    `FROM ${from.classes} c WHERE c.status = 'active' AND NOT EXISTS (SELECT 1 FROM ${other.classes} o WHERE o.sourced_id = c.sourced_id AND o.status = 'active')`;
  const classColumns = 'c.sourced_id AS sourcedId, c.title AS title, c.school_id AS schoolId';
  const teacherless = `FROM ${b.classes} c WHERE c.status = 'active' AND NOT EXISTS (
      SELECT 1 FROM ${b.enrollments} e JOIN ${b.users} u ON u.sourced_id = e.user_id AND ${LIVE_TEACHER('u')}
      WHERE e.class_id = c.sourced_id AND e.role = 'teacher' AND e.status = 'active')`;
  const firstGrade = `(SELECT j.value FROM json_each(u.grades) j ORDER BY j.key LIMIT 1)`;

  const gradesToday = rows<{ grade: string; n: number }>(
    `SELECT ${firstGrade} AS grade, count(*) AS n FROM ${a.users} u WHERE ${LIVE_STUDENT('u')} GROUP BY grade HAVING grade IS NOT NULL`,
  ).sort((x, y) => gradeOrder(x.grade) - gradeOrder(y.grade));
  const lastGrade = gradesToday.at(-1)?.grade ?? null;
  const leaving = rows<{ schoolId: string | null; graduates: number; others: number }>(
    `SELECT ${firstSchoolSql(a)} AS schoolId,
       sum(CASE WHEN ${firstGrade} = ? THEN 1 ELSE 0 END) AS graduates,
       sum(CASE WHEN ${firstGrade} IS ? THEN 0 ELSE 1 END) AS others
     FROM ${a.users} u WHERE ${LIVE_STUDENT('u')}
       AND NOT EXISTS (SELECT 1 FROM ${b.users} o WHERE o.sourced_id = u.sourced_id AND ${LIVE_STUDENT('o')})
     GROUP BY schoolId`,
    lastGrade,
    lastGrade,
  );
  const incoming = rows<{ schoolId: string | null; n: number }>(
    `SELECT ${firstSchoolSql(b)} AS schoolId, count(*) AS n FROM ${b.users} u WHERE ${LIVE_STUDENT('u')}
       AND NOT EXISTS (SELECT 1 FROM ${a.users} o WHERE o.sourced_id = u.sourced_id AND ${LIVE_STUDENT('o')})
     GROUP BY schoolId`,
  );
  const sessions = rows<Omit<YearSession, 'isNew'> & { isNew: number }>(
    `SELECT s.sourced_id AS sourcedId, s.title, s.type, s.start_date AS startDate, s.end_date AS endDate,
       NOT EXISTS (SELECT 1 FROM ${a.sessions} o WHERE o.sourced_id = s.sourced_id) AS isNew
     FROM ${b.sessions} s WHERE s.status = 'active' ORDER BY s.start_date, s.title`,
  ).map((s) => ({ ...s, isNew: s.isNew === 1 }));
  const bySchool = (sql: string) =>
    new Map(rows<{ k: string | null; n: number }>(sql).map((r) => [r.k ?? '', r.n]));
  const teachersBy = bySchool(
    `SELECT ${firstSchoolSql(b)} AS k, count(*) AS n FROM ${b.users} u WHERE ${LIVE_TEACHER('u')} GROUP BY k`,
  );
  const studentsBy = bySchool(
    `SELECT ${firstSchoolSql(b)} AS k, count(*) AS n FROM ${b.users} u WHERE ${LIVE_STUDENT('u')} GROUP BY k`,
  );
  const classesBy = bySchool(
    `SELECT c.school_id AS k, count(*) AS n FROM ${b.classes} c WHERE c.status = 'active' GROUP BY k`,
  );
  const nextSchools: SchoolYearCounts[] = rows<{ schoolId: string; name: string }>(
    `SELECT o.sourced_id AS schoolId, o.name FROM ${b.orgs} o WHERE o.type = 'school' AND o.status = 'active' ORDER BY o.name`,
  ).map((o) => ({
    ...o,
    teachers: teachersBy.get(o.schoolId) ?? 0,
    classes: classesBy.get(o.schoolId) ?? 0,
    students: studentsBy.get(o.schoolId) ?? 0,
  }));
  const orgNames: Record<string, string> = {};
  for (const t of [a, b])
    for (const o of rows<{ id: string; name: string }>(
      `SELECT sourced_id AS id, name FROM ${t.orgs}`,
    ))
      orgNames[o.id] = o.name;
  const lim = `LIMIT ${YEAR_LIST_LIMIT}`;
  return {
    leavers: rows<YearPerson>(`SELECT ${person(a)} ${onlyIn(a, b)} ${ORDER} ${lim}`),
    arrivals: rows<YearPerson>(`SELECT ${person(b)} ${onlyIn(b, a)} ${ORDER} ${lim}`),
    emailChanges: rows<YearPerson & { from: string | null }>(
      `SELECT ${person(b)}, p.email AS "from" ${changed} ${ORDER} ${lim}`,
    ),
    noClass: rows<YearPerson & { hadClasses: number }>(
      `SELECT ${person(b)}, EXISTS (SELECT 1 FROM ${a.users} x WHERE x.sourced_id = u.sourced_id AND ${teaches(a, 'x')}) AS hadClasses
       ${idle} ${ORDER} ${lim}`,
    ).map((t) => ({ ...t, hadClasses: t.hadClasses === 1 })),
    classesEnding: rows<YearClass>(
      `SELECT ${classColumns} ${classesOnlyIn(a, b)} ORDER BY c.title, c.sourced_id ${lim}`,
    ),
    classesStarting: rows<YearClass>(
      `SELECT ${classColumns} ${classesOnlyIn(b, a)} ORDER BY c.title, c.sourced_id ${lim}`,
    ),
    studentsLeaving: leaving,
    incoming,
    gradesToday,
    lastGrade,
    firstGrade: gradesToday[0]?.grade ?? null,
    sessions,
    nextSchools,
    orgNames,
    classesWithoutTeacher: rows<YearClass>(
      `SELECT ${classColumns} ${teacherless} ORDER BY c.title, c.sourced_id ${lim}`,
    ),
    totals: {
      leavers: count(onlyIn(a, b)),
      arrivals: count(onlyIn(b, a)),
      emailChanges: count(changed),
      noClass: count(idle),
      classesEnding: count(classesOnlyIn(a, b)),
      classesStarting: count(classesOnlyIn(b, a)),
      graduates: leaving.reduce((n, s) => n + s.graduates, 0),
      studentsLeaving: leaving.reduce((n, s) => n + s.others, 0),
      incoming: incoming.reduce((n, s) => n + s.n, 0),
      classesWithoutTeacher: count(teacherless),
    },
  };
}
