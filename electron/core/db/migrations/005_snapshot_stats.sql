-- 005: counts of a complete snapshot, computed once when it completes, so the dashboard never
-- counts a million rows to paint.
CREATE TABLE snapshot_stats (
  snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots (id) ON DELETE CASCADE,
  stats       TEXT NOT NULL -- JSON: SnapshotStats
) STRICT;
