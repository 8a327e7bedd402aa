import type { District } from '../district/district';
import { clean, generateLicense } from '../district/generate-license';
import type { LicenseDefects } from '../district/generate-license';
import { hashUnit } from '../district/random';
import { planOldStudentAccounts } from './old-student-accounts';
import type { OldStudentAccount, OldStudentOptions } from './old-student-accounts';
import type { PlatformStore } from './platform-store';

export interface PlatformSeed {
  licenseId: string;
  seed: number;
  /** Share of rostered teachers who also kept a manual account (and seat) from before rostering. */
  duplicateAccountRate?: number;
  /** Seats over the teachers on the license; 0 makes every invite a `no_seats`. */
  spareSeats?: number;
  licenseDefects?: LicenseDefects;
  /** Old manual student accounts from before rostering (seed 004); default 30% of students. */
  oldStudents?: Omit<OldStudentOptions, 'seed' | 'rostered'>;
  /** The day the seed is made, for teachers' last activity and invitations' age; default now. */
  now?: Date;
}

const DAY_MS = 86_400_000;

/**
 * When a teacher last used the platform, as a district looks in December: most within the last
 * three weeks, some over the summer, about one in twelve not since last school year, and one in
 * forty never (signed in once to accept, then nothing). Null for never.
 */
export function teacherLastActive(seed: number, k: number, now: Date): string | null {
  const roll = hashUnit(seed, k, 305);
  const days =
    roll < 0.025
      ? null
      : roll < 0.105
        ? 130 + Math.floor(hashUnit(seed, k, 306) * 300)
        : roll < 0.2
          ? 22 + Math.floor(hashUnit(seed, k, 306) * 90)
          : Math.floor(hashUnit(seed, k, 306) * 21);
  return days === null ? null : new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** When a pending invitation was sent: some this term, some long ago and never answered. */
export function invitationSentAt(seed: number, k: number, now: Date): string {
  const days = 5 + Math.floor(hashUnit(seed, k, 307) * 260);
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

const local = (given: string, family: string) => clean(`${given[0] ?? 'x'}${family}`);
/** Rostered students the seeded platform holds an account for (the first 2,000). */
const ROSTERED_STUDENT_ACCOUNTS = 2000;

function rosteredStudents(district: District): { index: number; sourcedId: string }[] {
  const out: { index: number; sourcedId: string }[] = [];
  for (let i = 0; i < district.users.count && out.length < ROSTERED_STUDENT_ACCOUNTS; i++) {
    const u = district.users.at(i);
    if (u.role === 'student') out.push({ index: i, sourcedId: u.sourcedId });
  }
  return out;
}

/** The old manual student accounts a seed puts on the platform, with who each really is (tests). */
export function plannedOldStudents(
  district: District,
  options: Pick<PlatformSeed, 'seed' | 'oldStudents'>,
): OldStudentAccount[] {
  return planOldStudentAccounts(district, {
    seed: options.seed,
    ...options.oldStudents,
    rostered: new Set(rosteredStudents(district).map((s) => s.sourcedId)),
  });
}

/**
 * Fills an empty platform from the generated district, as it looks a term after switching to
 * rostering: active teachers whose license email is the roster's are rostered (ClassLink, with
 * the roster id); the rest were invited by hand (old emails, pending invitations, leavers); a few
 * rostered teachers still hold their manual account and seat from before; students are rostered.
 */
export function seedPlatform(
  store: PlatformStore,
  district: District,
  options: PlatformSeed,
): void {
  if (store.seeded) return;
  const entries = generateLicense(district, options.seed, options.licenseDefects);
  const teachersByEmail = new Map<
    string,
    { sourcedId: string; school: string | null; username: string | null }
  >();
  const schoolNames = new Map<string, string>();
  for (let i = 0; i < district.orgs.count; i++) {
    const o = district.orgs.at(i);
    schoolNames.set(o.sourcedId, o.name);
  }
  const students = rosteredStudents(district);
  for (let i = 0; i < district.users.count; i++) {
    const u = district.users.at(i);
    const school = schoolNames.get(u.orgSourcedIds[0] ?? '') ?? null;
    if (u.role === 'teacher' && u.email)
      teachersByEmail.set(u.email.trim().toLowerCase(), {
        sourcedId: u.sourcedId,
        school,
        username: u.username,
      });
  }
  const duplicateRate = options.duplicateAccountRate ?? 0.03;
  const now = options.now ?? new Date();
  store.db.transaction(() => {
    store.db
      .prepare('INSERT INTO license (id, name, seats) VALUES (?, ?, ?)')
      .run(
        options.licenseId,
        `${district.name} license`,
        entries.length + (options.spareSeats ?? 25),
      );
    store.db
      .prepare('INSERT INTO connections (id, provider, name, application_id) VALUES (?, ?, ?, ?)')
      .run('conn-classlink', 'classlink', `${district.name} (ClassLink)`, null);
    store.db
      .prepare('INSERT INTO connections (id, provider, name, application_id) VALUES (?, ?, ?, ?)')
      .run('conn-clever', 'clever', `${district.name} (Clever)`, 'clever-app-7f3a');
    entries.forEach((entry, k) => {
      // Rostering links an account once the teacher has signed in; invitations are sent by hand.
      const rostered =
        entry.status === 'active' ? teachersByEmail.get(entry.email.toLowerCase()) : undefined;
      const provenance = rostered ? 'classlink' : 'manual';
      const account =
        entry.status === 'active'
          ? store.insertAccount({
              role: 'teacher',
              email: entry.email,
              given_name: entry.givenName ?? '',
              family_name: entry.familyName ?? '',
              provenance,
              roster_id: rostered?.sourcedId ?? null,
              school_name: rostered?.school ?? null,
              username: rostered?.username ?? null,
              created_at: entry.acceptedAt ?? entry.invitedAt ?? '2025-08-01T00:00:00Z',
              last_active_at: teacherLastActive(options.seed, k, now),
            })
          : null;
      store.insertTeacher({
        email: entry.email,
        given_name: entry.givenName,
        family_name: entry.familyName,
        status: entry.status,
        invited_at:
          entry.status === 'invited'
            ? invitationSentAt(options.seed, k, now)
            : (entry.invitedAt ?? '2026-08-10T15:00:00Z'),
        accepted_at: entry.acceptedAt,
        source: provenance,
        roster_id: rostered?.sourcedId ?? null,
        account_id: account?.id ?? null,
      });
      if (
        rostered &&
        hashUnit(options.seed, k, 301) < duplicateRate &&
        entry.givenName &&
        entry.familyName
      ) {
        const oldUsername = local(entry.givenName, entry.familyName);
        const oldEmail = `${oldUsername}@old-${entry.email.split('@')[1] ?? 'example.org'}`;
        if (store.teacherByEmail(oldEmail)) return;
        const manual = store.insertAccount({
          role: 'teacher',
          email: oldEmail,
          given_name: entry.givenName,
          family_name: entry.familyName,
          provenance: 'manual',
          roster_id: null,
          school_name: rostered.school,
          username: oldUsername,
          created_at: '2024-09-02T12:00:00Z',
        });
        store.insertTeacher({
          email: oldEmail,
          given_name: entry.givenName,
          family_name: entry.familyName,
          status: 'active',
          invited_at: '2024-09-01T12:00:00Z',
          accepted_at: '2024-09-02T12:00:00Z',
          source: 'manual',
          roster_id: null,
          account_id: manual.id,
        });
      }
    });
    for (const s of students) {
      const u = district.users.at(s.index);
      store.insertAccount({
        role: 'student',
        email: u.email,
        given_name: u.givenName,
        family_name: u.familyName,
        provenance: 'classlink',
        roster_id: u.sourcedId,
        school_name: schoolNames.get(u.orgSourcedIds[0] ?? '') ?? null,
        username: u.username,
        created_at: '2026-08-20T08:00:00Z',
      });
    }
    for (const o of plannedOldStudents(district, options))
      store.insertAccount({
        role: 'student',
        email: null,
        given_name: null,
        family_name: null,
        provenance: 'manual',
        roster_id: null,
        school_name: o.school,
        username: o.username,
        created_at: '2025-09-08T14:00:00Z',
        account_number: o.accountNumber,
        created_by_name: o.teacher.name,
        created_by_email: o.teacher.email,
        class_label: o.classLabel,
        last_active_at: o.lastActiveAt,
        work_records: o.workRecords,
      });
  })();
}
