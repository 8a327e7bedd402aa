import crypto from 'node:crypto';
import type { SyncJob } from '../../../shared/domain/snapshot';
import { AppError } from '../../../shared/ipc/errors';
import type { Logger } from '../runtime/logger';
import type { ConnectionView } from '../../../shared/domain/connection';
import type { ConnectionsService } from '../connections/connections-service';
import type { Db } from '../db/open-database';
import type { EventBus } from '../events/event-bus';
import type { HoldThresholds } from '../../../shared/domain/watch';
import { hostOf, plainWords } from '../connection-test/test-connection';
import { fileWords } from '../connection-test/test-csv-export';
import { createSource } from '../sources/create-source';
import { completed, runIngest } from './run-ingest';

/**
 * A failed sync said first in plain words (host not found, nothing listening, credentials
 * rejected…), then the technical reason, which support needs.
 */
function inWords(error: string, settings: ConnectionView['settings']): string {
  // A file source in file words: "check the URL" means nothing for a folder or a zip.
  const plain =
    settings.kind === 'oneroster-csv'
      ? fileWords(null, error, false)
      : plainWords(null, error, hostOf(settings), 'the roster service', false);
  if (plain === error) return error;
  return plain ? `${plain} (${error})` : error;
}

/** Syncs running in the background, one per connection at a time; their progress is sent as events. */
export class SyncJobs {
  private readonly jobs = new Map<
    string,
    { job: SyncJob; controller: AbortController; done: Promise<void> }
  >();

  private readonly listeners = new Set<(job: SyncJob) => void>();

  constructor(
    private readonly db: Db,
    private readonly connections: ConnectionsService,
    private readonly logger: Logger,
    /** Where each job's progress and end are told to the window (sync.progress). */
    private readonly events: EventBus | null = null,
    /**
     * The connection's hold thresholds for this sync, or null for none: `explicit` for a
     * scheduled sync or `rosterdesk sync`, which never make a suspicious snapshot current.
     */
    private readonly holdsOf:
      ((connectionId: string, explicit: boolean) => HoldThresholds | null) | null = null,
  ) {}

  start(connectionId: string, options: { hold?: boolean } = {}): SyncJob {
    const running = [...this.jobs.values()].find(
      (j) => j.job.connectionId === connectionId && j.job.state === 'running',
    );
    if (running) return running.job;
    const connection = this.connections.get(connectionId);
    const controller = new AbortController();
    // Counted by the HTTP client as it retries (network errors, 5xx, 429): shown with the progress.
    const source = createSource(connection, this.connections, {
      onRetry: () => void job.retries++,
    });
    const job: SyncJob = {
      jobId: crypto.randomUUID(),
      connectionId,
      connectionName: connection.name,
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      streams: source
        .streams()
        .map((s) => ({ name: s.name, read: 0, total: null, done: false, perSecond: 0 })),
      snapshotId: null,
      warnings: 0,
      error: null,
      retries: 0,
    };
    this.logger.info(`sync of "${connection.name}" started`);
    const done = runIngest(this.db, source, {
      connectionId,
      sourceKind: connection.settings.kind,
      signal: controller.signal,
      thresholds: this.holdsOf?.(connectionId, options.hold ?? false) ?? null,
      onProgress: (streams, warnings) => {
        Object.assign(job, { streams, warnings });
        this.events?.emitSoon('sync.progress', () => ({ ...job }), `sync:${job.jobId}`);
      },
    })
      .then((result) => {
        Object.assign(job, {
          state: result.state,
          snapshotId: result.snapshotId,
          warnings: result.warnings,
          finishedAt: new Date().toISOString(),
          error: completed(result)
            ? result.state === 'held'
              ? `Held for review: ${result.heldFor.slice(0, 3).join('; ')}${result.heldFor.length > 3 ? ` (and ${result.heldFor.length - 3} more)` : ''}. The current snapshot is unchanged until you accept it.`
              : null
            : result.state === 'failed'
              ? inWords(result.error, connection.settings)
              : result.error,
        });
        this.logger.info(
          `sync of "${connection.name}" ended: ${result.state}${result.state === 'complete' ? '' : ` (${job.error ?? ''})`}`,
        );
        this.announce(job);
      })
      .catch((error: unknown) => {
        Object.assign(job, {
          state: 'failed',
          finishedAt: new Date().toISOString(),
          error: error instanceof Error ? error.message : String(error),
        });
        this.logger.error(`sync of "${connection.name}" failed`, error);
        this.announce(job);
      });
    this.jobs.set(job.jobId, { job, controller, done });
    this.events?.emitSoon('sync.progress', () => ({ ...job }), `sync:${job.jobId}`);
    return job;
  }

  /**
   * Called once for each sync that ends (complete, failed or cancelled), with its final state: the
   * desktop app's tray and notifications listen. Returns the call that stops listening.
   */
  onFinished(listener: (job: SyncJob) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private announce(job: SyncJob): void {
    this.events?.emit('sync.progress', { ...job }, `sync:${job.jobId}`);
    for (const listener of this.listeners) {
      try {
        listener({ ...job });
      } catch (error) {
        this.logger.error('a listener of finished syncs failed', error);
      }
    }
  }

  get(jobId: string): SyncJob {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new AppError('NOT_FOUND', `No sync job ${jobId}`);
    return entry.job;
  }

  /** Asks the job to stop; it does within a second (requests and waits are aborted). */
  async cancel(jobId: string): Promise<SyncJob> {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new AppError('NOT_FOUND', `No sync job ${jobId}`);
    entry.controller.abort();
    await entry.done;
    return entry.job;
  }

  list(): SyncJob[] {
    return [...this.jobs.values()].map((j) => j.job);
  }

  async stopAll(): Promise<void> {
    for (const entry of this.jobs.values()) entry.controller.abort();
    await Promise.all([...this.jobs.values()].map((j) => j.done));
  }
}
