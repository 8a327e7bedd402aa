import { setMaxListeners } from 'node:events';
import { payloadOf } from '../../../shared/domain/change';
import type { ChangeFields, ChangePayload, PushProgress } from '../../../shared/domain/change';
import { wireByKind } from './kinds/change-kinds';
import type { Logger } from '../runtime/logger';
import type { ConnectionsService } from '../connections/connections-service';
import type { EventBus } from '../events/event-bus';
import type { Db } from '../db/open-database';
import type { MutationOutcome, PlatformClient } from '../platform/platform-client';
import { platformClientFor } from '../platform/platform-connection';
import type { RetryPolicy } from '../http/retry-policy';
import { sleep } from '../http/sleep';
import { UpstreamError } from '../http/upstream-error';
import type { AuditLog } from './audit-log';
import type { ChangeStore, OutboxChange } from './change-store';

export interface PushOptions {
  /** Changes in flight at once. */
  concurrency?: number;
  policy?: Partial<RetryPolicy>;
  /** After a run that applied something: refresh the local license from the platform. */
  afterRun?: (connectionIds: string[]) => Promise<void>;
  /** Where the run's progress is told to the window (push.progress). */
  events?: EventBus;
}

/** How often a running push's progress is sent to the window. */
const PROGRESS_EVERY_MS = 250;

export const PUSH_POLICY: Partial<RetryPolicy> = {
  maxAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  timeoutMs: 20_000,
  maxRateLimitWaitMs: 60_000,
};

/** The platform's record as flat fields, for the conflict view beside before and after. */
function flat(record: unknown): ChangeFields | null {
  if (typeof record !== 'object' || record === null) return null;
  const out: ChangeFields = {};
  for (const [k, v] of Object.entries(record))
    if (typeof v === 'string' || typeof v === 'number' || v === null) out[k] = v;
  return out;
}

/** What the platform call of a change needs, read once from the stored change. */
interface Sendable {
  payload: ChangePayload;
  /** The platform record the change acts on ('' for an invitation, which creates one). */
  target: string;
}

/** Throws, saying why, when a stored change lost its shape or its target: it can never be sent. */
function sendable(c: OutboxChange): Sendable {
  const payload = payloadOf(c);
  if (payload.kind !== 'invite' && !c.targetId)
    throw new Error(`The ${c.kind} change for ${c.subject} has no target record`);
  return { payload, target: c.targetId ?? '' };
}

function send(
  client: PlatformClient,
  c: OutboxChange,
  { payload, target }: Sendable,
  signal: AbortSignal,
): Promise<MutationOutcome> {
  return wireByKind(payload.kind, client, payload.after as never, target, c, signal);
}

/**
 * Pushes approved changes as an outbox: each carries the idempotency key fixed at approval, so a
 * retry, a cancel, or a crash and resume never applies a change twice. Bounded concurrency; 429s
 * pause every worker for Retry-After; 5xx and network failures are retried by the HTTP client and,
 * when it gives up, the change stays approved for the next push. A 401 stops the run and keeps the
 * outbox. Each result (applied, rejected with the platform's reason, conflict with the current
 * record) is written with its audit entry in one transaction as it arrives.
 */
export class PushOutbox {
  private active: {
    progress: PushProgress;
    controller: AbortController;
    done: Promise<PushProgress>;
  } | null = null;
  private last: PushProgress | null = null;
  /** Push was pressed while a run (or its license refresh) was under way: run again after it. */
  private followUp = false;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeStore,
    private readonly audit: AuditLog,
    private readonly connections: ConnectionsService,
    private readonly logger: Logger,
    private options: PushOptions = {},
  ) {}

  /** Changes options for the next run (the CLI's --concurrency, the benchmark's policy). */
  configure(options: PushOptions): void {
    this.options = { ...this.options, ...options };
  }

  /** Marks runs left "running" by a process that died; returns how many. The caller resumes. */
  recoverInterrupted(): number {
    return this.db
      .prepare(
        "UPDATE push_runs SET status = 'interrupted', finished_at = ? WHERE status = 'running'",
      )
      .run(new Date().toISOString()).changes;
  }

  status(): PushProgress | null {
    if (this.active) return { ...this.active.progress, queued: this.followUp };
    // What is left comes from the store: changes approved since the run ended count too.
    return this.last ? { ...this.last, remaining: this.changes.countApproved() } : null;
  }

  cancel(): PushProgress | null {
    this.followUp = false;
    this.active?.controller.abort();
    this.tell();
    return this.status();
  }

  /** Sends the push's state to the window when it differs from what was sent last. */
  private told = '';
  private tell(): void {
    const events = this.options.events;
    const now = this.status();
    if (!events || !now) return;
    const text = JSON.stringify(now);
    if (text === this.told) return;
    this.told = text;
    events.emit('push.progress', now);
  }

  /** Resolves when the current run ends (at once when none runs). */
  async wait(): Promise<PushProgress | null> {
    while (this.active) await this.active.done;
    return this.last;
  }

  /**
   * Starts a push of the approved changes. While one runs (or refreshes the license after it), a
   * new start does not push twice nor answer with the old run: it is queued, and a follow-up run
   * sends whatever is approved when the current one has ended.
   */
  start(resumed = false): PushProgress {
    if (this.active) {
      this.followUp = true;
      this.tell();
      return { ...this.active.progress, queued: true };
    }
    const outbox = this.changes.outbox();
    const startedAt = new Date().toISOString();
    const runId = Number(
      this.db
        .prepare("INSERT INTO push_runs (started_at, status, total) VALUES (?, 'running', ?)")
        .run(startedAt, outbox.length).lastInsertRowid,
    );
    const progress: PushProgress = {
      runId,
      state: 'running',
      total: outbox.length,
      applied: 0,
      rejected: 0,
      conflicts: 0,
      failed: 0,
      remaining: outbox.length,
      retries: 0,
      resumed,
      startedAt,
      finishedAt: null,
      error: null,
    };
    this.audit.append({
      changeId: null,
      action: resumed ? 'push-resumed' : 'push-started',
      summary: `Push of ${outbox.length} approved change(s)`,
    });
    const controller = new AbortController();
    // Every request in flight (12 workers, each retrying) listens to this one signal: more than
    // Node's default of 10 is expected here, not a leak.
    setMaxListeners(200, controller.signal);
    const ticker = setInterval(() => this.tell(), PROGRESS_EVERY_MS);
    ticker.unref();
    const done = this.run(outbox, progress, controller.signal).then((final) => {
      clearInterval(ticker);
      this.last = final;
      this.active = null;
      this.tell();
      const again =
        this.followUp && final.state !== 'cancelled' && this.changes.countApproved() > 0;
      this.followUp = false;
      if (again) this.start();
      return final;
    });
    this.active = { progress, controller, done };
    this.tell();
    return progress;
  }

  private async run(
    outbox: OutboxChange[],
    progress: PushProgress,
    signal: AbortSignal,
  ): Promise<PushProgress> {
    const concurrency = Math.max(1, this.options.concurrency ?? 12);
    let pauseUntil = 0;
    let fatal: string | null = null;
    const clients = new Map<string, PlatformClient>();
    const clientFor = (connectionId: string) => {
      let client = clients.get(connectionId);
      if (!client) {
        client = platformClientFor(this.connections, connectionId, {
          policy: { ...PUSH_POLICY, ...this.options.policy },
          onRetry: ({ waitMs, status }) => {
            progress.retries++;
            if (status === 429) pauseUntil = Math.max(pauseUntil, Date.now() + waitMs);
          },
        });
        clients.set(connectionId, client);
      }
      return client;
    };
    const queue = [...outbox];
    const pushOne = async (c: OutboxChange) => {
      let client: PlatformClient;
      try {
        client = clientFor(c.connectionId);
      } catch (error) {
        fatal = error instanceof Error ? error.message : String(error);
        return;
      }
      let ready: Sendable;
      try {
        // A stored change that lost its shape can never be sent: it fails, with why, and is not retried.
        ready = sendable(c);
      } catch (error) {
        progress.remaining--;
        progress.failed++;
        this.changes.finish(c, 'failed', {
          code: 'unreadable_change',
          message: error instanceof Error ? error.message : String(error),
          requestId: null,
        });
        return;
      }
      this.changes.markSent(c, c.attempts + 1);
      let outcome: MutationOutcome;
      const secretKey =
        c.kind === 'register-application-id' ? `application-id:${c.targetId ?? ''}` : null;
      try {
        const secret = secretKey ? this.connections.changeSecret(secretKey) : null;
        outcome = await send(client, secret ? { ...c, secret } : c, ready, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof UpstreamError && error.kind === 'auth') {
          fatal = `The platform rejected the API token (HTTP 401); it may have expired. Enter a new token in Connections and push again: the approved changes are kept with their idempotency keys.`;
          return;
        }
        const reason = error instanceof Error ? error.message : String(error);
        this.audit.append({
          changeId: c.id,
          action: 'not-sent',
          summary: `Kept in the outbox`,
          result: reason,
        });
        progress.error = reason;
        return;
      }
      progress.remaining--;
      if (outcome.kind === 'applied') {
        progress.applied++;
        if (secretKey) this.connections.dropChangeSecret(secretKey);
        this.changes.finish(c, 'applied', {
          code: null,
          message: outcome.replayed
            ? 'Applied (the platform had applied it already; its answer was replayed)'
            : `Applied (HTTP ${outcome.status})`,
          requestId: outcome.requestId,
        });
      } else if (outcome.kind === 'conflict') {
        progress.conflicts++;
        this.changes.finish(c, 'conflict', {
          code: 'version_mismatch',
          message: `${outcome.message}. Nothing was overwritten: compare the versions, then discard this change or stage a new one.`,
          requestId: outcome.requestId,
          current: flat(outcome.current),
        });
      } else if (outcome.code === 'malformed') {
        progress.failed++;
        this.changes.finish(c, 'failed', {
          code: outcome.code,
          message: outcome.message,
          requestId: outcome.requestId,
        });
      } else {
        progress.rejected++;
        this.changes.finish(c, 'rejected', {
          code: outcome.code,
          message: `The platform refused: ${outcome.message}`,
          requestId: outcome.requestId,
        });
      }
    };
    const worker = async () => {
      for (;;) {
        if (signal.aborted || fatal) return;
        const wait = pauseUntil - Date.now();
        if (wait > 0) {
          await sleep(wait, signal).catch(() => undefined);
          continue;
        }
        const next = queue.shift();
        if (!next) return;
        await pushOne(next);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, Math.max(1, queue.length)) }, worker),
    );
    progress.remaining = this.changes.countApproved();
    progress.finishedAt = new Date().toISOString();
    progress.state = signal.aborted
      ? 'cancelled'
      : fatal || progress.remaining > 0
        ? 'failed'
        : 'completed';
    if (fatal) progress.error = fatal;
    else if (progress.state === 'failed')
      progress.error = `${progress.remaining} change(s) could not be sent and stay approved for the next push. Last reason: ${progress.error ?? 'unknown'}`;
    else if (progress.state !== 'cancelled') progress.error = null;
    this.db
      .prepare('UPDATE push_runs SET status = ?, finished_at = ?, message = ? WHERE id = ?')
      .run(progress.state, progress.finishedAt, progress.error, progress.runId);
    this.audit.append({
      changeId: null,
      action: `push-${progress.state}`,
      summary: `Push ended: ${progress.applied} applied, ${progress.rejected} rejected, ${progress.conflicts} conflicts, ${progress.failed} failed, ${progress.remaining} left in the outbox`,
      result: progress.error,
    });
    this.logger.info(
      `push ${progress.runId} ${progress.state}: ${progress.applied} applied, ${progress.remaining} left`,
    );
    if (progress.applied + progress.rejected + progress.conflicts > 0 && this.options.afterRun)
      await this.options
        .afterRun([...new Set(outbox.map((c) => c.connectionId))])
        .catch((error: unknown) =>
          this.logger.warn(`refreshing the license after the push failed: ${String(error)}`),
        );
    return { ...progress };
  }
}
