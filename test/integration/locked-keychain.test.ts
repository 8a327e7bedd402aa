import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/processes';
import { makeTempDir } from '../helpers/temp-dir';

const tmp = makeTempDir('rosterdesk-locked-');
afterAll(() => tmp.cleanup());

describe('a locked keychain', () => {
  it.runIf(process.platform === 'linux')(
    'sync.start and platform.pull answer KEYCHAIN_UNAVAILABLE with what to do, never INTERNAL',
    async () => {
      // Its own keyring session: locking the shared one would fail every test beside it.
      const child = spawn(
        'bash',
        [
          path.join(ROOT, 'scripts/with-keyring.sh'),
          process.execPath,
          '--import',
          'tsx',
          path.join(ROOT, 'test/helpers/locked-keychain-run.ts'),
          path.join(tmp.dir, 'data'),
        ],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const code = await new Promise((r) => child.on('exit', r));
      expect(code, err).toBe(0);
      const replies = JSON.parse(out) as Record<
        string,
        { ok: boolean; error?: { code: string; message: string } }
      >;
      for (const [channel, reply] of Object.entries(replies)) {
        expect(reply.ok, channel).toBe(false);
        // Before: INTERNAL, "something went wrong".
        expect(reply.error?.code, channel).toBe('KEYCHAIN_UNAVAILABLE');
        expect(reply.error?.message, channel).toMatch(
          /unlock prompt was dismissed.*Unlock your keychain, then try again; nothing was changed\.$/,
        );
      }
    },
    60_000,
  );
});
