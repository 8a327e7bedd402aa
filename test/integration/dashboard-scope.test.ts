import { describe, expect, it } from 'vitest';
import { SnapshotStore } from '../../electron/core/snapshot/snapshot-store';
import { SnapshotWriter } from '../../electron/core/snapshot/snapshot-writer';
import { EMPTY_COUNTS } from '../../shared/domain/snapshot';
import { useTempDatabase } from '../helpers/temp-database';

const temp = useTempDatabase();

describe('the roster the dashboard compares', () => {
  it('stays the one shown first when another connection syncs; changes only when the admin picks', () => {
    const store = new SnapshotStore(temp.db);
    const springfield = store.begin('springfield', 'classlink', 'Springfield');
    new SnapshotWriter(temp.db, springfield).finish();
    store.complete(springfield, { ...EMPTY_COUNTS });
    expect(store.latestCurrent()?.connectionId).toBe('springfield');

    // A test CSV of another district synced later: the dashboard does not follow it.
    const test = store.begin('test-csv', 'oneroster-csv', '/tmp/other.zip');
    new SnapshotWriter(temp.db, test).finish();
    store.complete(test, { ...EMPTY_COUNTS });
    expect(store.latestCurrent()?.connectionId).toBe('springfield');
    expect(new SnapshotStore(temp.db).latestCurrent()?.id).toBe(springfield);

    store.setScope('test-csv');
    expect(store.latestCurrent()?.id).toBe(test);

    // Its connection removed: back to the latest one left.
    store.forgetConnection('test-csv');
    expect(store.scope()).toBeNull();
    expect(store.latestCurrent()?.connectionId).toBe('springfield');
  });
});
