import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * A benchmark's helper script in a child process of its own (the roster server, the CSV zip
 * writer), run from source under tsx at the benchmark's scale, ready when it prints `READY <value>`
 * on stdout.
 */
export function readyChild(
  script: string,
  scale: number,
  extra: string[] = [],
): { child: ChildProcess; ready: Promise<string> } {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, script), '--scale', String(scale), ...extra],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, ready };
}
