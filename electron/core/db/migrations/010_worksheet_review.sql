-- Worksheet rows someone must decide (students' old accounts): ambiguous names, a namesake who
-- left, fits only outside the teacher's classes, or no fit. Kept until resolved or dismissed.
CREATE TABLE worksheet_review (
  id          INTEGER PRIMARY KEY,
  account_id  TEXT NOT NULL,
  old_username TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  line        INTEGER NOT NULL,
  typed_name  TEXT NOT NULL,
  teacher     TEXT,
  reason      TEXT NOT NULL,
  candidates  TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  change_id   TEXT,
  created_at  TEXT NOT NULL,
  resolved_at TEXT
);
CREATE UNIQUE INDEX worksheet_review_open ON worksheet_review (account_id) WHERE status = 'open';
