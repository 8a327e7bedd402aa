import type { ChangeKind } from '../../../shared/domain/change';
import type { Db } from '../db/open-database';

/**
 * Questions about the open changes (staged or approved) and recent results that staging, Start
 * here and the user report ask for each finding or each new change: each one index probe.
 */
export class OpenChanges {
  constructor(private readonly db: Db) {}

  /** Open changes (staged or approved) on any of these teachers or accounts. */
  openOnTargets(targetIds: readonly string[]): { kind: ChangeKind; subject: string }[] {
    const ids = [...new Set(targetIds)].filter(Boolean);
    if (ids.length === 0) return [];
    return this.db
      .prepare(
        `SELECT kind, subject FROM changes INDEXED BY changes_open_by_target
          WHERE target_id IN (${ids.map(() => '?').join(', ')}) AND status IN ('staged', 'approved')`,
      )
      .all(...ids) as { kind: ChangeKind; subject: string }[];
  }

  /** An open invitation or email change that already gives this address, if any. */
  openGivingEmail(
    email: string,
  ): { kind: ChangeKind; subject: string; targetId: string | null } | null {
    return (
      (this.db
        .prepare(
          `SELECT kind, subject, target_id AS targetId FROM changes INDEXED BY changes_open_new_email
            WHERE lower(json_extract(after, '$.email')) = ? AND status IN ('staged', 'approved')
              AND kind IN ('invite', 'change-email') LIMIT 1`,
        )
        .get(email.trim().toLowerCase()) as
        { kind: ChangeKind; subject: string; targetId: string | null } | undefined) ?? null
    );
  }

  /** The dedupe keys of changes not yet done (staged, approved, or failed and waiting for Retry). */
  openDedupeKeys(): Set<string> {
    const rows = this.db
      .prepare("SELECT dedupe_key FROM changes WHERE status IN ('staged', 'approved', 'failed')")
      .pluck()
      .all() as string[];
    return new Set(rows);
  }

  /** Teachers (platform id) whose invitation was resent and applied since `sinceIso`, with when. */
  resentSince(sinceIso: string): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT target_id, MAX(finished_at) AS at FROM changes
          WHERE kind = 'resend' AND status = 'applied' AND finished_at >= ? AND target_id IS NOT NULL
          GROUP BY target_id`,
      )
      .all(sinceIso) as { target_id: string; at: string }[];
    return new Map(rows.map((r) => [r.target_id, r.at]));
  }

  /** When each teacher's invitation was last resent (applied), by platform id. */
  lastResend(platformId: string): string | null {
    const row = this.db
      .prepare(
        "SELECT MAX(finished_at) AS at FROM changes WHERE kind = 'resend' AND status = 'applied' AND target_id = ?",
      )
      .get(platformId) as { at: string | null } | undefined;
    return row?.at ?? null;
  }

  /** Addresses an invitation is open (staged, approved) or was sent (applied) for, lower-case. */
  invitedEmails(): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT lower(trim(json_extract(after, '$.email'))) FROM changes
          WHERE kind = 'invite' AND status IN ('staged', 'approved', 'applied')`,
      )
      .pluck()
      .all() as string[];
    return new Set(rows);
  }

  /** Addresses whose last invitation the platform refused (and none is open or sent since). */
  refusedInvites(): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT lower(trim(json_extract(after, '$.email'))) FROM changes
          WHERE kind = 'invite' AND status = 'rejected'`,
      )
      .pluck()
      .all() as string[];
    const invited = this.invitedEmails();
    return new Set(rows.filter((e) => !invited.has(e)));
  }

  /** When each teacher was last reminded or sent their invitation again (applied), by platform id. */
  lastReminded(): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT target_id, MAX(finished_at) AS at FROM changes
          WHERE kind IN ('resend', 'remind') AND status = 'applied' AND target_id IS NOT NULL
          GROUP BY target_id`,
      )
      .all() as { target_id: string; at: string }[];
    return new Map(rows.map((r) => [r.target_id, r.at]));
  }

  pendingIndex(): (platformId: string | null, email: string) => string[] {
    const rows = this.db
      .prepare(
        "SELECT kind, target_id, subject FROM changes WHERE status IN ('staged', 'approved')",
      )
      .all() as { kind: string; target_id: string | null; subject: string }[];
    const byKey = new Map<string, string[]>();
    for (const r of rows) {
      const key = r.target_id ?? r.subject.toLowerCase();
      byKey.set(key, [...(byKey.get(key) ?? []), r.kind]);
    }
    return (platformId, email) => [
      ...(platformId ? (byKey.get(platformId) ?? []) : []),
      ...(byKey.get(email.toLowerCase()) ?? []),
    ];
  }

  /** Emails with an invitation staged or approved, lower-cased. */
  openInvites(): Set<string> {
    const rows = this.db
      .prepare(
        "SELECT lower(subject) AS email FROM changes WHERE kind = 'invite' AND status IN ('staged', 'approved')",
      )
      .pluck()
      .all() as string[];
    return new Set(rows);
  }

  /** Accounts with a merge or a removal staged or approved: the seats those changes will free. */
  openAccountChanges(): { kind: 'merge' | 'remove-account'; accountId: string }[] {
    return (
      this.db
        .prepare(
          "SELECT kind, target_id FROM changes WHERE kind IN ('merge', 'remove-account') AND status IN ('staged', 'approved') AND target_id IS NOT NULL",
        )
        .all() as { kind: 'merge' | 'remove-account'; target_id: string }[]
    ).map((r) => ({ kind: r.kind, accountId: r.target_id }));
  }
}
