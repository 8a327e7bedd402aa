import { z } from 'zod';
import { WEAKER_MATCH_PREFIX } from '../../../shared/domain/change';
import crypto from 'node:crypto';
import type { Change, ChangeFields, ChangeList, ChangeStatus } from '../../../shared/domain/change';
import {
  CHANGE_KIND_LABEL,
  changeKinds,
  changeStatuses,
  payloadOf,
} from '../../../shared/domain/change';
import { AppError } from '../../../shared/ipc/errors';
import type { Db } from '../db/open-database';
import type { AuditLog } from './audit-log';
import type { ChangeJournal } from '../db/change-journal';
import { OpenChanges } from './open-changes';
import { changeOf, describeChange } from './change-rows';
import type { ChangeRow, NewChange, OutboxChange } from './change-rows';

export type { NewChange, OutboxChange } from './change-rows';
export { describeChange } from './change-rows';

/**
 * Staged changes in SQLite (they survive restarts and work offline), their approval (which fixes
 * each change's idempotency key once), and their results. Every step is written to the audit log
 * in the same transaction as the change itself.
 */
export class ChangeStore {
  /** Questions about the open changes (see open-changes.ts). */
  readonly open: OpenChanges;
  /**
   * Open invitations, counted once and then kept up to date by this store (the one writer of the
   * table, one process per data folder): staging asks per invitation, and counting 60,000 waiting
   * rows each time made staging slower the longer the queue.
   */
  private invitesOpen: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    /** Every write journaled beside the database (see change-journal.ts). */
    readonly journal: ChangeJournal,
  ) {
    this.open = new OpenChanges(db);
  }

  /**
   * Why changes cannot be written now, or null: set while a bulk add stages on its own connection,
   * so a write from the window is refused at once instead of waiting for the database's lock.
   */
  refuseWritesWhile: (() => string | null) | null = null;

  private writable(): void {
    const busy = this.refuseWritesWhile?.();
    if (busy) throw new AppError('VALIDATION', busy);
  }

  stage(input: NewChange): Change {
    this.writable();
    // The kind and its payload are checked here, where they are declared (the table has no CHECK
    // list of kinds since migration 013): nothing of an unknown kind or shape is stored.
    if (!z.enum(changeKinds).safeParse(input.kind).success)
      throw new AppError(
        'VALIDATION',
        `No kind of change is called ${String(input.kind).slice(0, 40)}`,
      );
    try {
      payloadOf(input);
    } catch (error) {
      throw new AppError('VALIDATION', error instanceof Error ? error.message : String(error));
    }
    const open = this.db
      .prepare("SELECT id FROM changes WHERE dedupe_key = ? AND status IN ('staged', 'approved')")
      .get(input.dedupeKey);
    if (open)
      throw new AppError(
        'VALIDATION',
        `${CHANGE_KIND_LABEL[input.kind]} for ${input.subject} is already staged; approve or discard that one`,
      );
    const id = crypto.randomUUID();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO changes (id, connection_id, kind, target_id, subject, dedupe_key, before, after, base_version,
             evidence, origin, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'staged', ?)`,
        )
        .run(
          id,
          input.connectionId,
          input.kind,
          input.targetId,
          input.subject,
          input.dedupeKey,
          input.before ? JSON.stringify(input.before) : null,
          JSON.stringify(input.after),
          input.baseVersion,
          JSON.stringify(input.evidence),
          input.origin,
          new Date().toISOString(),
        );
      this.audit.append({ changeId: id, action: 'staged', summary: describeChange(input) });
    })();
    this.touched([id]);
    if (input.kind === 'invite' && this.invitesOpen !== null) this.invitesOpen++;
    return this.get(id);
  }

  get(id: string): Change {
    const row = this.db.prepare('SELECT * FROM changes WHERE id = ?').get(id) as
      ChangeRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', `No change ${id}`);
    return changeOf(row);
  }

  /** The counts per status and the weaker matches open: the nav badge and the Changes screen's tabs. */
  summary(): Pick<ChangeList, 'counts' | 'weakerMatches'> {
    const counts: Record<string, number> = Object.fromEntries(changeStatuses.map((s) => [s, 0]));
    for (const r of this.db
      .prepare('SELECT status, count(*) AS n FROM changes GROUP BY status')
      .all() as { status: string; n: number }[])
      counts[r.status] = r.n;
    const weakerMatches = (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM changes WHERE status IN ('staged', 'approved')
           AND kind IN ('merge', 'change-email') AND instr(evidence, ?) > 0`,
        )
        .get(WEAKER_MATCH_PREFIX) as { n: number }
    ).n;
    return { counts, weakerMatches };
  }

  list(q: { status?: ChangeStatus | undefined; offset: number; limit: number }): ChangeList {
    const { counts, weakerMatches } = this.summary();
    const rows = (
      q.status
        ? this.db
            .prepare('SELECT * FROM changes WHERE status = ? ORDER BY seq DESC LIMIT ? OFFSET ?')
            .all(q.status, q.limit, q.offset)
        : this.db
            .prepare(
              "SELECT * FROM changes WHERE status != 'discarded' ORDER BY seq DESC LIMIT ? OFFSET ?",
            )
            .all(q.limit, q.offset)
    ) as ChangeRow[];
    const total = q.status
      ? (counts[q.status] ?? 0)
      : Object.entries(counts).reduce((n, [s, c]) => (s === 'discarded' ? n : n + c), 0);
    return { total, counts, weakerMatches, rows: rows.map(changeOf) };
  }

  /** Approves staged changes (all of them when no ids): each gets its idempotency key now, once. */
  /**
   * Approves the named changes, or with 'all' every staged change except those the admin took
   * approval back from (un-approved on purpose: they keep their key); those are approved by name.
   */
  approve(ids: string[] | 'all'): number {
    const chosen =
      ids === 'all'
        ? (this.db
            .prepare(
              "SELECT id FROM changes WHERE status = 'staged' AND idempotency_key IS NULL ORDER BY seq",
            )
            .pluck()
            .all() as string[])
        : ids;
    return this.transition(chosen, ['staged'], (row) => {
      const key = row.idempotency_key ?? `rd-${crypto.randomUUID()}`;
      this.db
        .prepare(
          "UPDATE changes SET status = 'approved', approved_at = ?, idempotency_key = ? WHERE seq = ?",
        )
        .run(new Date().toISOString(), key, row.seq);
      this.audit.append({
        changeId: row.id,
        action: 'approved',
        summary: describeChange(changeOf(row)),
        result: `idempotency key ${key}`,
      });
    });
  }

  /** Takes approval back from changes never sent: they are staged again (their key is kept for the next approval). */
  unapprove(ids: string[]): number {
    return this.transition(ids, ['approved'], (row) => {
      if (row.attempts > 0)
        throw new AppError(
          'VALIDATION',
          `${describeChange(changeOf(row))} was already sent once; push it to learn its result`,
        );
      this.db
        .prepare("UPDATE changes SET status = 'staged', approved_at = NULL WHERE seq = ?")
        .run(row.seq);
      this.audit.append({
        changeId: row.id,
        action: 'unapproved',
        summary: describeChange(changeOf(row)),
      });
    });
  }

  /** Discards staged or approved changes that have not been sent, and finished ones that failed or conflicted. */
  discard(ids: string[]): number {
    return this.transition(ids, ['staged', 'approved', 'conflict', 'failed', 'rejected'], (row) => {
      if (row.status === 'approved' && row.attempts > 0)
        throw new AppError(
          'VALIDATION',
          `${describeChange(changeOf(row))} was already sent once; push it to learn its result before discarding`,
        );
      this.db
        .prepare("UPDATE changes SET status = 'discarded', finished_at = ? WHERE seq = ?")
        .run(new Date().toISOString(), row.seq);
      this.audit.append({
        changeId: row.id,
        action: 'discarded',
        summary: describeChange(changeOf(row)),
      });
    });
  }

  /** Puts failed changes back in the outbox with the same idempotency key. */
  retry(ids: string[]): number {
    return this.transition(ids, ['failed'], (row) => {
      this.db
        .prepare("UPDATE changes SET status = 'approved', finished_at = NULL WHERE seq = ?")
        .run(row.seq);
      this.audit.append({
        changeId: row.id,
        action: 'retry',
        summary: describeChange(changeOf(row)),
      });
    });
  }

  private transition(
    ids: string[] | 'all',
    from: ChangeStatus[],
    apply: (row: ChangeRow) => void,
  ): number {
    this.writable();
    const marks = from.map(() => '?').join(', ');
    this.invitesOpen = null;
    const rows = this.db.transaction(() => {
      const byId = this.db.prepare(`SELECT * FROM changes WHERE id = ? AND status IN (${marks})`);
      const chosen =
        ids === 'all'
          ? (this.db
              .prepare(`SELECT * FROM changes WHERE status IN (${marks}) ORDER BY seq`)
              .all(...from) as ChangeRow[])
          : ids.flatMap((id) => byId.all(id, ...from) as ChangeRow[]);
      for (const row of chosen) apply(row);
      return chosen;
    })();
    this.touched(rows.map((r) => r.id));
    return rows.length;
  }

  /** The outbox: approved changes, oldest first. */
  outbox(): OutboxChange[] {
    return (
      this.db
        .prepare("SELECT * FROM changes WHERE status = 'approved' ORDER BY seq")
        .all() as ChangeRow[]
    ).map((r) => ({
      ...changeOf(r),
      connectionId: r.connection_id,
      idempotencyKey: r.idempotency_key ?? '',
    }));
  }

  /** How many invitations are staged or approved: counted, not loaded (staging asks per invite). */
  countOpenInvites(): number {
    this.invitesOpen ??= this.db
      .prepare(
        "SELECT count(*) FROM changes WHERE kind = 'invite' AND status IN ('staged', 'approved')",
      )
      .pluck()
      .get() as number;
    return this.invitesOpen;
  }

  countApproved(): number {
    return (
      this.db.prepare("SELECT count(*) AS n FROM changes WHERE status = 'approved'").get() as {
        n: number;
      }
    ).n;
  }

  markSent(change: OutboxChange, attempt: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE changes SET attempts = attempts + 1 WHERE id = ?').run(change.id);
      this.audit.append({
        changeId: change.id,
        action: 'sent',
        summary: describeChange(change),
        result: `attempt ${attempt}, idempotency key ${change.idempotencyKey}`,
      });
    })();
    this.touched([change.id]);
  }

  finish(
    change: OutboxChange,
    status: 'applied' | 'rejected' | 'conflict' | 'failed',
    result: {
      code: string | null;
      message: string;
      requestId: string | null;
      current?: ChangeFields | null;
    },
  ): void {
    if (change.kind === 'invite') this.invitesOpen = null;
    this.db.transaction(() => {
      // Another pusher (the CLI beside the app) may have recorded it first: one result, one entry.
      const updated = this.db
        .prepare(
          `UPDATE changes SET status = ?, finished_at = ?, result_code = ?, result_message = ?, platform_request_id = ?,
             current = ? WHERE id = ? AND status = 'approved'`,
        )
        .run(
          status,
          new Date().toISOString(),
          result.code,
          result.message,
          result.requestId,
          result.current ? JSON.stringify(result.current) : null,
          change.id,
        ).changes;
      if (updated === 0) return;
      this.audit.append({
        changeId: change.id,
        action: status,
        summary: describeChange(change),
        result: result.message,
        platformRequestId: result.requestId,
      });
    })();
    this.touched([change.id]);
  }

  /** Kinds of open (staged or approved) changes per license entry, for the License screen's badges. */
  /** Runs `work` in one transaction: all of it is stored, or (an error, a kill) none of it. */
  /** Another connection staged changes (a bulk add's thread): counts are read again. */
  forgetCounts(): void {
    this.invitesOpen = null;
    this.writes++;
    this.onChanged?.();
  }

  /** Told after every write to the change set (the events' changes.count is sent from it). */
  onChanged: (() => void) | null = null;

  private touched(ids: string[]): void {
    this.journal.touched(ids);
    this.writes++;
    this.onChanged?.();
  }

  private writes = 0;
  /** Bumped on every write to the change set (and when another connection wrote to it). */
  get version(): number {
    return this.writes;
  }

  inTransaction<T>(work: () => T): T {
    try {
      const result = this.db.transaction(work)();
      this.journal.flush();
      return result;
    } catch (error) {
      this.invitesOpen = null; // counted again after a rollback
      this.journal.rolledBack();
      throw error;
    }
  }
}
