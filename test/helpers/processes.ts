import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/rosterdesk.mjs');

export interface Finished {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

/** `rosterdesk <args>` in its own process, as a user runs it. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return collect(
    spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** A renderer folder with just an index page: enough for the browser host to start. */
export function stubRenderer(dir: string): string {
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>stub</title>');
  return rendererDir;
}

export interface HostProcess {
  child: ChildProcess;
  /** Resolves with the URL once the host serves, or with the exit once it gave up. */
  ready: Promise<{ url: string } | Finished>;
  exited: Promise<Finished>;
}

/** `npm run host` in its own process on a data folder. */
export function startHostProcess(
  dataDir: string,
  rendererDir: string,
  env: NodeJS.ProcessEnv = {},
): HostProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'electron/host/cli.ts'),
      '--data-dir',
      dataDir,
      '--renderer-dir',
      rendererDir,
      '--port',
      '0',
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = collect(child);
  const ready = new Promise<{ url: string } | Finished>((resolve) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /running at (\S+)/.exec(out);
      if (match?.[1]) resolve({ url: match[1] });
    });
    void exited.then(resolve);
  });
  return { child, ready, exited };
}

/** Calls a running host's API as the page does: the channel's reply, or an error with its message. */
export function hostApi(url: string): (channel: string, body?: unknown) => Promise<unknown> {
  const origin = new URL(url).origin;
  const token = new URL(url).hash.replace('#token=', '');
  return async (channel, body = {}) => {
    const response = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = (await response.json()) as {
      ok: boolean;
      value?: unknown;
      error?: { message?: string };
    };
    if (!reply.ok) throw new Error(`${channel}: ${reply.error?.message ?? 'failed'}`);
    return reply.value;
  };
}
