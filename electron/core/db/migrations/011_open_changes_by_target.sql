-- Staging asks, for each new change, whether an open change (staged or approved) on the same
-- teacher or account conflicts with it, and whether an open invitation or email change already
-- gives the same address: each question is one index probe, however many changes wait.
CREATE INDEX changes_open_by_target ON changes (target_id) WHERE status IN ('staged', 'approved');
CREATE INDEX changes_open_new_email ON changes (lower(json_extract(after, '$.email')))
  WHERE status IN ('staged', 'approved') AND kind IN ('invite', 'change-email');
-- The license entries of one platform account (a merge or removal of that account).
CREATE INDEX license_entries_by_account ON license_entries (import_id, account_id);
