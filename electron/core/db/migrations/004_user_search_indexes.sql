-- 004: prefix search on given name and username uses an index too (email and family name already do).
CREATE INDEX roster_users_given ON roster_users (snapshot_id, given_name COLLATE NOCASE);
CREATE INDEX roster_users_username ON roster_users (snapshot_id, username COLLATE NOCASE);
