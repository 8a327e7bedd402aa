import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BINDING,
  buildElectronNative,
  electronNativeProblem,
} from '../../scripts/electron-native.mjs';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = path.resolve(import.meta.dirname, '../..');
const REAL_SQLITE = path.join(ROOT, 'node_modules/better-sqlite3');
const NODE_BUILD = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

interface Step {
  why: string;
  cmd: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}
interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const sha = (file: string) =>
  crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * A checkout where `npm ci` ran and the Electron binary "was downloaded": the binary is a script
 * that runs this Node (so proving the copy loads really loads it), better-sqlite3 is the real one.
 */
function fakeCheckout(electronVersion = '38.8.6'): string {
  const tmp = makeTempDir('rosterdesk-setup-');
  cleanups.push(tmp.cleanup);
  const root = tmp.dir;
  const electron = path.join(root, 'node_modules/electron');
  fs.mkdirSync(path.join(electron, 'dist'), { recursive: true });
  fs.writeFileSync(
    path.join(electron, 'package.json'),
    JSON.stringify({ name: 'electron', version: electronVersion }),
  );
  fs.writeFileSync(path.join(electron, 'path.txt'), 'electron');
  fs.writeFileSync(
    path.join(electron, 'dist/electron'),
    `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || exit 9\nexec "${process.execPath}" "$@"\n`,
    { mode: 0o755 },
  );
  const sqlite = path.join(root, 'node_modules/better-sqlite3');
  for (const part of ['package.json', 'lib', 'binding.gyp', 'build/Release/better_sqlite3.node'])
    fs.cpSync(path.join(REAL_SQLITE, part), path.join(sqlite, part), { recursive: true });
  return root;
}

/** Runs the proving step for real; fakes the rebuild by "compiling" the build that loads here. */
function recorder(rebuild: (step: Step) => Ran = compiles) {
  const steps: Step[] = [];
  const run = (step: Step): Ran => {
    steps.push(step);
    if (step.args[0]?.endsWith(path.join('@electron', 'rebuild', 'lib', 'cli.js')))
      return rebuild(step);
    const result = spawnSync(step.cmd, step.args, {
      cwd: step.cwd,
      env: { ...process.env, ...step.env },
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  return { steps, run };
}

function compiles(step: Step): Ran {
  const moduleDir = step.args[step.args.indexOf('--module-dir') + 1] ?? '';
  const release = path.join(moduleDir, 'node_modules/better-sqlite3/build/Release');
  fs.mkdirSync(release, { recursive: true });
  fs.copyFileSync(
    path.join(REAL_SQLITE, 'build/Release/better_sqlite3.node'),
    path.join(release, 'better_sqlite3.node'),
  );
  return { status: 0, stdout: 'Rebuild Complete', stderr: '' };
}

describe('npm run setup where the Electron binary is present', () => {
  it('builds better-sqlite3 for that Electron in a folder of its own, proves it loads, and leaves the Node build alone', () => {
    const root = fakeCheckout();
    const nodeBuild = sha(path.join(root, NODE_BUILD));
    expect(electronNativeProblem(root)).toBe(
      'better-sqlite3 has no build for Electron 38.8.6; run "npm run setup"',
    );
    const { steps, run } = recorder();
    const result = buildElectronNative({ root, run });

    expect(steps.map((s) => s.why)).toEqual([
      expect.stringMatching(/^build better-sqlite3 12\.\S+ for Electron 38\.8\.6/),
      'load the copy in Electron itself to prove its ABI',
    ]);
    const [rebuild, prove] = steps;
    const stage = path.join(root, 'native/electron/.stage');
    expect(rebuild?.cmd).toBe(process.execPath);
    expect(rebuild?.args.slice(1)).toEqual([
      '--version',
      '38.8.6',
      '--arch',
      process.arch,
      '--platform',
      process.platform,
      '--module-dir',
      stage,
      '--only',
      'better-sqlite3',
      '--force',
    ]);
    expect(prove?.cmd).toBe(path.join(root, 'node_modules/electron/dist/electron'));
    expect(prove?.env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });

    expect(result).toMatchObject({
      state: 'built',
      build: { electron: '38.8.6', modules: process.versions.modules },
    });
    expect(fs.existsSync(path.join(root, BINDING))).toBe(true);
    expect(fs.existsSync(stage), 'the staging folder is removed').toBe(false);
    expect(sha(path.join(root, NODE_BUILD)), 'the Node build is untouched').toBe(nodeBuild);
    expect(electronNativeProblem(root)).toBeNull();

    const again = recorder();
    expect(buildElectronNative({ root, run: again.run }).state).toBe('current');
    expect(again.steps).toEqual([]);
  });

  it('rebuilds when Electron is updated', () => {
    const root = fakeCheckout('38.8.6');
    buildElectronNative({ root, run: recorder().run });
    fs.writeFileSync(
      path.join(root, 'node_modules/electron/package.json'),
      JSON.stringify({ name: 'electron', version: '38.9.0' }),
    );
    expect(electronNativeProblem(root)).toBe(
      'the Electron build of better-sqlite3 is out of date (it was built for electron 38.8.6, not 38.9.0); run "npm run setup"',
    );
    const { steps, run } = recorder();
    expect(buildElectronNative({ root, run })).toMatchObject({
      state: 'built',
      build: { electron: '38.9.0' },
    });
    expect(steps[0]?.args).toContain('38.9.0');
  });

  it('with no network, says exactly why, keeps nothing half-built, and npm start repeats the reason', () => {
    const root = fakeCheckout();
    const offline = recorder(() => ({
      status: 255,
      stdout: 'Building modules: better-sqlite3',
      stderr:
        'Error: This is most likely not a problem with node-gyp or the package itself and\nis related to network connectivity. In most cases you are behind a proxy or have bad\n    at go (node_modules/node-gyp/lib/install.js:244:21)\nError: node-gyp failed to rebuild better-sqlite3',
    }));
    const reason =
      "no network to download Electron's headers or a prebuilt better-sqlite3 (Error: node-gyp failed to rebuild better-sqlite3)";
    expect(buildElectronNative({ root, run: offline.run })).toEqual({
      state: 'unavailable',
      reason,
    });
    expect(offline.steps).toHaveLength(1);
    expect(fs.existsSync(path.join(root, BINDING))).toBe(false);
    expect(electronNativeProblem(root)).toBe(
      `better-sqlite3 has no build for Electron 38.8.6: ${reason}; run "npm run setup" where the internet is reachable`,
    );
  });

  it('without the Electron binary, runs nothing and says why', () => {
    const root = fakeCheckout();
    fs.rmSync(path.join(root, 'node_modules/electron/path.txt'));
    const { steps, run } = recorder();
    expect(buildElectronNative({ root, run })).toEqual({
      state: 'unavailable',
      reason:
        'the Electron binary was not downloaded (no internet access to its host at install time)',
    });
    expect(steps).toEqual([]);
  });
});
