import type {
  ReclaimList,
  Rehearsal,
  StageManyResult,
  YearSource,
} from '../../../shared/domain/new-year';
import type { StageRequest } from '../../../shared/domain/change';
import type { PlatformAccount } from '../../../shared/platform/platform-wire';
import { AppError } from '../../../shared/ipc/errors';
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
import { readinessChecks } from './readiness-checks';
import { yearPeople } from './year-people';
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
    return this.unusedSeats(this.deps.license.accounts(), this.deps.open.pendingIndex());
  }

  /** The seats nobody uses, from the platform's accounts and the open changes already read. */
  private unusedSeats(
    accounts: PlatformAccount[],
    pendingOf: (platformId: string | null, email: string) => string[],
  ): ReclaimList {
    const { license } = this.deps;
    const today = this.deps.snapshots.latestCurrent();
    const elsewhere = new Set(
      accountRules(accounts, license.seatsHeld()).flatMap((f) =>
        f.merge ? [f.merge.accountId] : [],
      ),
    );
    const rows = license.platformConnectionId()
      ? license.view({ offset: 0, limit: 10_000_000 }, pendingOf).rows
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
    // Counted once per license pull, idle and grace days, and day (as Start here's own memo):
    // Start here is read on every dashboard visit, and the list reads every platform account.
    const key = [
      this.deps.license.importInfo()?.importedAt,
      this.deps.settings.get('reclaim.idleDays'),
      this.deps.settings.get('reclaim.graceDays'),
      this.now().toDateString(),
    ].join('|');
    if (this.unusedCount?.key !== key) this.unusedCount = { key, n: this.reclaim().items.length };
    const unused = this.unusedCount.n;
    return unused > 0 ? { seats: counts.seats, used: counts.used, unused } : null;
  }

  private unusedCount: { key: string; n: number } | null = null;

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
    // Read once for the people, the per-school rows and the unused seats.
    const accounts = license.accounts();
    const pending = this.deps.open.pendingIndex();
    const { leavers, arrivals, emailChanges, noClass, schools, schoolName } = yearPeople(cmp, {
      license,
      accounts,
      pending,
      invited: this.deps.open.invitedEmails(),
      nextLabel: next.label,
    });
    const refused = this.deps.open.refusedInvites();
    const pulled = license.platformConnectionId() !== null;

    // A licensed leaver's seat is freed by the year itself: not counted again as unused.
    const leaving = new Set(
      leavers.flatMap((p) => (p.onLicense && p.email ? [p.email.trim().toLowerCase()] : [])),
    );
    const unused = this.unusedSeats(accounts, pending);
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
      schools: schools.map((s) => ({
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
      schools,
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
