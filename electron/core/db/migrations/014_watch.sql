-- 014: watching the roster between visits. Each connection's schedule (and hold thresholds), the
-- syncs held for review instead of becoming current, and the history of every sync's counts,
-- kept after its snapshot is pruned.
CREATE TABLE sync_schedules (
  connection_id TEXT PRIMARY KEY,
  schedule      TEXT NOT NULL -- JSON, read through syncScheduleSchema (shared/domain/watch.ts)
) STRICT;

CREATE TABLE held_syncs (
  snapshot_id   INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL,
  held_at       TEXT NOT NULL,
  review        TEXT NOT NULL -- JSON: what would disappear and change, and why it is held
) STRICT;

-- One row per sync, by its own sequence: a snapshot id is used again once its snapshot was
-- deleted (a rejected held sync), and the history keeps both.
CREATE TABLE sync_history (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  snapshot_id   INTEGER NOT NULL,
  connection_id TEXT NOT NULL,
  finished_at   TEXT NOT NULL,
  outcome       TEXT NOT NULL,
  counts        TEXT,                        -- JSON: the roster's counts (null: the sync failed)
  per_school    TEXT NOT NULL DEFAULT '[]',  -- JSON: counts per school
  findings      TEXT NOT NULL DEFAULT '{}',  -- JSON: findings per code, once diagnostics ran
  warnings      INTEGER NOT NULL DEFAULT 0,
  error         TEXT
) STRICT;
CREATE INDEX sync_history_by_connection ON sync_history (connection_id, seq);
CREATE INDEX sync_history_by_snapshot ON sync_history (snapshot_id, seq);
