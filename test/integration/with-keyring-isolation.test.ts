import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/processes';

const SCRIPT = path.join(ROOT, 'scripts/with-keyring.sh');

/** `scripts/with-keyring.sh bash -c <script>` as its own process: what it printed, and its code. */
function session(script: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn('bash', [SCRIPT, 'bash', '-c', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

/** Processes whose command line contains `text` (Linux: /proc/<pid>/cmdline). */
function processesNaming(text: string): string[] {
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    });
}

describe("the tests' keyring session shares nothing with other runs", () => {
  it.runIf(process.platform === 'linux')(
    'its runtime, cache, settings and keyring folders are its own, private, and gone with its daemon afterwards',
    async () => {
      const { code, out, err } = await session(
        'for v in XDG_RUNTIME_DIR XDG_CACHE_HOME XDG_CONFIG_HOME XDG_DATA_HOME; do printf "%s=%s\\n" "$v" "${!v}"; done',
      );
      expect(code, err).toBe(0);
      const dirs = Object.fromEntries(
        out
          .trim()
          .split('\n')
          .map((line) => line.split('=') as [string, string]),
      );
      const home = os.homedir();
      for (const name of [
        'XDG_RUNTIME_DIR',
        'XDG_CACHE_HOME',
        'XDG_CONFIG_HOME',
        'XDG_DATA_HOME',
      ]) {
        const dir = dirs[name] ?? '';
        // Before: only XDG_DATA_HOME was set; the control sockets went under $HOME/.cache.
        expect(dir, name).toMatch(/^\/tmp\/rosterdesk-keyring\.[^/]+\//);
        expect(dir.startsWith(home), name).toBe(false);
        expect(fs.existsSync(dir), `${name} removed`).toBe(false);
      }
      const sessionDir = path.dirname(dirs.XDG_RUNTIME_DIR ?? '');
      // Before: every run left its gnome-keyring-daemon running.
      expect(processesNaming(sessionDir)).toEqual([]);
    },
    30_000,
  );

  it.runIf(process.platform === 'linux')(
    'a run keeps its keychain while other runs start and end beside it, and sees none of their secrets',
    async () => {
      const checks = session(
        `node --import tsx ${path.join(ROOT, 'test/helpers/keychain-probe-loop.ts')} 400`,
      );
      for (let i = 0; i < 3; i++) {
        const other = await session(
          `node --input-type=module -e "const k = await import('@napi-rs/keyring'); new k.Entry('RosterDesk', 'other-run', { linux: { store: 'secret-service' } }).setPassword('x')"`,
        );
        expect(other.code, other.err).toBe(0);
      }
      const result = await checks;
      expect(result.code, result.err).toBe(0);
      expect(JSON.parse(result.out)).toEqual({ unavailable: 0, reason: '' });
      const seen = await session(
        `node --input-type=module -e "const k = await import('@napi-rs/keyring'); process.stdout.write(String(new k.Entry('RosterDesk', 'other-run', { linux: { store: 'secret-service' } }).getPassword() ?? null))"`,
      );
      expect(seen.out).toBe('null');
    },
    60_000,
  );
});
