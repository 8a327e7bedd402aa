import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../helpers/built-app';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = path.resolve(import.meta.dirname, '../..');
const STUB = path.join(ROOT, 'test/helpers/electron-stub/register.mjs');
const NODE_BUILD = path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');

let built: { dir: string; cleanup(): void };
beforeAll(() => {
  built = buildApp();
}, 120_000);
afterAll(() => built.cleanup());

interface Run {
  code: number | null;
  stderr: string;
  /** The stand-in's `STUB <what> <json>` lines, in order. */
  calls: { what: string; value: unknown }[];
}

/**
 * Electron's built main process (out/main/index.js), in its own process, with the `electron`
 * module stood in for (test/helpers/electron-stub): the app's root is `built.dir`.
 */
function runMain(env: Record<string, string>): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', STUB, path.join(built.dir, 'out/main/index.js')],
    {
      cwd: built.dir,
      env: { ...process.env, STUB_APP_PATH: built.dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code) =>
      resolve({
        code,
        stderr,
        calls: stdout
          .split('\n')
          .filter((l) => l.startsWith('STUB '))
          .map((l) => {
            const [, what = '', ...rest] = l.split(' ');
            return { what, value: JSON.parse(rest.join(' ')) as unknown };
          }),
      }),
    ),
  );
}

const calls = (run: Run, what: string) =>
  run.calls.filter((c) => c.what === what).map((c) => c.value);

function placeBinding(content: Buffer | string | null): void {
  const file = path.join(built.dir, 'native/electron/better_sqlite3.node');
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  if (content === null) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

describe("Electron's main process when its database module cannot load", () => {
  it('with no Electron build of better-sqlite3: a dialog says so and names npm run setup, the log has it, exit 2', async () => {
    placeBinding(null);
    const data = makeTempDir();
    try {
      const run = await runMain({ ROSTERDESK_DATA_DIR: data.dir });
      expect(run.code).toBe(2);
      const binding = path.join(built.dir, 'native/electron/better_sqlite3.node');
      expect(calls(run, 'dialog')).toEqual([
        {
          title: 'RosterDesk cannot start',
          message: `RosterDesk's database module (better-sqlite3) is missing (${binding}): Electron 38.8.6 (NODE_MODULE_VERSION ${process.versions.modules}) has no build of it.\n\nTo fix it: run "npm run setup" in the RosterDesk folder (it builds the database module for Electron), then "npm start".`,
        },
      ]);
      expect(calls(run, 'window')).toEqual([]);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(fs.readFileSync(path.join(data.dir, 'logs/rosterdesk.log'), 'utf8')).toContain(
        'ERROR RosterDesk cannot start: ',
      );
      expect(fs.existsSync(path.join(data.dir, 'rosterdesk.db')), 'the cache is not opened').toBe(
        false,
      );
    } finally {
      data.cleanup();
    }
  });

  it('with a file that is not a module: the loader reason in one line, exit 2, no stack trace', async () => {
    placeBinding('not a shared library\n');
    const data = makeTempDir();
    try {
      const run = await runMain({ ROSTERDESK_DATA_DIR: data.dir });
      expect(run.code).toBe(2);
      const [dialog] = calls(run, 'dialog') as { message: string }[];
      expect(dialog?.message).toMatch(
        /^RosterDesk's database module \(better-sqlite3\) could not be loaded by Electron 38\.8\.6 .* from .*better_sqlite3\.node: .*(file too short|invalid ELF header)/,
      );
      expect(run.stderr).toContain('RosterDesk cannot start: ');
      expect(run.stderr).not.toMatch(/^\s+at /m);
    } finally {
      data.cleanup();
    }
  });
});

describe("Electron's main process with its database module in place", () => {
  it('opens hardened with menu, tray and window, syncs the demo in its worker threads, and quits cleanly', async () => {
    // This Node plays Electron, so the build it loads is the "Electron build" here.
    placeBinding(fs.readFileSync(NODE_BUILD));
    const data = makeTempDir();
    try {
      const run = await runMain({ ROSTERDESK_DATA_DIR: data.dir, STUB_SCRIPT: 'demo' });
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(run.code).toBe(0);
      expect(calls(run, 'dialog')).toEqual([]);
      expect(calls(run, 'applicationMenu')).toEqual([
        ['&File', '&Edit', '&View', '&Go', 'windowMenu'],
      ]);
      expect(calls(run, 'tray')).toHaveLength(1);
      const [window] = calls(run, 'window') as { webPreferences: Record<string, unknown> }[];
      expect(window?.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        preload: path.join(built.dir, 'out/preload/index.cjs'),
      });
      expect(calls(run, 'loadURL')).toEqual([
        `file://${path.join(built.dir, 'out/renderer/index.html')}`,
      ]);

      const replies = calls(run, 'reply') as {
        channel: string;
        reply: { ok: boolean; value: unknown };
      }[];
      const reply = (channel: string) => replies.find((r) => r.channel === channel)?.reply;
      expect(reply('app.status')).toMatchObject({ ok: true, value: { transport: 'electron' } });
      expect(reply('desktop.setPreferences')).toEqual({
        ok: true,
        value: { supported: true, preferences: { closeToTray: 'never', startAtLogin: false } },
      });
      expect(reply('demo.open')).toMatchObject({ ok: true });
      // The snapshot lanes and the diagnostics run in worker threads, each loading the binding
      // the main process chose.
      expect(reply('sync.jobs')).toMatchObject({ ok: true, value: [{ state: 'complete' }] });
      expect(reply('diagnostics.startHere')).toMatchObject({ ok: true });
      // The sync's progress reached the window as events on the event channel, ending complete.
      const events = calls(run, 'event') as { channel: string; name: string; payload: unknown }[];
      const sync = events.filter((e) => e.name === 'sync.progress');
      expect(sync.every((e) => e.channel === 'rosterdesk:event')).toBe(true);
      expect(sync.at(-1)?.payload).toMatchObject({ state: 'complete' });
      // The window was not in front when the sync ended: a notification, whose click opens the
      // dashboard in the window again.
      expect(calls(run, 'notification')).toEqual([
        {
          title: 'Demo district (ClassLink) synced',
          body: expect.stringMatching(/^The roster is read \(.* warnings?\)\. Open the dashboard/),
        },
      ]);
      expect(calls(run, 'executeJavaScript')).toContain('window.location.hash = "#/dashboard";');
      expect(calls(run, 'trayTooltip').at(-1)).toMatch(
        /^RosterDesk: Demo district \(ClassLink\) synced \(/,
      );

      const log = fs.readFileSync(path.join(data.dir, 'logs/rosterdesk.log'), 'utf8');
      expect(log).toContain('desktop: tray icon shown');
      expect(log).not.toMatch(/ ERROR /);
      expect(JSON.parse(fs.readFileSync(path.join(data.dir, 'window.json'), 'utf8'))).toEqual({
        x: 10,
        y: 20,
        width: 1280,
        height: 820,
        maximized: false,
      });
    } finally {
      data.cleanup();
    }
  }, 120_000);
});
