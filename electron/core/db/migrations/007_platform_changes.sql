-- 007: the license pulled from the platform API (ids, versions, provenance, accounts), staged
-- change sets, the outbox's push runs, and an append-only audit log.
ALTER TABLE license_imports ADD COLUMN connection_id TEXT;
ALTER TABLE license_imports ADD COLUMN seats INTEGER;
ALTER TABLE license_imports ADD COLUMN seats_used INTEGER;
ALTER TABLE license_imports ADD COLUMN rostering TEXT; -- JSON: the license's rostering connections

ALTER TABLE license_entries ADD COLUMN platform_id TEXT;
ALTER TABLE license_entries ADD COLUMN version INTEGER;
ALTER TABLE license_entries ADD COLUMN source TEXT CHECK (source IN ('manual', 'clever', 'classlink'));
ALTER TABLE license_entries ADD COLUMN roster_id TEXT;
ALTER TABLE license_entries ADD COLUMN account_id TEXT;

CREATE TABLE platform_accounts (
  import_id    INTEGER NOT NULL REFERENCES license_imports (id) ON DELETE CASCADE,
  id           TEXT NOT NULL,
  role         TEXT NOT NULL,
  email        TEXT,
  given_name   TEXT NOT NULL,
  family_name  TEXT NOT NULL,
  provenance   TEXT NOT NULL,
  roster_id    TEXT,
  school_name  TEXT,
  username     TEXT,
  merged_into  TEXT,
  version      INTEGER NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (import_id, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE changes (
  seq                 INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  connection_id       TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('invite', 'remove', 'change-email', 'resend', 'register-application-id', 'merge')),
  target_id           TEXT,
  subject             TEXT NOT NULL,
  dedupe_key          TEXT NOT NULL,
  before              TEXT,          -- JSON: the record as staged against
  after               TEXT NOT NULL, -- JSON: what the change asks for
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
  current             TEXT           -- JSON: the platform's record when it conflicted
) STRICT;
CREATE INDEX changes_by_status ON changes (status, seq);
-- One open change per target and kind: staging the same fix twice is refused.
CREATE UNIQUE INDEX changes_open_once ON changes (dedupe_key) WHERE status IN ('staged', 'approved');

CREATE TABLE push_runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  status      TEXT NOT NULL CHECK (status IN ('running', 'completed', 'cancelled', 'failed', 'interrupted')),
  total       INTEGER NOT NULL,
  message     TEXT
) STRICT;

CREATE TABLE audit_log (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  at                  TEXT NOT NULL,
  change_id           TEXT,
  action              TEXT NOT NULL,
  summary             TEXT NOT NULL,
  result              TEXT,
  platform_request_id TEXT
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
