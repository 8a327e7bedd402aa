import { beforeEach, describe, expect, it } from 'vitest';
import { RosterQueries } from '../../electron/core/snapshot/roster-queries';
import { snapshotTables } from '../../electron/core/snapshot/snapshot-files';
import { useTempDatabase } from '../helpers/temp-database';
import { injectedDistrict, writeSnapshot } from '../helpers/injected-district';

const temp = useTempDatabase();
let queries: RosterQueries;
let id = 0;
beforeEach(() => {
  id = writeSnapshot(temp.db, injectedDistrict());
  queries = new RosterQueries(temp.db);
});

const names = (search: string, role: 'all' | 'teacher' = 'all') =>
  queries.users({ search, role }).rows.map((r) => `${r.givenName} ${r.familyName}`);

describe('user search', () => {
  it('finds by name, email or username prefix, any case, and by exact sourcedId', () => {
    expect(names('núñez')).toEqual(['José Núñez']);
    expect(names('JOSE')).toContain('José Núñez');
    expect(names('marykate.obrien@')).toEqual(["Mary-Kate O'Brien"]);
    expect(names('jean-luc dubois')).toEqual(['Jean-Luc Dubois']);
    expect(queries.users({ search: 'usr-extra-x1' }).rows.map((r) => r.sourcedId)).toEqual([
      'usr-extra-x1',
    ]);
    expect(queries.users({ search: 'zzzz-nobody' })).toMatchObject({ total: 0, rows: [] });
  });

  it('combines search with role and status filters', () => {
    expect(names('Lonely', 'teacher')).toEqual([]);
    expect(queries.users({ search: 'Lonely', role: 'student', status: 'active' }).total).toBe(2);
    expect(queries.users({ search: 'Lonely', role: 'student', status: 'inactive' }).total).toBe(1);
  });

  it('pages deep into the list in the same order as the whole list', () => {
    const all = queries.users({ limit: 1000 }).rows.map((r) => r.sourcedId);
    expect(all.length).toBeGreaterThan(600);
    for (const offset of [0, 7, 333, all.length - 5]) {
      expect(queries.users({ offset, limit: 5 }).rows.map((r) => r.sourcedId)).toEqual(
        all.slice(offset, offset + 5),
      );
    }
    const classes = queries.classes({ limit: 1000 }).rows;
    expect(queries.classes({ offset: 50, limit: 10 }).rows).toEqual(classes.slice(50, 60));
    expect(classes.find((c) => c.sourcedId === 'cls-no-students')).toMatchObject({
      teachers: 1,
      students: 0,
    });
  });

  it('uses the NOCASE indexes, not a table scan', () => {
    const t = snapshotTables(temp.db, id);
    const plan = temp.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT sourced_id FROM ${t.users} WHERE family_name >= 'smi' COLLATE NOCASE AND family_name < 'smi\u{10FFFF}' COLLATE NOCASE`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX users_name/);
  });
});
