-- 006: the Users and Classes browsers page through these orders; an index per order lets a deep
-- page skip index entries instead of sorting the whole snapshot. The name index also serves
-- family-name prefix search, so it replaces roster_users_family.
DROP INDEX roster_users_family;
CREATE INDEX roster_users_name ON roster_users (snapshot_id, family_name COLLATE NOCASE, given_name COLLATE NOCASE, sourced_id);
CREATE INDEX roster_classes_title ON roster_classes (snapshot_id, title COLLATE NOCASE, sourced_id);
