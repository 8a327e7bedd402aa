-- 003: the teacher license list, imported from a license export CSV (later: pulled from the platform API).
CREATE TABLE license_imports (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  entries     INTEGER NOT NULL,
  errors      TEXT NOT NULL DEFAULT '[]' -- JSON: row-level errors of the import
) STRICT;

CREATE TABLE license_entries (
  import_id    INTEGER NOT NULL REFERENCES license_imports (id) ON DELETE CASCADE,
  email        TEXT NOT NULL,
  given_name   TEXT,
  family_name  TEXT,
  status       TEXT NOT NULL CHECK (status IN ('invited', 'active')),
  invited_at   TEXT,
  accepted_at  TEXT,
  PRIMARY KEY (import_id, email)
) STRICT, WITHOUT ROWID;
