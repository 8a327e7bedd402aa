import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ELECTRON_SQLITE_BINDING,
  SQLITE_BINDING_ENV,
  chooseSqliteBinding,
  findAppRoot,
} from '../../electron/core/db/sqlite-binding';
import { explainLoadError } from '../../electron/core/runtime/native-modules';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('which better-sqlite3 build a runtime loads', () => {
  it('under Node: the build npm ci made (no nativeBinding)', () => {
    expect(
      chooseSqliteBinding({ versions: { electron: undefined }, env: {}, appRoot: ROOT }),
    ).toBeUndefined();
    expect(chooseSqliteBinding({ versions: process.versions, env: {}, appRoot: ROOT })).toBe(
      undefined,
    );
  });

  it('under Electron from a checkout: the copy npm run setup built for Electron', () => {
    expect(
      chooseSqliteBinding({ versions: { electron: '38.8.6' }, env: {}, appRoot: '/home/a/rd' }),
    ).toBe(path.join('/home/a/rd', ELECTRON_SQLITE_BINDING));
  });

  it('under Electron packaged: the copy unpacked beside app.asar, never inside it', () => {
    expect(
      chooseSqliteBinding({
        versions: { electron: '38.8.6' },
        env: {},
        appRoot: '/opt/RosterDesk/resources/app.asar',
      }),
    ).toBe('/opt/RosterDesk/resources/app.asar.unpacked/native/electron/better_sqlite3.node');
  });

  it('an explicit binding wins in either runtime (Electron main hands its choice to workers)', () => {
    const env = { [SQLITE_BINDING_ENV]: '/x/better_sqlite3.node' };
    expect(chooseSqliteBinding({ versions: {}, env, appRoot: ROOT })).toBe(
      '/x/better_sqlite3.node',
    );
    expect(chooseSqliteBinding({ versions: { electron: '38.8.6' }, env, appRoot: ROOT })).toBe(
      '/x/better_sqlite3.node',
    );
  });

  it('finds the app root (package.json) above a bundle or a source file', () => {
    expect(findAppRoot(path.join(ROOT, 'electron/core/db'))).toBe(ROOT);
  });
});

describe('a native module that cannot load is explained in words', () => {
  const electron = { electron: '38.8.6', modules: '139', packaged: false };

  it('a build for Node loaded by Electron names both ABIs and the setup command', () => {
    const problem = explainLoadError(
      'better-sqlite3',
      new Error(
        "The module '/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 139. Please try re-compiling or re-installing",
      ),
      electron,
    );
    expect(problem.summary).toBe(
      "RosterDesk's database module (better-sqlite3) was built for another runtime (NODE_MODULE_VERSION 115) and cannot be loaded by Electron 38.8.6 (NODE_MODULE_VERSION 139).",
    );
    expect(problem.fix).toContain('npm run setup');
  });

  it('a missing Electron copy says where it was looked for', () => {
    const problem = explainLoadError(
      'better-sqlite3',
      new Error("Cannot find module '/app/native/electron/better_sqlite3.node'"),
      electron,
      '/app/native/electron/better_sqlite3.node',
    );
    expect(problem.summary).toContain('is missing (/app/native/electron/better_sqlite3.node)');
  });

  it('a packaged app asks for a reinstall, not a command', () => {
    const problem = explainLoadError('@napi-rs/keyring', new Error('Cannot find module'), {
      ...electron,
      packaged: true,
    });
    expect(problem.summary).toContain('keychain module');
    expect(problem.fix).toMatch(/^reinstall RosterDesk/);
  });
});
