import { z } from 'zod';
import { stageRequestSchema } from './change';

/** A roster snapshot the rehearsal can read as next year's (a held sync, another connection's…). */
export const yearSourceSchema = z.object({
  snapshotId: z.number().int(),
  connectionId: z.string(),
  connectionName: z.string(),
  finishedAt: z.string().nullable(),
  held: z.boolean(),
  current: z.boolean(),
  /** How the picker names it, e.g. "Next year export (held sync of 5 Dec)". */
  label: z.string(),
});
export type YearSource = z.infer<typeof yearSourceSchema>;

/** One person in the rehearsal, with what the license needs for them. */
export const yearPersonSchema = z.object({
  sourcedId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  /** Their address today, for an email change. */
  from: z.string().nullable(),
  schoolId: z.string().nullable(),
  schoolName: z.string(),
  onLicense: z.boolean(),
  /** What the admin should know (why nothing is proposed, a rostered account…). */
  note: z.string().nullable(),
  /** The change that follows the new year for them, when there is one to stage. */
  stage: stageRequestSchema.nullable(),
  /** A change for them already open (staged or approved), by kind: staging it again is refused. */
  pending: z.string().nullable(),
});
export type YearPerson = z.infer<typeof yearPersonSchema>;

export const yearSchoolSchema = z.object({
  schoolId: z.string().nullable(),
  name: z.string(),
  leavers: z.number().int(),
  arrivals: z.number().int(),
  emailChanges: z.number().int(),
  noClass: z.number().int(),
  classesEnding: z.number().int(),
  classesStarting: z.number().int(),
  graduates: z.number().int(),
  studentsLeaving: z.number().int(),
  incoming: z.number().int(),
  /** Students' old hand-made accounts still on the platform at this school. */
  oldStudentAccounts: z.number().int(),
  /** Licensed leavers here (seats freed) and arrivals to invite here (seats needed). */
  seatsFreed: z.number().int(),
  seatsNeeded: z.number().int(),
});
export type YearSchool = z.infer<typeof yearSchoolSchema>;

export const readinessCheckIds = [
  'sessions',
  'schools',
  'class-teachers',
  'application-id',
  'arrival-invites',
  'seats',
] as const;
export const readinessCheckSchema = z.object({
  id: z.enum(readinessCheckIds),
  label: z.string(),
  state: z.enum(['ok', 'fail', 'unknown']),
  detail: z.string(),
  /** What to do, and where (the SIS, ClassLink…); null when it holds. */
  fix: z.string().nullable(),
  /** The console's screen where it is fixed, when it is fixed in RosterDesk (elsewhere: null). */
  fixScreen: z.enum(['classes', 'license']).nullable(),
});
export type ReadinessCheck = z.infer<typeof readinessCheckSchema>;

export const readinessSchema = z.object({
  checks: z.array(readinessCheckSchema),
  ready: z.number().int(),
  total: z.number().int(),
  /** "Ready: 4 of 6 checks". */
  summary: z.string(),
});
export type Readiness = z.infer<typeof readinessSchema>;

export const forecastMonthSchema = z.object({
  month: z.string(),
  teacherLow: z.number().int(),
  teacherHigh: z.number().int(),
  studentLow: z.number().int().nullable(),
  studentHigh: z.number().int().nullable(),
  seats: z.number().int().nullable(),
});

export const seatForecastSchema = z.object({
  /** The contract's teacher seats, or null when the license came from a CSV. */
  seats: z.number().int().nullable(),
  startsOn: z.string().nullable(),
  teacher: z.object({
    /** Entries on the license today, pending invitations included. */
    onLicenseNow: z.number().int(),
    pendingInvitations: z.number().int(),
    leaversFreed: z.number().int(),
    arrivalsToInvite: z.number().int(),
    /** onLicenseNow − leaversFreed + arrivalsToInvite. */
    next: z.number().int(),
    /** Seats of accounts nobody uses that could be reclaimed: the low end of the range. */
    reclaimable: z.number().int(),
    low: z.number().int(),
    high: z.number().int(),
    /** Seats missing at the high end (0 when it fits). */
    short: z.number().int(),
    /** Schools where most of the new seats are needed, largest first. */
    mostlyAt: z.array(z.string()),
  }),
  /** Student seats where the platform counts them (null when it does not). */
  student: z
    .object({
      /** Live students in today's roster. */
      now: z.number().int(),
      /** Next year's live students in the roster: the estimate's range. */
      rosterLow: z.number().int(),
      rosterHigh: z.number().int(),
      /** The platform's student seats today (old hand-made accounts included). */
      seatsNow: z.number().int(),
      graduates: z.number().int(),
      leaving: z.number().int(),
      incomingLow: z.number().int(),
      incomingHigh: z.number().int(),
      /** The platform's student seats next year: today's, moved by the roster's change. */
      low: z.number().int(),
      high: z.number().int(),
      /** How the incoming grade was estimated. */
      basis: z.string(),
    })
    .nullable(),
  months: z.array(forecastMonthSchema),
  /** In plain words: "Short by about 40 teacher seats from August 2027, mostly at Lee and Moore". */
  sentence: z.string(),
});
export type SeatForecast = z.infer<typeof seatForecastSchema>;

export const reclaimItemSchema = z.object({
  teacherId: z.string(),
  email: z.string(),
  name: z.string(),
  status: z.enum(['active', 'invited']),
  lastActiveAt: z.string().nullable(),
  invitedAt: z.string().nullable(),
  /** Days since last activity (active) or since the invitation (invited); null for never active. */
  idleDays: z.number().int().nullable(),
  /** Classes they teach in today's roster (0 when not in it). */
  classes: z.number().int(),
  schoolName: z.string().nullable(),
  /** Remind (active) or resend (invited): always offered first. */
  first: stageRequestSchema,
  /** Remove, freeing a seat: only after the grace period. */
  remove: stageRequestSchema.nullable(),
  /** When Remove is offered, if not yet. */
  removeFrom: z.string().nullable(),
  evidence: z.array(z.string()),
  pending: z.string().nullable(),
});
export type ReclaimItem = z.infer<typeof reclaimItemSchema>;

export const reclaimListSchema = z.object({
  days: z.number().int(),
  graceDays: z.number().int(),
  asOf: z.string(),
  seats: z.number().int().nullable(),
  seatsUsed: z.number().int(),
  items: z.array(reclaimItemSchema),
});
export type ReclaimList = z.infer<typeof reclaimListSchema>;

export const rehearsalSchema = z.object({
  today: z.object({
    snapshotId: z.number().int(),
    connectionName: z.string(),
    syncedAt: z.string().nullable(),
  }),
  next: yearSourceSchema,
  startsOn: z.string().nullable(),
  schools: z.array(yearSchoolSchema),
  leavers: z.array(yearPersonSchema),
  arrivals: z.array(yearPersonSchema),
  emailChanges: z.array(yearPersonSchema),
  noClass: z.array(yearPersonSchema.extend({ hadClasses: z.boolean() })),
  classesEnding: z.array(
    z.object({ sourcedId: z.string(), title: z.string(), schoolName: z.string() }),
  ),
  classesStarting: z.array(
    z.object({ sourcedId: z.string(), title: z.string(), schoolName: z.string() }),
  ),
  findings: z.array(
    z.object({ code: z.string(), before: z.number().int(), after: z.number().int() }),
  ),
  readiness: readinessSchema,
  forecast: seatForecastSchema,
  reclaim: reclaimListSchema,
  /** The district's counts (the lists above stop at 2,000). */
  totals: yearSchoolSchema.pick({
    leavers: true,
    arrivals: true,
    emailChanges: true,
    noClass: true,
    classesEnding: true,
    classesStarting: true,
    graduates: true,
    studentsLeaving: true,
    incoming: true,
  }),
});
export type Rehearsal = z.infer<typeof rehearsalSchema>;

/** What staging a rehearsal's picks did: each request staged, or why not. */
export const stageManyResultSchema = z.object({
  staged: z.number().int(),
  refused: z.array(z.object({ index: z.number().int(), subject: z.string(), reason: z.string() })),
});
export type StageManyResult = z.infer<typeof stageManyResultSchema>;
