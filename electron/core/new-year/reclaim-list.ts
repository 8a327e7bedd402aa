import type { ReclaimItem, ReclaimList } from '../../../shared/domain/new-year';
import type { LicenseRow } from '../../../shared/domain/license';
import type { PlatformAccount } from '../../../shared/platform/platform-wire';

const DAY_MS = 86_400_000;
const day = (iso: string) => iso.slice(0, 10);
const daysBetween = (from: string, to: Date) =>
  Math.floor((to.getTime() - new Date(from).getTime()) / DAY_MS);

export interface ReclaimInput {
  now: Date;
  /** No activity for this many days (or an invitation pending this long) lists a seat. */
  days: number;
  /** Days after a reminder, or past `days`, before Remove is offered. */
  graceDays: number;
  seats: number | null;
  /** The license as last pulled from the platform (entries without a platform id are skipped). */
  rows: LicenseRow[];
  accounts: Map<string, Pick<PlatformAccount, 'lastActiveAt'>>;
  /** Today's roster: classes and school by lower-case email. */
  roster: Map<string, { classes: number; schoolName: string | null }>;
  /** When each teacher was last reminded or re-invited (applied), by platform id. */
  reminded: Map<string, string>;
  /** Accounts another problem already covers (a duplicate to merge): not listed here. */
  elsewhere: Set<string>;
}

/**
 * Seats held by people who do not use them: licensed teachers with no activity on the platform for
 * `days` (never counts as idle), and invitations pending longer than that. Each is offered a
 * reminder (or the invitation again) first; removing them, freeing the seat, only after the grace
 * period: `graceDays` after a reminder was pushed, or once idle for `days + graceDays`. Nothing is
 * staged here: the items carry the requests.
 */
export function reclaimList(input: ReclaimInput): ReclaimList {
  const items: ReclaimItem[] = [];
  for (const row of input.rows) {
    if (!row.platformId) continue;
    if (row.accountId && input.elsewhere.has(row.accountId)) continue;
    const roster = input.roster.get(row.email.trim().toLowerCase()) ?? null;
    const name = `${row.givenName ?? ''} ${row.familyName ?? ''}`.trim() || row.email;
    let idleDays: number | null;
    let lastActiveAt: string | null = null;
    if (row.status === 'invited') {
      if (!row.invitedAt) continue;
      idleDays = daysBetween(row.invitedAt, input.now);
      if (idleDays < input.days) continue;
    } else {
      const account = row.accountId ? input.accounts.get(row.accountId) : undefined;
      // A seat whose account the platform did not send is not judged: nothing says it is unused.
      if (!account) continue;
      lastActiveAt = account.lastActiveAt;
      idleDays = lastActiveAt === null ? null : daysBetween(lastActiveAt, input.now);
      if (idleDays !== null && idleDays < input.days) continue;
    }
    const reminded = input.reminded.get(row.platformId) ?? null;
    const graceEnds = reminded
      ? new Date(new Date(reminded).getTime() + input.graceDays * DAY_MS)
      : null;
    const longIdle = idleDays === null || idleDays >= input.days + input.graceDays;
    const canRemove = longIdle || (graceEnds !== null && graceEnds <= input.now);
    const evidence = [
      row.status === 'invited'
        ? `Invited ${day(row.invitedAt ?? '')}, not accepted in ${idleDays ?? 0} days`
        : lastActiveAt
          ? `Last active on the platform ${day(lastActiveAt)} (${idleDays ?? 0} days ago)`
          : 'Never active on the platform since accepting the invitation',
      roster
        ? `Teaches ${roster.classes} class${roster.classes === 1 ? '' : 'es'} in today's roster${roster.schoolName ? ` (${roster.schoolName})` : ''}`
        : "Not in today's roster",
      ...(reminded ? [`Reminded ${day(reminded)}`] : []),
    ];
    items.push({
      teacherId: row.platformId,
      email: row.email,
      name,
      status: row.status,
      lastActiveAt,
      invitedAt: row.invitedAt,
      idleDays,
      classes: roster?.classes ?? 0,
      schoolName: roster?.schoolName ?? null,
      first:
        row.status === 'invited'
          ? { kind: 'resend', teacherId: row.platformId, evidence }
          : { kind: 'remind', teacherId: row.platformId, evidence },
      remove: canRemove ? { kind: 'remove', teacherId: row.platformId, evidence } : null,
      removeFrom: canRemove
        ? null
        : graceEnds
          ? day(graceEnds.toISOString())
          : `${input.graceDays} days after a reminder`,
      evidence,
      pending: row.pending[0] ?? null,
    });
  }
  // Longest unused first; never-active before everyone.
  items.sort(
    (a, b) => (b.idleDays ?? Infinity) - (a.idleDays ?? Infinity) || a.email.localeCompare(b.email),
  );
  return {
    days: input.days,
    graceDays: input.graceDays,
    asOf: input.now.toISOString(),
    seats: input.seats,
    seatsUsed: input.rows.length,
    items,
  };
}
