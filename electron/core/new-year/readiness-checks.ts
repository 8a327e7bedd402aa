import type { Readiness, ReadinessCheck } from '../../../shared/domain/new-year';

export interface ReadinessInput {
  today: string;
  /** Next year's active sessions; `isNew` when today's roster does not have them. */
  sessions: { title: string; endDate: string | null; isNew: boolean }[];
  schools: { name: string; teachers: number; classes: number }[];
  classesWithoutTeacher: { total: number; examples: string[] };
  /**
   * The platform's ClassLink rostering connections and whether each has its Application ID, or
   * null when the license did not come from the platform.
   */
  rostering: { name: string; registered: boolean }[] | null;
  /**
   * Arrivals not on the license, how many of them have an invitation staged or sent, and how many
   * of the others the platform refused (no seats, most often).
   */
  arrivals: { toInvite: number; invited: number; refused?: number };
  /** Seats missing next year at the forecast's high end, or null when the seats are unknown. */
  seatsShort: number | null;
  seatsSentence: string;
}

const list = (items: string[], more: number) =>
  `${items.slice(0, 5).join(', ')}${more > 5 ? ` and ${more - 5} more` : ''}`;

/**
 * What must hold before the new year's first sync, each check with its state and where it is
 * fixed: the new sessions are there and none has ended, every school has teachers and classes, no
 * class lacks a teacher, the Application ID is registered, the arrivals' invitations are staged,
 * and the seats are enough.
 */
export function readinessChecks(input: ReadinessInput): Readiness {
  const checks: ReadinessCheck[] = [];
  const ended = input.sessions.filter((s) => s.endDate !== null && s.endDate < input.today);
  const fresh = input.sessions.filter((s) => s.isNew);
  checks.push({
    id: 'sessions',
    label: 'The new academic sessions are there, none ended',
    state: fresh.length > 0 && ended.length === 0 ? 'ok' : 'fail',
    detail:
      fresh.length === 0
        ? "The roster sends no session that today's roster lacks: it still holds this year's terms"
        : ended.length > 0
          ? `${ended.length} session${ended.length === 1 ? '' : 's'} ended already: ${list(
              ended.map((s) => `${s.title} (ended ${s.endDate ?? ''})`),
              ended.length,
            )}`
          : `${fresh.length} new: ${list(
              fresh.map((s) => s.title),
              fresh.length,
            )}`,
    fixScreen: null,
    fix:
      fresh.length > 0 && ended.length === 0
        ? null
        : "In the SIS: ask its team to roll the calendar over to next year's sessions, export again, then sync",
  });
  const empty = input.schools.filter((s) => s.teachers === 0 || s.classes === 0);
  checks.push({
    id: 'schools',
    label: 'Every school has teachers and classes',
    state: input.schools.length > 0 && empty.length === 0 ? 'ok' : 'fail',
    detail:
      input.schools.length === 0
        ? 'The roster sends no school'
        : empty.length === 0
          ? `${input.schools.length} school${input.schools.length === 1 ? '' : 's'}, each with teachers and classes`
          : list(
              empty.map(
                (s) =>
                  `${s.name}: ${s.teachers === 0 ? 'no teachers' : ''}${s.teachers === 0 && s.classes === 0 ? ', ' : ''}${s.classes === 0 ? 'no classes' : ''}`,
              ),
              empty.length,
            ),
    fixScreen: null,
    fix:
      empty.length === 0
        ? null
        : "In ClassLink or Clever: share the school's sections and staff with the app, then sync",
  });
  const teacherless = input.classesWithoutTeacher.total;
  checks.push({
    id: 'class-teachers',
    label: 'No class is without a teacher',
    state: teacherless === 0 ? 'ok' : 'fail',
    detail:
      teacherless === 0
        ? 'Every class has its teacher'
        : `${teacherless} class${teacherless === 1 ? '' : 'es'} without a teacher: ${list(input.classesWithoutTeacher.examples, teacherless)}`,
    fixScreen: teacherless === 0 ? null : 'classes',
    fix: teacherless === 0 ? null : 'Assign their teacher in the SIS; Classes lists them',
  });
  const missing = input.rostering?.filter((r) => !r.registered) ?? [];
  checks.push({
    id: 'application-id',
    label: 'The Application ID is registered',
    state:
      input.rostering === null
        ? 'unknown'
        : input.rostering.length === 0 || missing.length === 0
          ? 'ok'
          : 'fail',
    detail:
      input.rostering === null
        ? 'The license came from a CSV file: pull it from the platform to see its rostering connections'
        : input.rostering.length === 0
          ? 'No ClassLink rostering on the platform: nothing to register'
          : missing.length === 0
            ? `Registered for ${list(
                input.rostering.map((r) => r.name),
                input.rostering.length,
              )}`
            : `Not registered for ${list(
                missing.map((r) => r.name),
                missing.length,
              )}`,
    fixScreen: input.rostering === null || missing.length > 0 ? 'license' : null,
    fix:
      input.rostering === null
        ? 'Pull the license from the platform'
        : missing.length === 0
          ? null
          : 'Register the Application ID (License → Rostering connections), approve and push',
  });
  const { toInvite, invited, refused = 0 } = input.arrivals;
  checks.push({
    id: 'arrival-invites',
    label: 'Invitations for the arrivals are staged',
    state: invited >= toInvite ? 'ok' : 'fail',
    detail:
      toInvite === 0
        ? 'No arriving teacher needs an invitation'
        : invited >= toInvite
          ? `All ${toInvite} arriving teachers have an invitation staged or sent`
          : `${toInvite - invited} of ${toInvite} arriving teachers have no invitation staged${refused > 0 ? `: the platform refused ${refused} (see Changes; most often no seats left)` : ''}`,
    fixScreen: null,
    fix:
      invited >= toInvite ? null : 'Pick the arriving teachers below and stage their invitations',
  });
  checks.push({
    id: 'seats',
    label: 'Seats are enough',
    state: input.seatsShort === null ? 'unknown' : input.seatsShort === 0 ? 'ok' : 'fail',
    detail: input.seatsSentence,
    fixScreen: null,
    fix: input.seatsShort
      ? 'Reclaim the seats nobody uses (below), or ask your account manager for more seats before the new year'
      : null,
  });
  const ready = checks.filter((c) => c.state === 'ok').length;
  return {
    checks,
    ready,
    total: checks.length,
    summary: `Ready: ${ready} of ${checks.length} checks`,
  };
}
