-- 013: the kind of a change is checked where it is declared (CHANGE_KINDS and its zod schema in
-- shared/domain/change.ts), not by a CHECK list here: a new kind no longer rebuilds this table.
-- The copy names every column (009's positional `SELECT *` would misplace values the day a column
-- moved); migration-data.test.ts checks that every row and value comes across.
CREATE TABLE changes_013 (
  seq                 INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  connection_id       TEXT NOT NULL,
  kind                TEXT NOT NULL,
  target_id           TEXT,
  subject             TEXT NOT NULL,
  dedupe_key          TEXT NOT NULL,
  before              TEXT,
  after               TEXT NOT NULL,
  base_version        INTEGER,
  evidence            TEXT NOT NULL DEFAULT '[]',
  origin              TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('staged', 'approved', 'applied', 'rejected', 'conflict', 'failed', 'discarded')),
  idempotency_key     TEXT UNIQUE,
  attempts            INTEGER NOT NULL DEFAULT 0,
  created_at          TEXT NOT NULL,
  approved_at         TEXT,
  finished_at         TEXT,
  result_code         TEXT,
  result_message      TEXT,
  platform_request_id TEXT,
  current             TEXT
) STRICT;
INSERT INTO changes_013 (seq, id, connection_id, kind, target_id, subject, dedupe_key, before,
  after, base_version, evidence, origin, status, idempotency_key, attempts, created_at,
  approved_at, finished_at, result_code, result_message, platform_request_id, current)
  SELECT seq, id, connection_id, kind, target_id, subject, dedupe_key, before, after, base_version,
    evidence, origin, status, idempotency_key, attempts, created_at, approved_at, finished_at,
    result_code, result_message, platform_request_id, current FROM changes;
DROP TABLE changes;
ALTER TABLE changes_013 RENAME TO changes;
CREATE INDEX changes_by_status ON changes (status, seq);
CREATE UNIQUE INDEX changes_open_once ON changes (dedupe_key) WHERE status IN ('staged', 'approved');
CREATE INDEX changes_open_by_target ON changes (target_id) WHERE status IN ('staged', 'approved');
CREATE INDEX changes_open_new_email ON changes (lower(json_extract(after, '$.email')))
  WHERE status IN ('staged', 'approved') AND kind IN ('invite', 'change-email');
