import type { Logger } from '../runtime/logger';
import type { z } from 'zod';
import type { serviceStatusSchema } from '../../../shared/domain/settings';

export type ServiceStatus = z.infer<typeof serviceStatusSchema>;

/** Work that runs while the services are open: timers, resumes, schedules. */
export interface BackgroundService {
  readonly name: string;
  /** What it does, in words (shown in Settings). */
  readonly about: string;
  /** Starts its timers or work; must not wait for the work itself. */
  start(): void;
  /** Stops its timers and waits for work under way to end (or be cancelled). */
  stop(): Promise<void>;
}

export type ServiceState = ServiceStatus['state'];

/**
 * The background services of one data folder, in one place: each registers once, all start
 * together when the folder is open, and all stop (the last registered first) when it closes, so
 * closing leaves no timer or run behind. A service that fails to start is logged and shown as
 * failed; the others run.
 */
export class ServiceRegistry {
  private readonly entries: { service: BackgroundService; status: ServiceStatus }[] = [];
  private stopping: Promise<void> | null = null;

  constructor(private readonly logger: Logger) {}

  register(service: BackgroundService): void {
    if (this.entries.some((e) => e.service.name === service.name))
      throw new Error(`A background service named ${service.name} is registered already`);
    this.entries.push({
      service,
      status: { name: service.name, about: service.about, state: 'registered', error: null },
    });
  }

  startAll(): void {
    for (const entry of this.entries) {
      if (entry.status.state === 'running') continue;
      try {
        entry.service.start();
        entry.status = { ...entry.status, state: 'running', error: null };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        entry.status = { ...entry.status, state: 'failed', error: message };
        this.logger.error(`the background service "${entry.service.name}" did not start`, error);
      }
    }
  }

  /** Stops every running service, the last started first; twice is the same as once. */
  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const entry of [...this.entries].reverse()) {
        if (entry.status.state !== 'running') continue;
        try {
          await entry.service.stop();
          entry.status = { ...entry.status, state: 'stopped' };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          entry.status = { ...entry.status, state: 'stopped', error: message };
          this.logger.error(
            `the background service "${entry.service.name}" did not stop cleanly`,
            error,
          );
        }
      }
    })();
    return this.stopping;
  }

  states(): ServiceStatus[] {
    return this.entries.map((e) => ({ ...e.status }));
  }
}
