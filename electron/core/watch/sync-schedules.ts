import { AppError, issuesFromZod } from '../../../shared/ipc/errors';
import { DEFAULT_SCHEDULE, syncScheduleSchema } from '../../../shared/domain/watch';
import type { HoldThresholds, ScheduleView, SyncSchedule } from '../../../shared/domain/watch';
import type { ConnectionsService } from '../connections/connections-service';
import type { Db } from '../db/open-database';
import { jsonColumn } from '../db/json-column';

/** A sync that is due: which connection, and why (said in the log). */
export interface DueSync {
  connectionId: string;
  reason: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** The local calendar day, YYYY-MM-DD. */
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Whether MM-DD `day` falls in a yearly window (which may run over the new year). */
function inWindow(day: string, from: string, until: string): boolean {
  return from <= until ? day >= from && day <= until : day >= from || day <= until;
}

/**
 * Each roster connection's schedule and hold thresholds (table sync_schedules), and which syncs
 * are due now: off, daily at a time, or every N hours; never on a blackout day nor in the yearly
 * pause. A sync started by hand counts as the last run.
 */
export class SyncSchedules {
  constructor(
    private readonly db: Db,
    private readonly connections: Pick<ConnectionsService, 'list'>,
  ) {}

  get(connectionId: string): SyncSchedule {
    const raw = this.db
      .prepare('SELECT schedule FROM sync_schedules WHERE connection_id = ?')
      .pluck()
      .get(connectionId) as string | undefined;
    return raw === undefined
      ? DEFAULT_SCHEDULE
      : jsonColumn(syncScheduleSchema, raw, DEFAULT_SCHEDULE);
  }

  /** Whether the admin saved a schedule (and so thresholds) for this connection. */
  has(connectionId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM sync_schedules WHERE connection_id = ?').get(connectionId) !==
      undefined
    );
  }

  set(connectionId: string, schedule: unknown): SyncSchedule {
    const connection = this.connections.list().find((c) => c.id === connectionId);
    if (!connection) throw new AppError('NOT_FOUND', `No connection ${connectionId.slice(0, 100)}`);
    if (connection.settings.kind === 'platform')
      throw new AppError(
        'VALIDATION',
        `"${connection.name}" is the platform: it has no roster to sync on a schedule`,
      );
    const parsed = syncScheduleSchema.safeParse(schedule);
    if (!parsed.success)
      throw new AppError(
        'VALIDATION',
        'The schedule is not valid',
        issuesFromZod(parsed.error, 'schedule'),
      );
    this.db
      .prepare(
        'INSERT INTO sync_schedules (connection_id, schedule) VALUES (?, ?) ON CONFLICT (connection_id) DO UPDATE SET schedule = excluded.schedule',
      )
      .run(connectionId, JSON.stringify(parsed.data));
    return parsed.data;
  }

  forget(connectionId: string): void {
    this.db.prepare('DELETE FROM sync_schedules WHERE connection_id = ?').run(connectionId);
  }

  thresholds(connectionId: string): HoldThresholds {
    return this.get(connectionId).thresholds;
  }

  list(now = new Date()): ScheduleView[] {
    return this.connections
      .list()
      .filter((c) => c.settings.kind !== 'platform')
      .map((c) => ({
        connectionId: c.id,
        connectionName: c.name,
        schedule: this.get(c.id),
        next: this.next(c.id, now),
      }));
  }

  /** The syncs due at `now`, one per connection. */
  due(now: Date): DueSync[] {
    // Asked every second: with no schedule saved, one small query and nothing else.
    const scheduled = new Set(
      this.db.prepare('SELECT connection_id FROM sync_schedules').pluck().all() as string[],
    );
    if (scheduled.size === 0) return [];
    const out: DueSync[] = [];
    for (const c of this.connections.list()) {
      if (c.settings.kind === 'platform' || !scheduled.has(c.id)) continue;
      const why = this.dueReason(c.id, now);
      if (why) out.push({ connectionId: c.id, reason: `${c.name}: ${why}` });
    }
    return out;
  }

  private lastStart(connectionId: string): Date | null {
    const at = this.db
      .prepare('SELECT max(started_at) FROM snapshots WHERE connection_id = ?')
      .pluck()
      .get(connectionId) as string | null;
    return at ? new Date(at) : null;
  }

  /** Why no scheduled sync may run today, or null. */
  private quiet(schedule: SyncSchedule, now: Date): string | null {
    const today = localDay(now);
    if (schedule.blackout.includes(today)) return `no sync on ${today} (a blackout day)`;
    if (schedule.pause && inWindow(today.slice(5), schedule.pause.from, schedule.pause.until))
      return `paused from ${schedule.pause.from} to ${schedule.pause.until} (MM-DD)`;
    return null;
  }

  private todayAt(schedule: SyncSchedule, now: Date): Date {
    const [h = 0, m = 0] = schedule.at.split(':').map(Number);
    return new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m);
  }

  private dueReason(connectionId: string, now: Date): string | null {
    const schedule = this.get(connectionId);
    if (schedule.mode === 'off' || this.quiet(schedule, now)) return null;
    const last = this.lastStart(connectionId);
    if (schedule.mode === 'hours') {
      const every = schedule.everyHours * 3_600_000;
      if (!last || now.getTime() - last.getTime() >= every)
        return `every ${schedule.everyHours} hour(s), last run ${last ? last.toISOString() : 'never'}`;
      return null;
    }
    const at = this.todayAt(schedule, now);
    if (now >= at && (!last || last < at)) return `daily at ${schedule.at}`;
    return null;
  }

  /** When the next scheduled sync runs, in words. */
  next(connectionId: string, now = new Date()): string {
    const schedule = this.get(connectionId);
    if (schedule.mode === 'off') return 'Not scheduled';
    const quiet = this.quiet(schedule, now);
    if (quiet) return `Not today: ${quiet}`;
    if (this.dueReason(connectionId, now)) return 'Due now';
    if (schedule.mode === 'hours') {
      const last = this.lastStart(connectionId) ?? now;
      return `Next at ${new Date(last.getTime() + schedule.everyHours * 3_600_000).toLocaleString('en-US')}`;
    }
    const at = this.todayAt(schedule, now);
    const next = now < at ? at : new Date(at.getTime() + 86_400_000);
    return `Next at ${next.toLocaleString('en-US')}`;
  }
}
