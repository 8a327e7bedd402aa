import type { Logger } from '../runtime/logger';
import type { DueSync } from '../watch/sync-schedules';
import type { BackgroundService } from './service-registry';

export type { DueSync };

/**
 * The place of scheduled syncs. Every `everyMs` it asks `due()` which connections' syncs are due
 * and starts them through `startSync` (which runs one sync per connection at a time). The
 * schedules themselves (daily, every N hours, blackout days, a yearly pause) are Watch's
 * (`watch/sync-schedules.ts`, which declares `DueSync`): until a connection has one, `due()`
 * answers none and the scheduler only ticks.
 */
export class SyncScheduler implements BackgroundService {
  readonly name = 'scheduler';
  readonly about = 'Starts the syncs whose schedule is due';
  private timer: ReturnType<typeof setInterval> | null = null;
  /** How many ticks ran since start (tests see the scheduler tick, then stop ticking). */
  ticks = 0;

  constructor(
    private readonly due: (now: Date) => DueSync[],
    private readonly startSync: (connectionId: string) => void,
    private readonly logger: Logger,
    private readonly everyMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return Promise.resolve();
  }

  get running(): boolean {
    return this.timer !== null;
  }

  private tick(): void {
    this.ticks++;
    for (const sync of this.due(new Date())) {
      try {
        this.startSync(sync.connectionId);
        this.logger.info(`scheduled sync started (${sync.reason})`);
      } catch (error) {
        this.logger.error('a scheduled sync could not start', error);
      }
    }
  }
}
