import { createRequire } from 'node:module';
import { openSqlite, sqliteBinding } from '../db/sqlite-binding';

/** Why RosterDesk cannot start, in words an admin can act on, and the one command that fixes it. */
export interface NativeModuleProblem {
  module: 'better-sqlite3' | '@napi-rs/keyring';
  /** What happened, in one sentence. */
  summary: string;
  /** What to do: one command (from a checkout) or a reinstall (packaged). */
  fix: string;
  /** The loader's own message, for the log and support. */
  detail: string;
}

export interface RuntimeFacts {
  /** Electron's version when running in Electron. */
  electron?: string | undefined;
  /** This runtime's NODE_MODULE_VERSION. */
  modules: string;
  /** A packaged app (the fix is a reinstall, not a command). */
  packaged: boolean;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The line printed or shown: what happened, then how to fix it. */
export function describeProblem(problem: NativeModuleProblem): string {
  return `${problem.summary}\n\nTo fix it: ${problem.fix}`;
}

/** Turns a loader error into a problem stated for an admin. */
export function explainLoadError(
  module: NativeModuleProblem['module'],
  error: unknown,
  runtime: RuntimeFacts,
  binding?: string,
): NativeModuleProblem {
  const detail = messageOf(error);
  const where = runtime.electron
    ? `Electron ${runtime.electron} (NODE_MODULE_VERSION ${runtime.modules})`
    : `Node.js ${process.version} (NODE_MODULE_VERSION ${runtime.modules})`;
  const what =
    module === 'better-sqlite3'
      ? "RosterDesk's database module (better-sqlite3)"
      : "RosterDesk's keychain module (@napi-rs/keyring)";
  const built = /NODE_MODULE_VERSION (\d+)/.exec(detail)?.[1];
  const missing = /cannot find module|no such file|ENOENT|could not locate the bindings file/i.test(
    detail,
  );
  let summary: string;
  if (built && built !== runtime.modules)
    summary = `${what} was built for another runtime (NODE_MODULE_VERSION ${built}) and cannot be loaded by ${where}.`;
  else if (missing)
    summary = `${what} is missing${binding ? ` (${binding})` : ''}: ${where} has no build of it.`;
  else
    summary = `${what} could not be loaded by ${where}${binding ? ` from ${binding}` : ''}: ${firstLine(detail)}`;
  const fix = runtime.packaged
    ? 'reinstall RosterDesk from its installer; this installation is incomplete.'
    : runtime.electron
      ? module === 'better-sqlite3'
        ? 'run "npm run setup" in the RosterDesk folder (it builds the database module for Electron), then "npm start".'
        : 'run "npm ci" in the RosterDesk folder, then "npm start".'
      : module === 'better-sqlite3'
        ? 'run "npm rebuild better-sqlite3" in the RosterDesk folder (it builds the database module for this Node.js), then start again.'
        : 'run "npm ci" in the RosterDesk folder, then start again.';
  return { module, summary, fix, detail };
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).trim();
}

/**
 * Loads both native modules before anything else is opened, so a build for the wrong runtime is
 * one clear sentence (and exit code 2), never a stack trace from deep inside the first query.
 */
export function checkNativeModules(runtime: RuntimeFacts): NativeModuleProblem | null {
  const binding = sqliteBinding();
  try {
    openSqlite(':memory:').close();
  } catch (error) {
    return explainLoadError('better-sqlite3', error, runtime, binding);
  }
  try {
    createRequire(import.meta.url)('@napi-rs/keyring');
  } catch (error) {
    return explainLoadError('@napi-rs/keyring', error, runtime);
  }
  return null;
}

/** This process's runtime, for checkNativeModules(). */
export function currentRuntime(packaged = false): RuntimeFacts {
  return { electron: process.versions.electron, modules: process.versions.modules, packaged };
}
