// better-sqlite3 built for Electron, beside the build for Node that `npm ci` made.
//
// Electron embeds its own Node with its own native-module ABI (NODE_MODULE_VERSION 139 for
// Electron 38); the system's Node 20 is 115. Tests, the browser host and the CLI load the Node
// build in node_modules/better-sqlite3; Electron's main process and its worker threads load
// native/electron/better_sqlite3.node (electron/core/db/sqlite-binding.ts). Building the copy in a
// staging folder keeps the Node build untouched: @electron/rebuild (electron-builder's own
// rebuilder) first tries better-sqlite3's prebuilt binary for that Electron, then compiles it
// against Electron's headers, both of which need the internet. The copy is then loaded by the
// Electron binary itself (ELECTRON_RUN_AS_NODE) to prove its ABI before it replaces the last one.
//
// `node scripts/electron-native.mjs` builds it; `npm run setup` calls it once the Electron binary
// is there, and `npm run package` before electron-builder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const BINDING = 'native/electron/better_sqlite3.node';
export const RECORD = 'native/electron/build.json';
export const LAST_ATTEMPT = 'native/electron/last-attempt.json';
const STAGE = 'native/electron/.stage';
/** The copy as @electron/rebuild leaves it in the staging folder. */
const stagedBinding = (stage) =>
  path.join(stage, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The Electron binary `npm run setup` downloaded, with its version, or why there is none. */
export function electronInfo(root) {
  const dir = path.join(root, 'node_modules', 'electron');
  let relative;
  try {
    relative = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
  } catch {
    return {
      reason:
        'the Electron binary was not downloaded (no internet access to its host at install time)',
    };
  }
  const binary = path.join(dir, 'dist', relative);
  if (!fs.existsSync(binary)) return { reason: `${binary} is missing` };
  return { binary, version: readJson(path.join(dir, 'package.json')).version };
}

/** What the copy is for: the Electron version, better-sqlite3's version and the machine. */
export function wantedBuild(
  root,
  electronVersion,
  platform = process.platform,
  arch = process.arch,
) {
  const betterSqlite3 = readJson(
    path.join(root, 'node_modules', 'better-sqlite3', 'package.json'),
  ).version;
  return { electron: electronVersion, betterSqlite3, platform, arch };
}

/** 'current' when the copy matches the Electron binary and better-sqlite3 installed; else why not. */
export function electronNativeState(root, wanted) {
  if (!fs.existsSync(path.join(root, BINDING))) return { state: 'missing' };
  let record;
  try {
    record = readJson(path.join(root, RECORD));
  } catch {
    return { state: 'stale', why: `${RECORD} is unreadable` };
  }
  for (const key of ['electron', 'betterSqlite3', 'platform', 'arch'])
    if (record[key] !== wanted[key])
      return { state: 'stale', why: `it was built for ${key} ${record[key]}, not ${wanted[key]}` };
  return { state: 'current', record };
}

/** The commands that make the copy, in order, each with why. Pure: tests read it. */
export function electronNativeCommands(root, electron, wanted) {
  const stage = path.join(root, STAGE);
  return [
    {
      why: `build better-sqlite3 ${wanted.betterSqlite3} for Electron ${electron.version} (a prebuilt binary, else from source against Electron's headers)`,
      cmd: process.execPath,
      args: [
        path.join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'),
        '--version',
        electron.version,
        '--arch',
        wanted.arch,
        '--platform',
        wanted.platform,
        '--module-dir',
        stage,
        '--only',
        'better-sqlite3',
        '--force',
      ],
      cwd: stage,
      env: {},
    },
    {
      why: 'load the copy in Electron itself to prove its ABI',
      cmd: electron.binary,
      args: [
        '-e',
        'const D=require(process.argv[1]);const db=new D(":memory:",{nativeBinding:process.argv[2]});' +
          'db.close();process.stdout.write("ok "+process.versions.modules)',
        path.join(stage, 'node_modules', 'better-sqlite3'),
        stagedBinding(stage),
      ],
      cwd: stage,
      env: { ELECTRON_RUN_AS_NODE: '1' },
    },
  ];
}

/** better-sqlite3's sources without its Node build, in a folder of its own. */
function stageSources(root) {
  const stage = path.join(root, STAGE);
  fs.rmSync(stage, { recursive: true, force: true });
  const from = path.join(root, 'node_modules', 'better-sqlite3');
  const to = path.join(stage, 'node_modules', 'better-sqlite3');
  fs.cpSync(from, to, {
    recursive: true,
    filter: (src) => path.relative(from, src).split(path.sep)[0] !== 'build',
  });
  // Its runtime dependencies (bindings) and the tools @electron/rebuild runs (prebuild-install,
  // node-gyp) resolve upwards, from the project's node_modules.
  const version = readJson(path.join(from, 'package.json')).version;
  fs.writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify({
      name: 'rosterdesk-electron-native',
      private: true,
      version: '0.0.0',
      dependencies: { 'better-sqlite3': version },
    }),
  );
  return stage;
}

const defaultRun = (step) =>
  spawnSync(step.cmd, step.args, {
    cwd: step.cwd,
    env: { ...process.env, ...step.env },
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });

/** The lines a failed command printed, without stack frames. */
function outputLines(result) {
  return `${result.stderr ?? ''}\n${result.stdout ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at '));
}

const NETWORK =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|network connectivity/i;

/** Why a build failed, said first in plain words when the cause is a known one. */
export function failureReason(step, result) {
  if (result.error) return `${step.why} failed: ${result.error.message}`;
  const lines = outputLines(result);
  const errors = lines.filter((l) => /^(Error|gyp ERR!|npm ERR!)/.test(l));
  const detail = (errors.at(-1) ?? lines.at(-1) ?? `exit code ${result.status}`).slice(0, 300);
  if (lines.some((l) => NETWORK.test(l)))
    return `no network to download Electron's headers or a prebuilt better-sqlite3 (${detail})`;
  if (lines.some((l) => /(python|make|g\+\+|cc)\b.*(not found|ENOENT)/i.test(l)))
    return `no compiler toolchain to build it (python3, make and a C++ compiler are needed: ${detail})`;
  return `${step.why} failed: ${detail}`;
}

/**
 * Makes native/electron/better_sqlite3.node for the installed Electron binary, or says why not.
 * `run` runs one command (tests pass a recorder). Returns { state: 'current' | 'built', … } or
 * { state: 'unavailable', reason }.
 */
export function buildElectronNative({ root, run = defaultRun, log = () => {} }) {
  const electron = electronInfo(root);
  const record = (result) => {
    fs.mkdirSync(path.join(root, 'native', 'electron'), { recursive: true });
    fs.writeFileSync(
      path.join(root, LAST_ATTEMPT),
      `${JSON.stringify({ at: new Date().toISOString(), ...result })}\n`,
    );
    return result;
  };
  if (!electron.binary) return { state: 'unavailable', reason: electron.reason };
  const wanted = wantedBuild(root, electron.version);
  const now = electronNativeState(root, wanted);
  if (now.state === 'current') return { state: 'current', build: now.record };
  log(
    now.state === 'missing'
      ? `building better-sqlite3 for Electron ${electron.version}…`
      : `rebuilding better-sqlite3 for Electron ${electron.version} (${now.why})…`,
  );
  const stage = stageSources(root);
  try {
    let modules = null;
    for (const step of electronNativeCommands(root, electron, wanted)) {
      const result = run(step);
      if (result.status !== 0 || result.error)
        return record({ state: 'unavailable', reason: failureReason(step, result) });
      const proved = /^ok (\d+)/.exec(String(result.stdout ?? ''));
      if (proved) modules = proved[1];
    }
    if (!modules)
      return record({
        state: 'unavailable',
        reason: 'the copy was built but Electron did not confirm it loads',
      });
    const built = stagedBinding(stage);
    const target = path.join(root, BINDING);
    fs.copyFileSync(built, `${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
    const build = { ...wanted, modules, builtAt: new Date().toISOString() };
    fs.writeFileSync(path.join(root, RECORD), `${JSON.stringify(build, null, 2)}\n`);
    record({ state: 'built' });
    return { state: 'built', build };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/** Why `npm start` cannot open Electron with a working database module, or null when it can. */
export function electronNativeProblem(root) {
  const electron = electronInfo(root);
  if (!electron.binary) return electron.reason;
  const now = electronNativeState(root, wantedBuild(root, electron.version));
  if (now.state === 'current') return null;
  let last = null;
  try {
    last = readJson(path.join(root, LAST_ATTEMPT));
  } catch {
    // never attempted
  }
  const what =
    now.state === 'missing'
      ? `better-sqlite3 has no build for Electron ${electron.version}`
      : `the Electron build of better-sqlite3 is out of date (${now.why})`;
  return last?.reason
    ? `${what}: ${last.reason}; run "npm run setup" where the internet is reachable`
    : `${what}; run "npm run setup"`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(import.meta.dirname, '..');
  const result = buildElectronNative({
    root,
    log: (line) => process.stdout.write(`[electron-native] ${line}\n`),
  });
  if (result.state === 'unavailable') {
    process.stderr.write(`[electron-native] not built: ${result.reason}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `[electron-native] ${BINDING}: ${result.state} (Electron ${result.build.electron}, NODE_MODULE_VERSION ${result.build.modules})\n`,
  );
}
