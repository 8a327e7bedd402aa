-- 001: app settings and connections (secrets are never stored here: only in the OS keychain).
CREATE TABLE app_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE connections (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('classlink', 'clever', 'oneroster-csv', 'platform')),
  name        TEXT NOT NULL,
  settings    TEXT NOT NULL, -- JSON of the kind's non-secret settings
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
