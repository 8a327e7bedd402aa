import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronNativeProblem } from '../../scripts/electron-native.mjs';
import { makeTempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../..');

/** The Electron binary, with better-sqlite3 built for it, or why the window cannot be tested here. */
function electronBinary(): { path: string } | { reason: string } {
  const problem = electronNativeProblem(root);
  if (problem) return { reason: problem };
  const relative = fs
    .readFileSync(path.join(root, 'node_modules/electron/path.txt'), 'utf8')
    .trim();
  return { path: path.join(root, 'node_modules/electron/dist', relative) };
}

/** A display for the window: the session's own, or a private Xvfb started for the test. */
async function display(): Promise<
  { env: Record<string, string>; stop(): void } | { reason: string }
> {
  if (process.env.DISPLAY || process.platform !== 'linux') return { env: {}, stop: () => {} };
  if (spawnSync('sh', ['-c', 'command -v Xvfb'], { stdio: 'ignore' }).status !== 0)
    return { reason: 'no display and no Xvfb (apt-get install xvfb)' };
  const number = 90 + (process.pid % 100);
  const server: ChildProcess = spawn('Xvfb', [`:${number}`, '-screen', '0', '1440x900x24'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 50 && !fs.existsSync(`/tmp/.X11-unix/X${number}`); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return { env: { DISPLAY: `:${number}` }, stop: () => server.kill() };
}

const binary = electronBinary();
type Rosterdesk = { rosterdesk: { invoke(c: string, p: unknown): Promise<unknown> } };

test.describe('the Electron window', () => {
  test.skip(
    'reason' in binary,
    `Electron cannot start here, so only the browser host is tested: ${'reason' in binary ? binary.reason : ''}. Under a display (xvfb-run npm test) where Electron and its better-sqlite3 build exist, this runs.`,
  );

  test('starts hardened, opens the demo, syncs, has its tray and menu, and quits cleanly', async () => {
    execFileSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], {
      cwd: root,
      stdio: 'inherit',
    });
    const screen = await display();
    test.skip('reason' in screen, 'reason' in screen ? screen.reason : '');
    if ('reason' in screen) return;
    const tmp = makeTempDir('rosterdesk-electron-');
    const app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: [root],
      env: { ...process.env, ...screen.env, ROSTERDESK_DATA_DIR: tmp.dir },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { level: 2, name: 'Dashboard' })).toBeVisible();
      expect(
        await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
      ).toBe('undefined');
      const status = await window.evaluate(() =>
        (window as unknown as Rosterdesk).rosterdesk.invoke('app.status', {}),
      );
      expect(status).toMatchObject({ ok: true, value: { transport: 'electron' } });

      // The demo district syncs through the Electron build of better-sqlite3, in both worker threads.
      await window.getByRole('button', { name: 'Open the demo district' }).click();
      await expect(
        window.getByRole('status', { name: 'Last sync of Demo district (ClassLink): synced' }),
      ).toBeVisible({ timeout: 60_000 });
      await expect(window.getByRole('region', { name: 'Start here' })).toContainText(
        'Demo district (ClassLink)',
      );

      const menu = await app.evaluate(({ Menu }) =>
        Menu.getApplicationMenu()?.items.map((i) => i.label.replace('&', '')),
      );
      expect(menu).toEqual(expect.arrayContaining(['Edit', 'View', 'Go']));
      // Go → Changes (Ctrl+6): the menu item's own click, as a press of its shortcut would.
      await app.evaluate(({ Menu }) => {
        const go = Menu.getApplicationMenu()?.items.find((i) => i.label === '&Go');
        go?.submenu?.items[5]?.click();
      });
      await expect(window.getByRole('heading', { level: 2, name: 'Changes' })).toBeVisible();

      const desktop = await window.evaluate(() =>
        (window as unknown as Rosterdesk).rosterdesk.invoke('desktop.preferences', {}),
      );
      expect(desktop).toMatchObject({
        ok: true,
        value: { supported: true, preferences: { startAtLogin: false } },
      });
    } finally {
      await app.close();
      screen.stop();
    }
    const log = fs.readFileSync(path.join(tmp.dir, 'logs/rosterdesk.log'), 'utf8');
    expect(log).toContain('desktop: tray icon shown');
    expect(log).not.toMatch(/ ERROR /);
    expect(fs.existsSync(path.join(tmp.dir, 'window.json'))).toBe(true);
    tmp.cleanup();
  });
});
