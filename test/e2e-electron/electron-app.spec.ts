import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { makeTempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../..');

function electronBinary(): string | null {
  try {
    const relative = fs
      .readFileSync(path.join(root, 'node_modules/electron/path.txt'), 'utf8')
      .trim();
    const full = path.join(root, 'node_modules/electron/dist', relative);
    return fs.existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('the Electron window', () => {
  test.skip(
    binary === null,
    'The Electron binary is not installed: its download host cannot be reached from this machine, so only the browser host is tested here.',
  );

  test('opens hardened, with the preload bridge and the same handlers', async () => {
    execFileSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], {
      cwd: root,
      stdio: 'inherit',
    });
    const tmp = makeTempDir('rosterdesk-electron-');
    const app = await electron.launch({
      executablePath: binary ?? undefined,
      args: [root],
      env: { ...process.env, ROSTERDESK_DATA_DIR: tmp.dir },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { level: 2, name: 'Dashboard' })).toBeVisible();
      expect(
        await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
      ).toBe('undefined');
      const status = await window.evaluate(() =>
        (
          window as unknown as { rosterdesk: { invoke(c: string, p: unknown): Promise<unknown> } }
        ).rosterdesk.invoke('app.status', {}),
      );
      expect(status).toMatchObject({ ok: true, value: { transport: 'electron' } });
    } finally {
      await app.close();
      tmp.cleanup();
    }
  });
});
