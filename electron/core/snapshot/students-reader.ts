import type { Db } from '../db/open-database';
import type { SnapshotTables } from './snapshot-files';
import { LIVE, firstSchoolSql } from './snapshot-stats';

/**
 * The students of one snapshot's teachers and schools: whom a teacher's import would bring (the
 * sync preview) and who a filled worksheet's names can be (students' old accounts).
 */
export class StudentsReader {
  constructor(
    private readonly db: Db,
    private readonly t: SnapshotTables,
  ) {}

  /** A function giving the students of a teacher's active classes (prepared once). */
  classmatesOf(): (teacherId: string) => string[] {
    const { t } = this;
    const statement = this.db
      .prepare(
        `SELECT DISTINCT s.user_id FROM ${t.enrollments} t INDEXED BY enrollments_user
         JOIN ${t.enrollments} s INDEXED BY enrollments_class ON s.class_id = t.class_id AND s.role = 'student' AND s.status = 'active'
         WHERE t.user_id = ? AND t.role = 'teacher' AND t.status = 'active'`,
      )
      .pluck();
    return (teacherId) => statement.all(teacherId) as string[];
  }

  /**
   * The live students of these teachers' active classes, each counted once, at the school they are
   * counted at on the sanity table (null: none); a student the roster marks tobedeleted or
   * disabled, or sends no user record for, gets no account. One statement, however many teachers.
   */
  studentsOfTeachersBySchool(
    teacherIds: readonly string[],
  ): { school: string | null; n: number }[] {
    const { t } = this;
    this.db.exec('CREATE TEMP TABLE IF NOT EXISTS preview_teachers (id TEXT PRIMARY KEY)');
    try {
      const add = this.db.prepare('INSERT OR IGNORE INTO temp.preview_teachers VALUES (?)');
      this.db.transaction(() => {
        for (const id of teacherIds) add.run(id);
      })();
      return this.db
        .prepare(
          `WITH students AS (
             SELECT DISTINCT s.user_id AS id FROM temp.preview_teachers i
             JOIN ${t.enrollments} e INDEXED BY enrollments_user
               ON e.user_id = i.id AND e.role = 'teacher' AND e.status = 'active'
             JOIN ${t.enrollments} s INDEXED BY enrollments_class
               ON s.class_id = e.class_id AND s.role = 'student' AND s.status = 'active')
           SELECT ${firstSchoolSql(t)} AS school, count(*) AS n
           FROM students x JOIN ${t.users} u ON u.sourced_id = x.id AND ${LIVE}
           GROUP BY school`,
        )
        .all() as { school: string | null; n: number }[];
    } finally {
      this.db.exec('DROP TABLE temp.preview_teachers');
    }
  }

  /** A function giving the school a user is counted at (prepared once), as on the sanity table. */
  firstSchoolOf(): (userId: string) => string | null {
    const statement = this.db
      .prepare(`SELECT ${firstSchoolSql(this.t)} FROM ${this.t.users} u WHERE u.sourced_id = ?`)
      .pluck();
    return (userId) => (statement.get(userId) as string | null | undefined) ?? null;
  }

  /**
   * Every student with their name, whether they are live, and the first school among their orgs
   * (worksheet matching: a namesake marked tobedeleted still makes a typed name ambiguous).
   */
  studentsBySchool(): Map<string, SchoolStudent[]> {
    const { t } = this;
    const rows = this.db
      .prepare(
        `SELECT u.sourced_id, u.given_name, u.family_name, (${LIVE}) AS live,
           (SELECT j.value FROM json_each(u.grades) j ORDER BY j.key LIMIT 1) AS grade,
           (SELECT j.value FROM json_each(u.org_ids) j JOIN ${t.orgs} o ON o.sourced_id = j.value
             AND o.type = 'school' ORDER BY j.key LIMIT 1) AS school
         FROM ${t.users} u WHERE u.role = 'student'`,
      )
      .iterate() as Iterable<{
      sourced_id: string;
      given_name: string;
      family_name: string;
      live: number;
      grade: string | null;
      school: string | null;
    }>;
    const out = new Map<string, SchoolStudent[]>();
    for (const r of rows) {
      const key = r.school ?? '';
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push({
        sourcedId: r.sourced_id,
        givenName: r.given_name,
        familyName: r.family_name,
        live: r.live === 1,
        grade: r.grade,
      });
    }
    return out;
  }

  /**
   * Every teacher the roster sends, live or not: the teacher who made an old account may have left
   * since, while their classes (and so the evidence) are still there.
   */
  teachers(): { sourcedId: string; givenName: string; familyName: string; email: string | null }[] {
    return (
      this.db
        .prepare(
          `SELECT sourced_id, given_name, family_name, email FROM ${this.t.users} u WHERE u.role = 'teacher' ORDER BY (${LIVE}) DESC, u.sourced_id`,
        )
        .all() as {
        sourced_id: string;
        given_name: string;
        family_name: string;
        email: string | null;
      }[]
    ).map((r) => ({
      sourcedId: r.sourced_id,
      givenName: r.given_name,
      familyName: r.family_name,
      email: r.email,
    }));
  }

  /** A function giving the titles of a student's active classes (prepared once), for the evidence. */
  classTitlesOf(): (studentId: string) => string[] {
    const { t } = this;
    const statement = this.db
      .prepare(
        `SELECT c.title FROM ${t.enrollments} e INDEXED BY enrollments_user
         JOIN ${t.classes} c ON c.sourced_id = e.class_id AND c.status = 'active'
         WHERE e.user_id = ? AND e.role = 'student' AND e.status = 'active' ORDER BY c.title`,
      )
      .pluck();
    return (studentId) => statement.all(studentId) as string[];
  }
}

/** A student of a school, as a typed name is matched against them. */
export interface SchoolStudent {
  sourcedId: string;
  givenName: string;
  familyName: string;
  /** Active and enabled: only a live student is merged into. */
  live: boolean;
  grade: string | null;
}
