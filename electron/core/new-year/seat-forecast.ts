import type { SeatForecast } from '../../../shared/domain/new-year';

export interface ForecastInput {
  now: Date;
  /** The new year's first day (YYYY-MM-DD), or null when the roster does not say. */
  startsOn: string | null;
  /** The contract's teacher seats (null: the license came from a CSV). */
  seats: number | null;
  /** License entries today, pending invitations included. */
  onLicenseNow: number;
  pendingInvitations: number;
  /** Per school: licensed leavers (seats freed) and arrivals to invite (seats needed). */
  schools: { name: string; seatsFreed: number; seatsNeeded: number }[];
  /** Seats of accounts nobody uses, listed to reclaim. */
  reclaimable: number;
  /** Student seats: null when the platform does not count them. */
  students: {
    /** Live students in today's roster, per grade (lowest first). */
    gradesToday: { grade: string; n: number }[];
    /** Students of the platform's count today (its own figure, shown beside). */
    platformCount: number;
    /** Live students per past sync, oldest first (the history), for how much the count moves. */
    history: number[];
  } | null;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const monthKey = (d: Date) =>
  `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
const monthName = (key: string) =>
  `${MONTHS[Number(key.slice(5, 7)) - 1] ?? ''} ${key.slice(0, 4)}`;
const names = (list: string[]) =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1) ?? ''}`;

/** At least this share of the incoming grade either way: one year's cohort is never certain. */
const MIN_COHORT_SPREAD = 0.1;
/** Students who move away in a year, as a share, when the history says nothing (low, high). */
const DEFAULT_ATTRITION: [number, number] = [0, 0.04];

/**
 * Seats next year. Teachers: today's entries minus licensed leavers plus arrivals to invite, with
 * the seats of unused accounts as the low end of the range. Students, where the platform counts
 * them: everyone moves up a grade, the last grade leaves, some move away (the history's largest
 * yearly drop, at least 4%), and the first grade is filled by a cohort about this year's first
 * grade's size (±10%, or the history's largest swing). A range, never a single number, month by
 * month over the coming year, the new year's figure from its first month.
 */
export function seatForecast(input: ForecastInput): SeatForecast {
  const leaversFreed = input.schools.reduce((n, s) => n + s.seatsFreed, 0);
  const arrivalsToInvite = input.schools.reduce((n, s) => n + s.seatsNeeded, 0);
  const next = input.onLicenseNow - leaversFreed + arrivalsToInvite;
  const low = Math.max(0, next - input.reclaimable);
  const high = next;
  const short = input.seats === null ? 0 : Math.max(0, high - input.seats);
  const mostlyAt = input.schools
    .map((s) => ({ name: s.name, net: s.seatsNeeded - s.seatsFreed }))
    .filter((s) => s.net > 0)
    .sort((a, b) => b.net - a.net || a.name.localeCompare(b.name))
    .slice(0, 2)
    .map((s) => s.name);

  let student: SeatForecast['student'] = null;
  if (input.students && input.students.gradesToday.length > 0) {
    const grades = input.students.gradesToday;
    const now = grades.reduce((n, g) => n + g.n, 0);
    const graduates = grades.at(-1)?.n ?? 0;
    const firstGrade = grades[0]?.n ?? 0;
    const h = input.students.history;
    const moves = h.slice(1).map((n, i) => (n - (h[i] ?? n)) / Math.max(1, h[i] ?? n));
    const drop = Math.max(DEFAULT_ATTRITION[1], ...moves.map((m) => -m));
    const swing = Math.max(MIN_COHORT_SPREAD, ...moves.map((m) => Math.abs(m)));
    const staying = now - graduates;
    const leavingLow = Math.round(staying * DEFAULT_ATTRITION[0]);
    const leavingHigh = Math.round(staying * drop);
    const incomingLow = Math.floor(firstGrade * (1 - swing) + 1e-9);
    const incomingHigh = Math.ceil(firstGrade * (1 + swing) - 1e-9);
    const rosterLow = staying - leavingHigh + incomingLow;
    const rosterHigh = staying - leavingLow + incomingHigh;
    // The platform's seats move with the roster; its other student accounts (old hand-made ones)
    // stay until they are cleaned up.
    const seatsNow = input.students.platformCount;
    student = {
      now,
      rosterLow,
      rosterHigh,
      seatsNow,
      graduates,
      leaving: leavingHigh,
      incomingLow,
      incomingHigh,
      low: Math.max(0, seatsNow + rosterLow - now),
      high: Math.max(0, seatsNow + rosterHigh - now),
      basis: `Grade ${grades.at(-1)?.grade ?? '?'} (${graduates}) graduates; up to ${Math.round(drop * 100)}% of the others move away; the incoming grade ${grades[0]?.grade ?? '?'} is about this year's (${firstGrade}) ±${Math.round(swing * 100)}%${h.length > 1 ? `, from ${h.length} past syncs` : ''}. The roster has ${now} students today and about ${rosterLow}–${rosterHigh} next year; the platform's other student accounts (${Math.max(0, seatsNow - now)}, old hand-made ones included) stay until cleaned up.`,
    };
  }

  const start = new Date(Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth(), 1));
  const rollover = input.startsOn ? input.startsOn.slice(0, 7) : null;
  const months = Array.from({ length: 12 }, (_, i) => {
    const key = monthKey(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1)));
    const after = rollover !== null && key >= rollover;
    return {
      month: key,
      teacherLow: after ? low : input.onLicenseNow,
      teacherHigh: after ? high : input.onLicenseNow,
      studentLow: student ? (after ? student.low : student.seatsNow) : null,
      studentHigh: student ? (after ? student.high : student.seatsNow) : null,
      seats: input.seats,
    };
  });
  const from = rollover ? monthName(rollover) : 'the new year';
  const sentence =
    input.seats === null
      ? `About ${high} teacher seats from ${from}; the license came from a CSV file, so the contract's seats are unknown: pull it from the platform to compare.`
      : short > 0
        ? `Short by about ${short} teacher seat${short === 1 ? '' : 's'} from ${from}${mostlyAt.length ? `, mostly at ${names(mostlyAt)}` : ''}.${low <= input.seats ? ` Reclaiming the ${input.reclaimable} unused seat${input.reclaimable === 1 ? '' : 's'} listed below would cover it.` : ''}`
        : `Enough teacher seats from ${from}: about ${high} of ${input.seats} used, ${input.seats - high} to spare.`;
  return {
    seats: input.seats,
    startsOn: input.startsOn,
    teacher: {
      onLicenseNow: input.onLicenseNow,
      pendingInvitations: input.pendingInvitations,
      leaversFreed,
      arrivalsToInvite,
      next,
      reclaimable: input.reclaimable,
      low,
      high,
      short,
      mostlyAt,
    },
    student,
    months,
    sentence,
  };
}
