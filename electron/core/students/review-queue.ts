import { reviewCandidateSchema } from '../../../shared/domain/old-students';
import type { ReviewCandidate, ReviewQueue, ReviewRow } from '../../../shared/domain/old-students';
import { AppError } from '../../../shared/ipc/errors';
import type { Db } from '../db/open-database';

/** What an import puts in the queue for one old account. */
export type QueuedRow = Omit<ReviewRow, 'id' | 'createdAt'>;

interface Row {
  id: number;
  account_id: string;
  old_username: string;
  file_name: string;
  line: number;
  typed_name: string;
  teacher: string | null;
  reason: string;
  candidates: string;
  created_at: string;
}

const candidatesOf = (json: string): ReviewCandidate[] =>
  reviewCandidateSchema.array().parse(JSON.parse(json));

/**
 * The worksheet rows a person must decide, in the cache: they survive leaving the screen and a
 * restart until the admin picks a candidate (staged as a merge like any other) or leaves the row.
 * One open row per old account: a later worksheet replaces it, a merge staged for it resolves it.
 */
export class ReviewQueueStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Puts rows in the queue, each replacing the open row of the same account. */
  put(rows: QueuedRow[]): void {
    const close = this.db.prepare(
      "UPDATE worksheet_review SET status = 'dismissed', resolved_at = ? WHERE account_id = ? AND status = 'open'",
    );
    const insert = this.db.prepare(
      `INSERT INTO worksheet_review (account_id, old_username, file_name, line, typed_name, teacher, reason, candidates, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const r of rows) {
        close.run(at, r.accountId);
        insert.run(
          r.accountId,
          r.oldUsername,
          r.fileName,
          r.line,
          r.typedName,
          r.teacher,
          r.reason,
          JSON.stringify(r.candidates),
          at,
        );
      }
    })();
  }

  /** Marks the open row of these accounts resolved (a merge was staged for them another way). */
  resolveAccounts(accountIds: string[], changeId: string | null = null): void {
    const resolve = this.db.prepare(
      "UPDATE worksheet_review SET status = 'resolved', change_id = ?, resolved_at = ? WHERE account_id = ? AND status = 'open'",
    );
    const at = this.now().toISOString();
    this.db.transaction(() => {
      for (const id of accountIds) resolve.run(changeId, at, id);
    })();
  }

  list(limit = 500): ReviewQueue {
    const total = (
      this.db.prepare("SELECT count(*) AS n FROM worksheet_review WHERE status = 'open'").get() as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare(
        "SELECT * FROM worksheet_review WHERE status = 'open' ORDER BY file_name, line, id LIMIT ?",
      )
      .all(limit) as Row[];
    return { total, rows: rows.map(toView) };
  }

  get(id: number): ReviewRow {
    const row = this.db
      .prepare("SELECT * FROM worksheet_review WHERE id = ? AND status = 'open'")
      .get(id) as Row | undefined;
    if (!row)
      throw new AppError('NOT_FOUND', `Review row ${id} is not open (already resolved or left)`);
    return toView(row);
  }

  dismiss(id: number): void {
    this.get(id);
    this.db
      .prepare(
        "UPDATE worksheet_review SET status = 'dismissed', resolved_at = ? WHERE id = ? AND status = 'open'",
      )
      .run(this.now().toISOString(), id);
  }
}

function toView(r: Row): ReviewRow {
  return {
    id: r.id,
    accountId: r.account_id,
    oldUsername: r.old_username,
    fileName: r.file_name,
    line: r.line,
    typedName: r.typed_name,
    teacher: r.teacher,
    reason: r.reason,
    candidates: candidatesOf(r.candidates),
    createdAt: r.created_at,
  };
}
