import type { SnapshotDiff } from '../../../shared/domain/diagnostics-views';
import type { Db } from '../db/open-database';
import type { SnapshotStore } from './snapshot-store';

const EXAMPLES = 20;

/** What changed since the previous complete sync of the same connection: users and classes added or removed, emails changed. */
export function snapshotDiff(db: Db, store: SnapshotStore, snapshotId: number): SnapshotDiff {
  const current = store.get(snapshotId);
  const previous = current
    ? store.list(current.connectionId).find((s) => s.status === 'complete' && s.id < snapshotId)
    : undefined;
  const empty = {
    usersAdded: 0,
    usersRemoved: 0,
    emailsChanged: 0,
    classesAdded: 0,
    classesRemoved: 0,
    examples: [],
  };
  if (!previous) return { previous: null, ...empty };
  const p = { now: snapshotId, before: previous.id };
  const missing = (table: string, from: string, to: string) =>
    `FROM ${table} a WHERE a.snapshot_id = @${from} AND NOT EXISTS (SELECT 1 FROM ${table} b WHERE b.snapshot_id = @${to} AND b.sourced_id = a.sourced_id)`;
  const count = (sql: string) => db.prepare(`SELECT count(*) ${sql}`).pluck().get(p) as number;
  const sample = (sql: string, kind: SnapshotDiff['examples'][number]['kind'], detail: string) =>
    (
      db
        .prepare(`SELECT a.sourced_id AS id, ${detail} AS detail ${sql} LIMIT ${EXAMPLES}`)
        .all(p) as { id: string; detail: string }[]
    ).map((r) => ({ kind, id: r.id, detail: r.detail ?? '' }));
  const changed = `FROM roster_users a JOIN roster_users b ON b.snapshot_id = @before AND b.sourced_id = a.sourced_id WHERE a.snapshot_id = @now AND coalesce(a.email, '') <> coalesce(b.email, '')`;
  const person = "a.given_name || ' ' || a.family_name || ' (' || a.role || ')'";
  return {
    previous: { id: previous.id, finishedAt: previous.finishedAt },
    usersAdded: count(missing('roster_users', 'now', 'before')),
    usersRemoved: count(missing('roster_users', 'before', 'now')),
    emailsChanged: count(changed),
    classesAdded: count(missing('roster_classes', 'now', 'before')),
    classesRemoved: count(missing('roster_classes', 'before', 'now')),
    examples: [
      ...sample(missing('roster_users', 'now', 'before'), 'user added', person),
      ...sample(missing('roster_users', 'before', 'now'), 'user removed', person),
      ...sample(
        changed,
        'email changed',
        "coalesce(b.email, '(none)') || ' -> ' || coalesce(a.email, '(none)')",
      ),
      ...sample(missing('roster_classes', 'now', 'before'), 'class added', 'a.title'),
      ...sample(missing('roster_classes', 'before', 'now'), 'class removed', 'a.title'),
    ],
  };
}
