import type { StartupNotice } from '../../../shared/domain/app-status';
import type { ChangeStore } from '../changes/change-store';
import type { PushOutbox } from '../changes/push-outbox';
import type { EventBus } from '../events/event-bus';
import type { BackgroundService } from './service-registry';

/**
 * The push outbox as a background service. At start, a push left running by a process that died
 * is marked interrupted and, when approved changes remain, resumed with the same idempotency keys
 * (`rosterdesk check` opens without resuming). At stop, a running push is cancelled and waited for:
 * what was not sent stays approved for the next push.
 */
export class PushResume implements BackgroundService {
  readonly name = 'push';
  readonly about = 'Resumes a push a crash interrupted; stops a running push at close';
  private resumed: number | null = null;
  private interrupted = 0;

  constructor(
    private readonly push: PushOutbox,
    private readonly changes: ChangeStore,
    private readonly events: EventBus,
    private readonly resume: boolean,
  ) {}

  /**
   * Marks runs a dead process left running as interrupted; returns how many. Called as the folder
   * opens, before the services start: a cache another program holds locked is refused there.
   */
  recover(): number {
    this.interrupted = this.push.recoverInterrupted();
    return this.interrupted;
  }

  start(): void {
    if (this.interrupted > 0 && this.changes.countApproved() > 0 && this.resume) {
      this.resumed = this.push.start(true).runId;
      // Its end is told to the window as it happens, as well as in the status's notices.
      void this.push.wait().then(() => {
        for (const notice of this.notices())
          if (notice.level !== 'warning')
            this.events.emit('notice', { ...notice, title: 'Interrupted push' });
      });
    }
  }

  async stop(): Promise<void> {
    this.push.cancel();
    await this.push.wait();
  }

  /** What became of a push resumed at start, said as it stands now (not as it stood at start). */
  notices(): StartupNotice[] {
    const run = this.push.status();
    if (this.resumed === null || !run || run.runId !== this.resumed) return [];
    if (run.state === 'running')
      return [
        {
          level: 'warning',
          message: `A push was interrupted when RosterDesk last stopped; it is resuming with the same idempotency keys, so no change is applied twice (${run.total} in the outbox).`,
        },
      ];
    if (run.state === 'completed')
      return [
        {
          level: 'info',
          message: `A push interrupted when RosterDesk last stopped was resumed and finished: ${run.applied} applied, ${run.rejected} rejected, ${run.conflicts} conflicts, each once.`,
        },
      ];
    return [
      {
        level: 'error',
        message: `A push interrupted when RosterDesk last stopped could not be resumed: ${run.error ?? run.state}. Its changes stay approved; push them again from the Changes screen.`,
      },
    ];
  }
}
