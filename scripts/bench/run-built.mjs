// `node scripts/bench/run-built.mjs <bench> [args]`: bundles the benchmark with esbuild the way the
// app ships (plain JavaScript, the worker threads as their own files beside it, the migrations
// copied), then runs it in a fresh Node process. Run from source under tsx, each thread also
// carries the TypeScript loader (about 35 MB in the main thread alone), which the shipped app does
// not, so memory measured that way is not the app's.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const [name, ...args] = process.argv.slice(2);
if (!name) throw new Error('usage: run-built.mjs <bench name> [args]');
const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'out/bench');
fs.rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: {
    [name]: path.join(root, `scripts/bench/${name}.ts`),
    'snapshot-lane-worker': path.join(root, 'electron/core/ingest/snapshot-lane-worker.ts'),
    'diagnostics-worker': path.join(root, 'electron/core/diagnostics/diagnostics-worker.ts'),
  },
  outdir: out,
  outExtension: { '.js': '.js' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
fs.cpSync(path.join(root, 'electron/core/db/migrations'), path.join(out, 'migrations'), {
  recursive: true,
});
const run = spawnSync(process.execPath, [path.join(out, `${name}.js`), ...args], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
