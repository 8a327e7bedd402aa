import type { Db } from '../db/open-database';
import type { RosterResource } from '../../../shared/domain/roster';
import { hasSnapshotFile } from './snapshot-files';
import { TABLE_OF } from './snapshot-rows';
import { SnapshotWriter } from './snapshot-writer';

/** Each resource's table in a snapshot file, and the cache table it lived in before: `roster_<table>`. */
const LEGACY = (Object.entries(TABLE_OF) as [RosterResource, string][]).map(
  ([resource, table]) => [resource, `roster_${table}`, table] as const,
);

/**
 * Caches written before snapshots had their own files keep every snapshot's rows in `roster_*`
 * tables of the cache. Once, on open: each complete snapshot is copied into its file (same columns,
 * minus snapshot_id), then the old tables are dropped. Returns the snapshots moved.
 */
export function moveLegacySnapshots(db: Db): number {
  const legacy = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'roster_users'")
    .get();
  if (!legacy) return 0;
  const ids = db
    .prepare("SELECT id FROM snapshots WHERE status = 'complete' ORDER BY id")
    .pluck()
    .all() as number[];
  let moved = 0;
  for (const id of ids) {
    if (hasSnapshotFile(db, id)) continue;
    const writer = new SnapshotWriter(db, id);
    try {
      writer.bulk((out) => {
        out.prepare('ATTACH DATABASE ? AS legacy').run(db.name);
        try {
          const counts: Record<string, number> = {};
          for (const [resource, from, to] of LEGACY) {
            const columns = out.pragma(`main.table_info(${to})`) as {
              name: string;
              notnull: number;
            }[];
            const old = new Set(
              (out.pragma(`legacy.table_info(${from})`) as { name: string }[]).map((c) => c.name),
            );
            // Columns added since (a 1.2 user's roles): empty in a moved snapshot.
            const select = columns.map((c) =>
              old.has(c.name) ? c.name : c.notnull ? `'[]' AS ${c.name}` : `NULL AS ${c.name}`,
            );
            counts[resource] = out
              .prepare(
                `INSERT INTO main.${to} SELECT ${select.join(', ')} FROM legacy.${from} WHERE snapshot_id = ? ORDER BY sourced_id`,
              )
              .run(id).changes;
          }
          return counts;
        } finally {
          out.exec('DETACH DATABASE legacy');
        }
      });
      writer.finish();
      moved++;
    } catch (error) {
      writer.discard();
      throw error;
    }
  }
  db.transaction(() => {
    for (const [, table] of LEGACY) db.exec(`DROP TABLE IF EXISTS ${table}`);
  })();
  return moved;
}
