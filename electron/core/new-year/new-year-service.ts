import type {
  ReclaimList,
  Rehearsal,
  StageManyResult,
  YearPerson,
  YearSource,
} from '../../../shared/domain/new-year';
import type { StageRequest } from '../../../shared/domain/change';
import { AppError } from '../../../shared/ipc/errors';
import { PROVENANCE_LABEL } from '../../../shared/platform/platform-wire';
import type { OpenChanges } from '../changes/open-changes';
import type { ChangeStaging } from '../changes/stage-changes';
import type { ConnectionsService } from '../connections/connections-service';
import type { Db } from '../db/open-database';
import type { DiagnosticsService } from '../diagnostics/diagnostics-service';
import { accountRules } from '../diagnostics/rules/account-rules';
import type { LicenseStore } from '../license/license-store';
import type { SettingsStore } from '../settings/settings-store';
import type { SnapshotStore } from '../snapshot/snapshot-store';
import { teacherClassesByEmail } from '../snapshot/teacher-classes';
import { compareYears } from '../snapshot/year-compare';
import type { YearPerson as RosterPerson } from '../snapshot/year-compare';
import { readinessChecks } from './readiness-checks';
import { reclaimList } from './reclaim-list';
import { seatForecast } from './seat-forecast';

export interface NewYearDeps {
  db: Db;
  snapshots: SnapshotStore;
  license: LicenseStore;
  open: OpenChanges;
  staging: ChangeStaging;
  connections: Pick<ConnectionsService, 'list'>;
  diagnostics: Pick<DiagnosticsService, 'countsFor' | 'current'>;
  settings: SettingsStore;
  now?: () => Date;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'an unknown day');
const nameOf = (p: { givenName: string; familyName: string; email: string | null }) =>
  `${p.givenName} ${p.familyName}`.trim() || (p.email ?? '');

/**
 * The new school year, before it happens: next year's roster (any snapshot: a held sync, an early
 * export synced as a connection of its own) beside today's and the license. What it means per
 * school, the readiness checklist, the seat forecast and the seats nobody uses. Nothing is staged
 * by itself: each item carries its change, and `stage` stages the ones the admin picked.
 */
export class NewYearService {
  private readonly now: () => Date;

  constructor(private readonly deps: NewYearDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Snapshots that can stand for next year: held syncs, then other connections' current ones. */
  sources(): YearSource[] {
    const today = this.deps.snapshots.latestCurrent();
    const names = new Map(this.deps.connections.list().map((c) => [c.id, c.name]));
    const out: YearSource[] = [];
    for (const h of this.deps.snapshots.held()) {
      const s = this.deps.snapshots.get(h.snapshotId);
      if (!s) continue;
      const name = names.get(s.connectionId) ?? 'Removed connection';
      out.push({
        snapshotId: s.id,
        connectionId: s.connectionId,
        connectionName: name,
        finishedAt: s.finishedAt,
        held: true,
        current: false,
        label: `${name}: held sync of ${day(s.finishedAt)}`,
      });
    }
    for (const [id, name] of names) {
      const s = this.deps.snapshots.current(id);
      if (!s || s.id === today?.id) continue;
      out.push({
        snapshotId: s.id,
        connectionId: id,
        connectionName: name,
        finishedAt: s.finishedAt,
        held: false,
        current: true,
        label: `${name}: synced ${day(s.finishedAt)}`,
      });
    }
    return out;
  }

  /** The seats nobody uses, as of now, with the admin's idle and grace days. */
  reclaim(): ReclaimList {
    const { license } = this.deps;
    const today = this.deps.snapshots.latestCurrent();
    const accounts = license.accounts();
    const elsewhere = new Set(
      accountRules(accounts, license.seatsHeld()).flatMap((f) =>
        f.merge ? [f.merge.accountId] : [],
      ),
    );
    const rows = license.platformConnectionId()
      ? license.view({ offset: 0, limit: 10_000_000 }, this.deps.open.pendingIndex()).rows
      : [];
    return reclaimList({
      now: this.now(),
      days: this.deps.settings.get('reclaim.idleDays'),
      graceDays: this.deps.settings.get('reclaim.graceDays'),
      seats: license.seatCounts()?.seats ?? null,
      rows,
      accounts: new Map(accounts.map((a) => [a.id, a])),
      roster: today ? teacherClassesByEmail(this.deps.db, today.id) : new Map(),
      reminded: this.deps.open.lastReminded(),
      elsewhere,
    });
  }

  /** For Start here: the seats to reclaim, when the license is over 95% used. */
  reclaimNote(): { seats: number; used: number; unused: number } | null {
    const counts = this.deps.license.seatCounts();
    if (!counts || counts.seats === 0 || counts.used / counts.seats <= 0.95) return null;
    const unused = this.reclaim().items.length;
    return unused > 0 ? { seats: counts.seats, used: counts.used, unused } : null;
  }

  async rehearse(nextSnapshotId?: number): Promise<Rehearsal> {
    const { snapshots, license } = this.deps;
    const today = snapshots.latestCurrent();
    if (!today)
      throw new AppError(
        'NOT_FOUND',
        "Sync today's roster first: the rehearsal compares next year with it",
      );
    const sources = this.sources();
    const next =
      nextSnapshotId === undefined
        ? sources[0]
        : sources.find((s) => s.snapshotId === nextSnapshotId);
    if (!next)
      throw new AppError(
        'NOT_FOUND',
        nextSnapshotId === undefined
          ? "No roster for next year yet: add next year's export as a connection and sync it, or hold a sync of the new year"
          : `Snapshot ${nextSnapshotId} is not a roster RosterDesk can rehearse with (held, or another connection's current one)`,
      );
    const cmp = compareYears(this.deps.db, today.id, next.snapshotId);
    const schoolNames = new Map(Object.entries(cmp.orgNames));
    const schoolName = (id: string | null) => (id ? (schoolNames.get(id) ?? id) : 'No school');
    const pending = this.deps.open.pendingIndex();
    const invited = this.deps.open.invitedEmails();
    const refused = this.deps.open.refusedInvites();
    const entryOf = (email: string | null) => (email ? license.teacherByEmail(email) : null);
    const base = (p: RosterPerson) => ({
      sourcedId: p.sourcedId,
      name: nameOf(p),
      email: p.email,
      from: null,
      schoolId: p.schoolId,
      schoolName: schoolName(p.schoolId),
    });
    const pulled = license.platformConnectionId() !== null;

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
    const accounts = license.accounts();
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

    // A licensed leaver's seat is freed by the year itself: not counted again as unused.
    const leaving = new Set(
      leavers.flatMap((p) => (p.onLicense && p.email ? [p.email.trim().toLowerCase()] : [])),
    );
    const unused = this.reclaim();
    const reclaim = {
      ...unused,
      items: unused.items.filter((i) => !leaving.has(i.email.trim().toLowerCase())),
    };
    const entries = license.current()?.entries ?? [];
    const studentSeats = license.importInfo()?.studentSeatsUsed ?? null;
    const history = snapshots.history
      .list(today.connectionId)
      .flatMap((p) =>
        (p.outcome === 'complete' || p.outcome === 'accepted') && p.counts
          ? [p.counts.students]
          : [],
      );
    const forecast = seatForecast({
      now: this.now(),
      startsOn:
        cmp.sessions.find((s) => s.isNew && s.type === 'schoolYear')?.startDate ??
        cmp.sessions.find((s) => s.isNew)?.startDate ??
        null,
      seats: license.seatCounts()?.seats ?? null,
      onLicenseNow: entries.length,
      pendingInvitations: entries.filter((e) => e.status === 'invited').length,
      schools: [...schools.values()].map((s) => ({
        name: s.name,
        seatsFreed: s.seatsFreed,
        seatsNeeded: s.seatsNeeded,
      })),
      reclaimable: reclaim.items.length,
      students:
        studentSeats === null
          ? null
          : { gradesToday: cmp.gradesToday, platformCount: studentSeats, history },
    });
    const toInvite = arrivals.filter((p) => !p.onLicense && p.email);
    const readiness = readinessChecks({
      today: this.now().toISOString().slice(0, 10),
      sessions: cmp.sessions,
      schools: cmp.nextSchools,
      classesWithoutTeacher: {
        total: cmp.totals.classesWithoutTeacher,
        examples: cmp.classesWithoutTeacher.map((c) => `${c.title} (${schoolName(c.schoolId)})`),
      },
      rostering: pulled
        ? license
            .rostering()
            .filter((r) => r.provider === 'classlink')
            .map((r) => ({ name: r.name, registered: r.applicationId !== null }))
        : null,
      arrivals: {
        toInvite: toInvite.length,
        invited: toInvite.filter((p) => p.pending === 'invite').length,
        refused: toInvite.filter(
          (p) => p.pending !== 'invite' && !!p.email && refused.has(p.email.trim().toLowerCase()),
        ).length,
      },
      seatsShort: forecast.seats === null ? null : forecast.teacher.short,
      seatsSentence: forecast.sentence,
    });

    const [before, after] = await Promise.all([
      this.deps.diagnostics.current().then((c) => {
        const byCode: Record<string, number> = {};
        for (const f of c?.findings ?? []) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
        return byCode;
      }),
      this.deps.diagnostics.countsFor(next.snapshotId),
    ]);
    const findings = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .map((code) => ({ code, before: before[code] ?? 0, after: after[code] ?? 0 }))
      .filter((f) => f.before !== f.after)
      .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before));

    const classOut = (c: { sourcedId: string; title: string; schoolId: string | null }) => ({
      sourcedId: c.sourcedId,
      title: c.title,
      schoolName: schoolName(c.schoolId),
    });
    return {
      today: {
        snapshotId: today.id,
        connectionName:
          this.deps.connections.list().find((c) => c.id === today.connectionId)?.name ??
          'Removed connection',
        syncedAt: today.finishedAt,
      },
      next,
      startsOn: forecast.startsOn,
      schools: [...schools.values()].sort((a, b) => a.name.localeCompare(b.name)),
      leavers,
      arrivals,
      emailChanges,
      noClass,
      classesEnding: cmp.classesEnding.map(classOut),
      classesStarting: cmp.classesStarting.map(classOut),
      findings,
      readiness,
      forecast,
      reclaim,
      totals: {
        leavers: cmp.totals.leavers,
        arrivals: cmp.totals.arrivals,
        emailChanges: cmp.totals.emailChanges,
        noClass: cmp.totals.noClass,
        classesEnding: cmp.totals.classesEnding,
        classesStarting: cmp.totals.classesStarting,
        graduates: cmp.totals.graduates,
        studentsLeaving: cmp.totals.studentsLeaving,
        incoming: cmp.totals.incoming,
      },
    };
  }

  /**
   * Stages the changes the admin picked, each as if asked alone (checked against the license,
   * refused when already open); one refusal does not stop the others.
   */
  stage(requests: StageRequest[], origin: string): StageManyResult {
    let staged = 0;
    const refused: StageManyResult['refused'] = [];
    requests.forEach((request, index) => {
      try {
        this.deps.staging.stage(request, origin);
        staged++;
      } catch (error) {
        refused.push({
          index,
          subject:
            'email' in request
              ? request.email
              : 'teacherId' in request
                ? request.teacherId
                : request.kind,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    });
    return { staged, refused };
  }
}
