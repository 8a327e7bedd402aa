import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { chooseSqliteBinding } from '../../electron/core/db/sqlite-binding';
import { buildApp } from '../helpers/built-app';
import { listFiles } from '../helpers/temp-dir';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** electron-builder's own matcher (app-builder-lib), so the list is the one it packs. */
interface FileMatcher {
  createFilter(): (file: string, stat: fs.Stats) => boolean;
}
const { getFileMatchers } = createRequire(import.meta.url)('app-builder-lib/out/fileMatcher') as {
  getFileMatchers(
    config: unknown,
    name: 'files' | 'asarUnpack',
    destination: string,
    options: {
      macroExpander: (p: string) => string;
      customBuildOptions: object;
      globalOutDir: string;
      defaultSrc: string;
    },
  ): FileMatcher[] | null;
};

const config = YAML.parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  npmRebuild?: boolean;
  asar?: boolean;
  extraMetadata?: { main?: string };
};

function matcher(name: 'files' | 'asarUnpack'): (relative: string) => boolean {
  const [first] =
    getFileMatchers(config, name, '/stage/app', {
      macroExpander: (p) => p,
      customBuildOptions: {},
      globalOutDir: path.join(ROOT, 'dist'),
      defaultSrc: ROOT,
    }) ?? [];
  if (!first) throw new Error(`electron-builder.yml has no ${name}`);
  const filter = first.createFilter();
  const file = { isDirectory: () => false } as fs.Stats;
  return (relative) => filter(path.join(ROOT, relative), file);
}

/** The build as `npm run package` makes it, in a folder of its own (out/ stays as it is). */
let built: { dir: string; cleanup(): void };
let files: string[];

beforeAll(() => {
  built = buildApp();
  files = listFiles(path.join(built.dir, 'out')).map((f) =>
    path.relative(built.dir, f).split(path.sep).join('/'),
  );
}, 120_000);
afterAll(() => built.cleanup());

const migrations = fs
  .readdirSync(path.join(ROOT, 'electron/core/db/migrations'))
  .filter((f) => f.endsWith('.sql'));

/** What the packaged app opens at run time, relative to the app's root. */
const RUNTIME = [
  'out/main/index.js',
  'out/main/diagnostics-worker.js',
  'out/main/snapshot-lane-worker.js',
  'out/main/bulk-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
  'out/main/fonts/DejaVuSans.ttf',
  'out/main/fonts/DejaVuSans-Bold.ttf',
  ...migrations.map((m) => `out/main/migrations/${m}`),
];

describe('the packaged app', () => {
  it('the build has every file the app opens at run time', () => {
    expect(RUNTIME.filter((f) => !files.includes(f))).toEqual([]);
  });

  it("electron-builder's file list packs them, the Electron build of better-sqlite3 and package.json, and no source map", () => {
    const packs = matcher('files');
    expect(RUNTIME.filter((f) => !packs(f))).toEqual([]);
    expect(packs('native/electron/better_sqlite3.node')).toBe(true);
    expect(packs('package.json')).toBe(true);
    expect(packs('native/electron/.stage/node_modules/better-sqlite3/src/x.cpp')).toBe(false);
    expect(packs('out/main/index.js.map')).toBe(false);
    expect(config.extraMetadata?.main).toBe('out/main/index.js');
  });

  it('native modules are unpacked beside the asar, where the app looks for them; the code stays inside', () => {
    expect(config.asar).toBe(true);
    const unpacks = matcher('asarUnpack');
    const binding = chooseSqliteBinding({
      versions: { electron: '38.8.6' },
      env: {},
      appRoot: '/opt/RosterDesk/resources/app.asar',
    });
    expect(binding).toBe(
      '/opt/RosterDesk/resources/app.asar.unpacked/native/electron/better_sqlite3.node',
    );
    const inApp = path.relative('/opt/RosterDesk/resources/app.asar.unpacked', binding ?? '');
    expect(unpacks(inApp)).toBe(true);
    expect(unpacks('node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node')).toBe(
      true,
    );
    expect(unpacks('node_modules/@napi-rs/keyring/index.js')).toBe(true);
    expect(unpacks('out/main/index.js')).toBe(false);
  });

  it('code that finds files beside itself (workers, migrations, fonts) is bundled in out/main, not in a chunk folder', () => {
    // new URL('./x', import.meta.url): a path relative to the bundle that holds the code.
    const relativeToSelf = files.filter(
      (f) =>
        /^out\/(main|preload)\/.*\.c?js$/.test(f) &&
        /new URL\([^)]*import\.meta\.url\)/.test(fs.readFileSync(path.join(built.dir, f), 'utf8')),
    );
    expect(relativeToSelf).toContain('out/main/index.js');
    expect(relativeToSelf.filter((f) => path.posix.dirname(f) !== 'out/main')).toEqual([]);
    for (const file of relativeToSelf) {
      const text = fs.readFileSync(path.join(built.dir, file), 'utf8');
      for (const [, target] of text.matchAll(/"(\.\/[\w./-]+)"[^"]*?import\.meta\.url\)/g)) {
        if (!target || target.includes('from-source')) continue;
        const resolved = path.posix.join(path.posix.dirname(file), target);
        expect(
          files.some(
            (f) =>
              f === resolved || f.startsWith(resolved.endsWith('/') ? resolved : `${resolved}/`),
          ),
          `${file} opens ${target}`,
        ).toBe(true);
      }
    }
  });

  it('packaging never rebuilds node_modules in place: npm test still loads the Node build afterwards', () => {
    expect(config.npmRebuild).toBe(false);
    const scripts = (
      JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.package).toBe(
      'npm run build && node scripts/electron-native.mjs && electron-builder',
    );
  });
});
