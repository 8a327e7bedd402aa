import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_BINDING_ENV } from '../../electron/core/db/sqlite-binding';
import { runCli, startHostProcess, stubRenderer } from '../helpers/processes';
import { makeTempDir } from '../helpers/temp-dir';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A "binding" that is not a native module at all: what a broken or foreign build looks like. */
function notAModule(): { dir: string; binding: string } {
  const tmp = makeTempDir('rosterdesk-binding-');
  cleanups.push(tmp.cleanup);
  const binding = path.join(tmp.dir, 'better_sqlite3.node');
  fs.writeFileSync(binding, 'this is not a shared library\n');
  return { dir: tmp.dir, binding };
}

/** What a user must read: what happened and the one command, with no stack trace. */
function expectClearMessage(stderr: string, binding: string) {
  expect(stderr).toContain("RosterDesk's database module (better-sqlite3) could not be loaded");
  expect(stderr).toContain(binding);
  expect(stderr).toContain('To fix it: run "npm rebuild better-sqlite3"');
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('a better-sqlite3 build that cannot be loaded', () => {
  it('the browser host says so and exits 2 before touching the data folder', async () => {
    const { dir, binding } = notAModule();
    const dataDir = path.join(dir, 'data');
    const host = startHostProcess(dataDir, stubRenderer(dir), { [SQLITE_BINDING_ENV]: binding });
    const done = await host.exited;
    expect(done.code).toBe(2);
    expect(done.stderr).toMatch(/^RosterDesk cannot start: /);
    expectClearMessage(done.stderr, binding);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('the rosterdesk command says so and exits 2', async () => {
    const { dir, binding } = notAModule();
    const done = await runCli(['check', '--data-dir', path.join(dir, 'data')], {
      [SQLITE_BINDING_ENV]: binding,
    });
    expect(done.code).toBe(2);
    expect(done.stderr).toMatch(/^rosterdesk cannot start: /);
    expectClearMessage(done.stderr, binding);
  });
});
