import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makePrivateDir, makePrivateFile, writePrivateFile } from './private-files';
import { openSqlite } from './sqlite-binding';

/** Who holds a data folder, as written beside the lock by its owner. */
export interface FolderOwner {
  pid: number;
  /** What the owner is, in words: "the RosterDesk window", "the browser host", "rosterdesk push". */
  what: string;
  host: string;
  startedAt: string;
}

/** Another process owns the data folder: nothing was opened or changed. */
export class DataFolderBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: FolderOwner | null,
  ) {
    const who = owner
      ? `${owner.what} (process ${owner.pid} on ${owner.host}, started ${owner.startedAt})`
      : 'another RosterDesk process';
    super(
      `The data folder ${dataDir} is in use by ${who}. Only one RosterDesk can use a data folder at a time: ` +
        'switch to the one already open, or close it first. Nothing was changed.',
    );
    this.name = 'DataFolderBusyError';
  }
}

export interface DataFolderLock {
  readonly owner: FolderOwner;
  release(): void;
}

const LOCK_FILE = 'rosterdesk.lock';
const OWNER_FILE = 'rosterdesk.lock.owner.json';

/**
 * Takes the data folder for this process, before its database is opened. The lock is an exclusive
 * SQLite transaction on a small lock file: SQLite's own OS-level locks (fcntl on POSIX, LockFileEx
 * on Windows) are held by the operating system for the process, so a crashed or killed owner frees
 * the folder at once, with no stale-PID guessing. A second taker, in another process or this one,
 * is refused with the first owner's description.
 */
export function lockDataFolder(dataDir: string, what: string): DataFolderLock {
  makePrivateDir(dataDir);
  const lockFile = path.join(dataDir, LOCK_FILE);
  const ownerFile = path.join(dataDir, OWNER_FILE);
  makePrivateFile(lockFile);
  const db = openSqlite(lockFile, { timeout: 0 });
  try {
    // No journal file: the lock database is never written.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataFolderBusyError(dataDir, readOwner(ownerFile));
    throw error;
  }
  const owner: FolderOwner = {
    pid: process.pid,
    what,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  writePrivateFile(ownerFile, `${JSON.stringify(owner)}\n`);
  let released = false;
  return {
    owner,
    release: () => {
      if (released) return;
      released = true;
      try {
        if (readOwner(ownerFile)?.pid === process.pid) fs.rmSync(ownerFile, { force: true });
      } finally {
        db.close();
      }
    },
  };
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function readOwner(file: string): FolderOwner | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<FolderOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.what !== 'string') return null;
    return {
      pid: parsed.pid,
      what: parsed.what,
      host: typeof parsed.host === 'string' ? parsed.host : 'this computer',
      startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt : 'at an unknown time',
    };
  } catch {
    return null;
  }
}
