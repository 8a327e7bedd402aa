import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../electron/core/db/migrations';

/**
 * Every released migration's checksum. A cache that applied one keeps its checksum and refuses a
 * RosterDesk whose copy differs, so an edit here would lock users out of their data: add a new,
 * numbered migration instead. When a new migration is released, add its line.
 */
const RELEASED: Record<string, string> = {
  '001_initial': '21c94ce8ed738535',
  '002_roster_snapshots': 'f1e64c0f4c42a55f',
  '003_license_entries': '7ca8f15903e72946',
  '004_user_search_indexes': 'd2d7632c62dbe89d',
  '005_snapshot_stats': '82ebdb1c11475b87',
  '006_browse_order_indexes': 'aab1d7d6bb5b494b',
  '007_platform_changes': 'a5565c8be76ef1d3',
  '008_snapshot_owner': 'fde2e2613410cfcc',
  '009_old_student_accounts': 'a0e7da647970a3bd',
  '010_worksheet_review': 'c686e296ec8bfd75',
  '011_open_changes_by_target': 'c52ac3bb140b62eb',
  '012_settings_as_json': '1b8f4fcae43f715d',
  '013_change_kind_checked_in_code': 'b76129c45e5a962a',
  '014_watch': 'd9d73512f51d82a0',
};

describe('released migrations', () => {
  const shipped = new Map(
    loadMigrations().map((m) => [`${String(m.version).padStart(3, '0')}_${m.name}`, m.checksum]),
  );
  it.each(Object.entries(RELEASED))('%s is unchanged since its release', (name, checksum) => {
    expect(
      shipped.get(name),
      `Migration ${name}.sql was edited after release (or removed). Released migrations are never edited: revert it and add the change as the next numbered migration.`,
    ).toBe(checksum);
  });

  it('every shipped migration is listed here once released', () => {
    expect(
      [...shipped.keys()].filter((name) => !(name in RELEASED)),
      'A migration is not in RELEASED: add its name and checksum once it lands.',
    ).toEqual([]);
  });
});
