-- 002: roster snapshots. A sync writes a new snapshot; it becomes current only when complete.
CREATE TABLE snapshots (
  id            INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL,
  source_kind   TEXT NOT NULL,
  source_label  TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled')),
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  error         TEXT,
  counts        TEXT NOT NULL DEFAULT '{}' -- JSON: records kept per resource
) STRICT;
CREATE INDEX snapshots_by_connection ON snapshots (connection_id, id);

CREATE TABLE current_snapshot (
  connection_id TEXT PRIMARY KEY,
  snapshot_id   INTEGER NOT NULL REFERENCES snapshots (id)
) STRICT;

CREATE TABLE roster_orgs (
  snapshot_id  INTEGER NOT NULL,
  sourced_id   TEXT NOT NULL,
  status       TEXT NOT NULL,
  name         TEXT NOT NULL,
  type         TEXT NOT NULL,
  identifier   TEXT,
  parent_id    TEXT,
  PRIMARY KEY (snapshot_id, sourced_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE roster_users (
  snapshot_id  INTEGER NOT NULL,
  sourced_id   TEXT NOT NULL,
  status       TEXT NOT NULL,
  enabled      INTEGER NOT NULL,
  role         TEXT NOT NULL,
  username     TEXT,
  given_name   TEXT NOT NULL,
  family_name  TEXT NOT NULL,
  middle_name  TEXT,
  identifier   TEXT,
  email        TEXT,
  org_ids      TEXT NOT NULL, -- JSON array
  grades       TEXT NOT NULL, -- JSON array
  user_ids     TEXT NOT NULL, -- JSON array of {type, identifier}
  PRIMARY KEY (snapshot_id, sourced_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX roster_users_role ON roster_users (snapshot_id, role);
CREATE INDEX roster_users_email ON roster_users (snapshot_id, email COLLATE NOCASE);
CREATE INDEX roster_users_family ON roster_users (snapshot_id, family_name COLLATE NOCASE);

CREATE TABLE roster_classes (
  snapshot_id  INTEGER NOT NULL,
  sourced_id   TEXT NOT NULL,
  status       TEXT NOT NULL,
  title        TEXT NOT NULL,
  class_code   TEXT,
  course_id    TEXT,
  school_id    TEXT,
  term_ids     TEXT NOT NULL,
  grades       TEXT NOT NULL,
  subjects     TEXT NOT NULL,
  PRIMARY KEY (snapshot_id, sourced_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE roster_enrollments (
  snapshot_id  INTEGER NOT NULL,
  sourced_id   TEXT NOT NULL,
  status       TEXT NOT NULL,
  class_id     TEXT NOT NULL,
  school_id    TEXT,
  user_id      TEXT NOT NULL,
  role         TEXT NOT NULL,
  is_primary   INTEGER NOT NULL,
  PRIMARY KEY (snapshot_id, sourced_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX roster_enrollments_user ON roster_enrollments (snapshot_id, user_id);
CREATE INDEX roster_enrollments_class ON roster_enrollments (snapshot_id, class_id);

CREATE TABLE roster_courses (
  snapshot_id  INTEGER NOT NULL,
  sourced_id   TEXT NOT NULL,
  status       TEXT NOT NULL,
  title        TEXT NOT NULL,
  course_code  TEXT,
  org_id       TEXT,
  PRIMARY KEY (snapshot_id, sourced_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE roster_sessions (
  snapshot_id  INTEGER NOT NULL,
  sourced_id   TEXT NOT NULL,
  status       TEXT NOT NULL,
  title        TEXT NOT NULL,
  type         TEXT NOT NULL,
  start_date   TEXT,
  end_date     TEXT,
  parent_id    TEXT,
  PRIMARY KEY (snapshot_id, sourced_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_warnings (
  id           INTEGER PRIMARY KEY,
  snapshot_id  INTEGER NOT NULL,
  resource     TEXT NOT NULL,
  location     TEXT NOT NULL,
  field        TEXT,
  reason       TEXT NOT NULL
) STRICT;
CREATE INDEX sync_warnings_snapshot ON sync_warnings (snapshot_id);
