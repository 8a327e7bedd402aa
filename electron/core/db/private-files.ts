import fs from 'node:fs';

/**
 * The data folder holds student PII: it is readable by its owner only (0700), and every file
 * RosterDesk writes in it or exports is 0600. Modes are set explicitly, not left to the umask, and
 * tightened on files an older version left open. (Windows ignores POSIX modes; its per-user
 * application-data folder is already private.)
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/** Creates the file empty if it is missing (so SQLite's WAL and SHM inherit its mode), then 0600. */
export function makePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  tighten(file, PRIVATE_FILE_MODE);
}

export function writePrivateFile(file: string, data: string | Uint8Array): void {
  fs.writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  tighten(file, PRIVATE_FILE_MODE);
}

export function appendPrivateFile(file: string, data: string): void {
  const existed = fs.existsSync(file);
  fs.appendFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  if (!existed) tighten(file, PRIVATE_FILE_MODE);
}

/** 0600 on a file that exists (a SQLite WAL, a backup written by VACUUM INTO). */
export function makeExistingPrivate(file: string): void {
  if (fs.existsSync(file)) tighten(file, PRIVATE_FILE_MODE);
}

function tighten(target: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch {
    // Owned by someone else: opening it will say what is wrong.
  }
}
