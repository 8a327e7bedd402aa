import { countStudentAccounts } from '../../../shared/domain/old-students';
import type { PlatformAccount, PlatformLicense } from '../../../shared/platform/platform-wire';
import type { Db } from '../db/open-database';

/** One point of the seats chart: what a license pull said, kept after its import is pruned. */
export interface SeatPoint {
  at: string;
  studentSeatsUsed: number;
  oldStudentAccounts: number;
  merged: number;
}

/** Appends what one pull of the platform license says about seats and student accounts. */
export function recordSeats(
  db: Db,
  connectionId: string,
  license: PlatformLicense,
  accounts: PlatformAccount[],
): void {
  const c = countStudentAccounts(accounts);
  db.prepare(
    `INSERT INTO seat_history (at, connection_id, seats, teacher_seats_used, student_seats_used,
       rostered_students, old_student_accounts, merged_student_accounts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    new Date().toISOString(),
    connectionId,
    license.seats,
    license.seatsUsed,
    license.studentSeatsUsed,
    c.rostered,
    c.oldUnmerged,
    c.merged,
  );
}

/** The seats over time for the chart, oldest first (at most the last 200 pulls). */
export function seatHistory(db: Db): SeatPoint[] {
  return (
    db
      .prepare(
        `SELECT at, student_seats_used, old_student_accounts, merged_student_accounts FROM
           (SELECT * FROM seat_history ORDER BY seq DESC LIMIT 200) ORDER BY seq`,
      )
      .all() as {
      at: string;
      student_seats_used: number;
      old_student_accounts: number;
      merged_student_accounts: number;
    }[]
  ).map((r) => ({
    at: r.at,
    studentSeatsUsed: r.student_seats_used,
    oldStudentAccounts: r.old_student_accounts,
    merged: r.merged_student_accounts,
  }));
}
