import { afterEach, beforeEach } from 'vitest';
import { openDatabase } from '../../electron/core/db/open-database';
import type { Db } from '../../electron/core/db/open-database';
import { makeTempDir } from './temp-dir';

/** A fresh data dir with the migrated cache open in it, for every test of the file; closed and removed after. */
export function useTempDatabase(): { readonly db: Db; readonly dir: string } {
  let tmp: ReturnType<typeof makeTempDir> | null = null;
  let db: Db | null = null;
  beforeEach(() => {
    tmp = makeTempDir();
    db = openDatabase({ dataDir: tmp.dir }).db;
  });
  afterEach(() => {
    db?.close();
    tmp?.cleanup();
  });
  return {
    get db() {
      if (!db) throw new Error('useTempDatabase: the database is open only inside a test');
      return db;
    },
    get dir() {
      if (!tmp) throw new Error('useTempDatabase: the folder exists only inside a test');
      return tmp.dir;
    },
  };
}
