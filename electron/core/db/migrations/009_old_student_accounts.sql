-- 009: old manual student accounts (seed 004). A platform account may have no name (a student
-- account made by hand), and carries its account number, the teacher who made it, a class label,
-- its last activity and how much work it holds. The license pull keeps the student seats, a seat
-- history feeds the seats chart, and a change may remove an unclaimed old account.
CREATE TABLE platform_accounts_009 (
  import_id        INTEGER NOT NULL REFERENCES license_imports (id) ON DELETE CASCADE,
  id               TEXT NOT NULL,
  role             TEXT NOT NULL,
  email            TEXT,
  given_name       TEXT,
  family_name      TEXT,
  provenance       TEXT NOT NULL,
  roster_id        TEXT,
  school_name      TEXT,
  username         TEXT,
  merged_into      TEXT,
  version          INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  account_number   TEXT,
  created_by_name  TEXT,
  created_by_email TEXT,
  class_label      TEXT,
  last_active_at   TEXT,
  work_records     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (import_id, id)
) STRICT, WITHOUT ROWID;
INSERT INTO platform_accounts_009 (import_id, id, role, email, given_name, family_name, provenance,
  roster_id, school_name, username, merged_into, version, created_at)
  SELECT import_id, id, role, email, given_name, family_name, provenance, roster_id, school_name,
    username, merged_into, version, created_at FROM platform_accounts;
DROP TABLE platform_accounts;
ALTER TABLE platform_accounts_009 RENAME TO platform_accounts;

ALTER TABLE license_imports ADD COLUMN student_seats_used INTEGER;

CREATE TABLE seat_history (
  seq                   INTEGER PRIMARY KEY,
  at                    TEXT NOT NULL,
  connection_id         TEXT NOT NULL,
  seats                 INTEGER NOT NULL,
  teacher_seats_used    INTEGER NOT NULL,
  student_seats_used    INTEGER NOT NULL,
  rostered_students     INTEGER NOT NULL,
  old_student_accounts  INTEGER NOT NULL,
  merged_student_accounts INTEGER NOT NULL
) STRICT;

CREATE TABLE changes_009 (
  seq                 INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  connection_id       TEXT NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('invite', 'remove', 'change-email', 'resend', 'register-application-id', 'merge', 'remove-account')),
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
INSERT INTO changes_009 SELECT * FROM changes;
DROP TABLE changes;
ALTER TABLE changes_009 RENAME TO changes;
CREATE INDEX changes_by_status ON changes (status, seq);
CREATE UNIQUE INDEX changes_open_once ON changes (dedupe_key) WHERE status IN ('staged', 'approved');
