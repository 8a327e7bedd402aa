import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/**
 * better-sqlite3 is a native module, built for one runtime's ABI. `npm ci` builds it for the
 * system's Node (the tests, the browser host and the CLI load that build); Electron embeds its own
 * Node with another ABI (NODE_MODULE_VERSION 139 for Electron 38), so `npm run setup` builds a
 * second copy for Electron into its own folder (scripts/electron-native.mjs) and Electron's main
 * process and its worker threads pass that copy as better-sqlite3's `nativeBinding`.
 */

/** An explicit binding (a path to a `.node` file): set by Electron's main for its workers, or by hand. */
export const SQLITE_BINDING_ENV = 'ROSTERDESK_SQLITE_BINDING';

/** The Electron copy, relative to the app's root (the checkout, or `app.asar` when packaged). */
export const ELECTRON_SQLITE_BINDING = 'native/electron/better_sqlite3.node';

/** A native module cannot be loaded from inside an asar archive: electron-builder unpacks it beside. */
export function outsideAsar(file: string): string {
  return file.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

export interface BindingInput {
  versions: { electron?: string | undefined };
  env: Record<string, string | undefined>;
  appRoot: string;
}

/**
 * Which better-sqlite3 binary this runtime loads: an explicit one if set; under Electron, the copy
 * built for Electron; under Node, none (better-sqlite3 finds the build `npm ci` made).
 */
export function chooseSqliteBinding(input: BindingInput): string | undefined {
  const explicit = input.env[SQLITE_BINDING_ENV];
  if (explicit) return explicit;
  if (!input.versions.electron) return undefined;
  return outsideAsar(path.join(input.appRoot, ELECTRON_SQLITE_BINDING));
}

/** The folder holding package.json above this file: the checkout, or app.asar in a packaged app. */
export function findAppRoot(from = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
}

let chosen: { binding: string | undefined } | null = null;

/** The binding for this process, chosen once. */
export function sqliteBinding(): string | undefined {
  chosen ??= {
    binding: chooseSqliteBinding({
      versions: process.versions,
      env: process.env,
      appRoot: process.versions.electron ? findAppRoot() : '',
    }),
  };
  return chosen.binding;
}

/** `new Database(file, options)` with this runtime's binding: every SQLite file RosterDesk opens. */
export function openSqlite(file: string, options: Database.Options = {}): Database.Database {
  const nativeBinding = sqliteBinding();
  return new Database(file, nativeBinding === undefined ? options : { ...options, nativeBinding });
}
