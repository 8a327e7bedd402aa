import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

/** Runs a benchmark at a tiny scale: it must finish and print its JSON line (timings are not judged). */
function bench(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const KEYS = [
  'source',
  'rows',
  'seconds',
  'rowsPerSec',
  'limitRowsPerSec',
  'ratio',
  'peakRssMb',
  'indexSeconds',
  'searchMs',
];

describe('bench:ingest still runs (a snapshot column added must reach its pinned baseline too)', () => {
  it.each(['rest', 'csv'])(
    '--source %s at a tiny scale prints its JSON line',
    async (source) => {
      const { code, out } = await bench([
        'scripts/bench/ingest-bench.ts',
        '--scale',
        '0.0005',
        '--source',
        source,
      ]);
      expect(code, out).toBe(0);
      const line = out.split('\n').find((l) => l.startsWith('{"source"')) ?? '{}';
      expect(Object.keys(JSON.parse(line) as object)).toEqual(KEYS);
    },
    120_000,
  );
});
