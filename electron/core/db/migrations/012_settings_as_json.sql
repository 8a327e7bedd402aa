-- Settings are now read and written through one store that keeps each value as JSON, parsed with
-- the setting's schema (shared/domain/settings.ts). The two settings stored before as bare text
-- become JSON: the dashboard's connection id is quoted; 'true' and 'false' already are JSON.
UPDATE app_settings SET value = json_quote(value)
  WHERE key = 'dashboard.connection' AND json_valid(value) = 0;
