import type { SnapshotDiff } from '../../../shared/domain/diagnostics-views';
import type { Db } from '../db/open-database';
import { hasSnapshotFile, snapshotTables } from './snapshot-files';
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
  if (!hasSnapshotFile(db, previous.id)) return { previous: null, ...empty };
  const now = snapshotTables(db, snapshotId);
  const before = snapshotTables(db, previous.id);
  const t = { now, before };
  // Walked in sourced_id order (both files' unique index), so the lookups in the other file go in
  // order too: 0.47 s for a million users instead of 0.68 s.
  const missing = (table: 'users' | 'classes', from: 'now' | 'before', to: 'now' | 'before') =>
    `FROM ${t[from][table]} a INDEXED BY ${table}_id WHERE NOT EXISTS (SELECT 1 FROM ${t[to][table]} b WHERE b.sourced_id = a.sourced_id)`;
  const count = (sql: string) => db.prepare(`SELECT count(*) ${sql}`).pluck().get() as number;
  const sample = (sql: string, kind: SnapshotDiff['examples'][number]['kind'], detail: string) =>
    (
      db
        .prepare(`SELECT a.sourced_id AS id, ${detail} AS detail ${sql} LIMIT ${EXAMPLES}`)
        .all() as { id: string; detail: string }[]
    ).map((r) => ({ kind, id: r.id, detail: r.detail ?? '' }));
  // The new file's rows in their stored order (left alone, SQLite walks its email index, and each
  // step reads a row of the other file at random: 6.4 s for a million users instead of 1.0 s).
  const changed = `FROM ${now.users} a NOT INDEXED JOIN ${before.users} b ON b.sourced_id = a.sourced_id WHERE coalesce(a.email, '') <> coalesce(b.email, '')`;
  const person = "a.given_name || ' ' || a.family_name || ' (' || a.role || ')'";
  return {
    previous: { id: previous.id, finishedAt: previous.finishedAt },
    usersAdded: count(missing('users', 'now', 'before')),
    usersRemoved: count(missing('users', 'before', 'now')),
    emailsChanged: count(changed),
    classesAdded: count(missing('classes', 'now', 'before')),
    classesRemoved: count(missing('classes', 'before', 'now')),
    examples: [
      ...sample(missing('users', 'now', 'before'), 'user added', person),
      ...sample(missing('users', 'before', 'now'), 'user removed', person),
      ...sample(
        changed,
        'email changed',
        "coalesce(b.email, '(none)') || ' -> ' || coalesce(a.email, '(none)')",
      ),
      ...sample(missing('classes', 'now', 'before'), 'class added', 'a.title'),
      ...sample(missing('classes', 'before', 'now'), 'class removed', 'a.title'),
    ],
  };
}
