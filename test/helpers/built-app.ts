import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * `electron-vite build` as `npm run package` runs it, into a folder of its own (out/ stays as it
 * is) under node_modules/.cache, so the built main process resolves its dependencies as the app's.
 * `dir` plays the app's root: `dir/out/main/index.js`, and `dir/native/…` where a test puts it.
 */
export function buildApp(): { dir: string; cleanup(): void } {
  const dir = path.join(ROOT, 'node_modules/.cache/rosterdesk-builds', crypto.randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/electron-vite'),
    ['build', '--logLevel', 'error'],
    {
      cwd: ROOT,
      env: { ...process.env, ROSTERDESK_OUT_DIR: path.join(dir, 'out') },
      stdio: 'pipe',
    },
  );
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
