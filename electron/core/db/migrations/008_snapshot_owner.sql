-- 008: which process wrote a running snapshot, so start-up recovery only abandons runs whose owner
-- is gone and never a sync another live process is writing.
ALTER TABLE snapshots ADD COLUMN owner TEXT;
