import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { makeTempDir } from '../helpers/temp-dir';

const root = path.resolve(import.meta.dirname, '../..');
const READY = /RosterDesk is running at (http:\/\/127\.0\.0\.1:(\d+)\/#token=[A-Za-z0-9_-]+)/;

export interface HostProcess {
  url: string;
  port: number;
  /** Everything the host printed, stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the real browser host (`npm run host`) on a data dir, as a separate process. */
async function startHost(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/host/cli.ts', '--data-dir', dataDir],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`host did not start in 30 s:\n${output}`)),
      30_000,
    );
    const check = () => {
      const found = READY.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code} before it was ready:\n${output}`));
    });
  });
  return {
    url: match[1] ?? '',
    port: Number(match[2]),
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Opens a screen from the navigation. */
export async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

/** Opens the demo district from the dashboard and waits for its ClassLink sync to finish. */
export async function openDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the demo district' }).click();
  // Waits for the sync's end or the demo's refusal, so a failure says which and why.
  const ended = page.getByRole('status', { name: /^Last sync of Demo district \(ClassLink\): / });
  const refused = page.getByRole('alert').filter({ hasText: 'The demo district could not start' });
  await expect(ended.or(refused).first()).toBeVisible({ timeout: 30_000 });
  if (await refused.count()) throw new Error(`demo refused: ${await refused.first().innerText()}`);
  await expect(ended).toHaveAccessibleName('Last sync of Demo district (ClassLink): synced');
}

/**
 * A fresh data dir per test; `launch` starts hosts that are stopped when the test ends, pass or
 * fail; `host` is one already running on the data dir.
 */
export const test = base.extend<{ dataDir: string; launch: typeof startHost; host: HostProcess }>({
  dataDir: async ({}, use) => {
    const tmp = makeTempDir('rosterdesk-e2e-');
    await use(tmp.dir);
    tmp.cleanup();
  },
  launch: async ({}, use) => {
    const started: HostProcess[] = [];
    await use(async (dataDir, env) => {
      const host = await startHost(dataDir, env);
      started.push(host);
      return host;
    });
    await Promise.all(started.map((h) => h.stop()));
  },
  host: async ({ dataDir, launch }, use) => {
    await use(await launch(dataDir));
  },
});

export { expect };

/** Approves every staged change from the Changes screen, through its confirmation. */
export async function approveAll(page: Page, staged: number | string): Promise<void> {
  await page.getByRole('button', { name: `Approve all staged (${staged})` }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Approve \d+$/ })
    .click();
}

/** Pushes the approved changes, through the confirmation that shows what goes and the seats. */
export async function pushApproved(page: Page, approved: number | string): Promise<void> {
  await page.getByRole('button', { name: `Push ${approved} approved` }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Push \d+ changes?$/ })
    .click();
}
