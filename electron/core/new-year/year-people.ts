import type { Rehearsal, YearPerson } from '../../../shared/domain/new-year';
import { PROVENANCE_LABEL } from '../../../shared/platform/platform-wire';
import type { OpenChanges } from '../changes/open-changes';
import type { LicenseStore } from '../license/license-store';
import type { PlatformAccount } from '../../../shared/platform/platform-wire';
import type { YearComparison, YearPerson as RosterPerson } from '../snapshot/year-compare';

const nameOf = (p: { givenName: string; familyName: string; email: string | null }) =>
  `${p.givenName} ${p.familyName}`.trim() || (p.email ?? '');

/**
 * The rehearsal's people and schools: each leaver, arrival and email change with what the license
 * needs for them (the change to stage, or why none), the teachers with no class next year, and the
 * counts per school (every school of either year, "No school" when someone has none).
 */
export function yearPeople(
  cmp: YearComparison,
  deps: {
    license: Pick<LicenseStore, 'teacherByEmail'>;
    /** The platform's accounts as last pulled (students' old hand-made ones are counted). */
    accounts: PlatformAccount[];
    /** The kinds of open change on a license entry (OpenChanges.pendingIndex). */
    pending: ReturnType<OpenChanges['pendingIndex']>;
    /** Addresses an invitation is open or was sent for (OpenChanges.invitedEmails). */
    invited: Set<string>;
    /** How the next year's roster is named in evidence. */
    nextLabel: string;
  },
): Pick<Rehearsal, 'leavers' | 'arrivals' | 'emailChanges' | 'noClass' | 'schools'> & {
  schoolName: (id: string | null) => string;
} {
  const { license } = deps;
  const next = { label: deps.nextLabel };
  const { pending, invited } = deps;
  const schoolNames = new Map(Object.entries(cmp.orgNames));
  const schoolName = (id: string | null) => (id ? (schoolNames.get(id) ?? id) : 'No school');
  const entryOf = (email: string | null) => (email ? license.teacherByEmail(email) : null);
  const base = (p: RosterPerson) => ({
    sourcedId: p.sourcedId,
    name: nameOf(p),
    email: p.email,
    from: null,
    schoolId: p.schoolId,
    schoolName: schoolName(p.schoolId),
  });

  const leavers: YearPerson[] = cmp.leavers.map((p) => {
    const entry = entryOf(p.email);
    return {
      ...base(p),
      onLicense: !!entry,
      note: !entry
        ? 'Not on the license: no seat to free'
        : !entry.platformId
          ? 'Pull the license from the platform to remove them from here'
          : null,
      stage: entry?.platformId
        ? {
            kind: 'remove',
            teacherId: entry.platformId,
            evidence: [
              `Not in next year's roster (${next.label}); in today's roster at ${schoolName(p.schoolId)}`,
            ],
          }
        : null,
      pending: entry?.platformId ? (pending(entry.platformId, entry.email)[0] ?? null) : null,
    };
  });
  const arrivals: YearPerson[] = cmp.arrivals.map((p) => {
    const entry = entryOf(p.email);
    const open = p.email ? invited.has(p.email.trim().toLowerCase()) : false;
    return {
      ...base(p),
      onLicense: !!entry,
      note: entry
        ? 'On the license already'
        : !p.email
          ? 'No email in the roster: nothing to invite'
          : null,
      stage:
        entry || !p.email
          ? null
          : { kind: 'invite', email: p.email, givenName: p.givenName, familyName: p.familyName },
      pending: open ? 'invite' : null,
    };
  });
  const emailChanges: YearPerson[] = cmp.emailChanges.map((p) => {
    const entry = entryOf(p.from);
    const rostered =
      entry?.source && entry.source !== 'manual' ? PROVENANCE_LABEL[entry.source] : null;
    return {
      ...base(p),
      from: p.from,
      onLicense: !!entry,
      note: !entry
        ? 'Not on the license at the old address: nothing to change'
        : rostered
          ? `Rostered by ${rostered}: the account takes the new email from ${rostered}'s first sync of the new year`
          : null,
      stage:
        entry?.platformId && p.email && !rostered
          ? {
              kind: 'change-email',
              teacherId: entry.platformId,
              email: p.email,
              origin: 'NEW_YEAR',
              evidence: [
                `Next year's roster (${next.label}) sends ${p.email} for ${nameOf(p)} (sourcedId ${p.sourcedId}) instead of ${p.from ?? 'no email'}`,
              ],
            }
          : null,
      pending: entry?.platformId ? (pending(entry.platformId, entry.email)[0] ?? null) : null,
    };
  });
  const noClass = cmp.noClass.map((p) => ({
    ...base(p),
    onLicense: !!entryOf(p.email),
    note: p.hadClasses ? 'Teaches today, no class next year' : 'No class today either',
    stage: null,
    pending: null,
    hadClasses: p.hadClasses,
  }));

  // Per school: every school of either year, and "No school" when someone has none.
  const schools = new Map<string, Rehearsal['schools'][number]>();
  const row = (id: string | null) => {
    const key = id ?? '';
    let r = schools.get(key);
    if (!r) {
      r = {
        schoolId: id,
        name: schoolName(id),
        leavers: 0,
        arrivals: 0,
        emailChanges: 0,
        noClass: 0,
        classesEnding: 0,
        classesStarting: 0,
        graduates: 0,
        studentsLeaving: 0,
        incoming: 0,
        oldStudentAccounts: 0,
        seatsFreed: 0,
        seatsNeeded: 0,
      };
      schools.set(key, r);
    }
    return r;
  };
  for (const s of cmp.nextSchools) row(s.schoolId);
  for (const p of leavers) {
    const r = row(p.schoolId);
    r.leavers++;
    if (p.onLicense) r.seatsFreed++;
  }
  for (const p of arrivals) {
    const r = row(p.schoolId);
    r.arrivals++;
    if (!p.onLicense && p.email) r.seatsNeeded++;
  }
  for (const p of emailChanges) row(p.schoolId).emailChanges++;
  for (const p of noClass) row(p.schoolId).noClass++;
  for (const c of cmp.classesEnding) row(c.schoolId).classesEnding++;
  for (const c of cmp.classesStarting) row(c.schoolId).classesStarting++;
  for (const s of cmp.studentsLeaving) {
    const r = row(s.schoolId);
    r.graduates += s.graduates;
    r.studentsLeaving += s.others;
  }
  for (const s of cmp.incoming) row(s.schoolId).incoming += s.n;
  const { accounts } = deps;
  const byName = new Map([...schools.values()].map((r) => [r.name, r]));
  for (const a of accounts)
    if (
      a.role === 'student' &&
      a.provenance === 'manual' &&
      a.mergedInto === null &&
      a.schoolName
    ) {
      const r = byName.get(a.schoolName);
      if (r) r.oldStudentAccounts++;
    }

  return {
    leavers,
    arrivals,
    emailChanges,
    noClass,
    schools: [...schools.values()].sort((a, b) => a.name.localeCompare(b.name)),
    schoolName,
  };
}
