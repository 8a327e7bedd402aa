import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/** Where the build goes: `out/` (electron-builder packs it); a test builds elsewhere to check the layout. */
const OUT = process.env.ROSTERDESK_OUT_DIR ?? 'out';

/** The SQL migrations and the PDF fonts are read at run time from beside the bundled main script. */
function copyMigrations(): Plugin {
  const copy = (fromDir: string, toDir: string) => {
    const from = path.resolve(fromDir);
    const to = path.resolve(toDir);
    fs.mkdirSync(to, { recursive: true });
    for (const file of fs.readdirSync(from))
      fs.copyFileSync(path.join(from, file), path.join(to, file));
  };
  return {
    name: 'rosterdesk-copy-migrations',
    closeBundle() {
      copy('electron/core/db/migrations', path.join(OUT, 'main/migrations'));
      copy('resources/fonts', path.join(OUT, 'main/fonts'));
    },
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: path.join(OUT, 'main'),
      rollupOptions: {
        input: {
          index: path.resolve('electron/main/index.ts'),
          'diagnostics-worker': path.resolve('electron/core/diagnostics/diagnostics-worker.ts'),
          'snapshot-lane-worker': path.resolve('electron/core/ingest/snapshot-lane-worker.ts'),
          'bulk-worker': path.resolve('electron/core/background/bulk-worker.ts'),
        },
        external: ['better-sqlite3', '@napi-rs/keyring'],
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(OUT, 'preload'),
      rollupOptions: {
        input: { index: path.resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react()],
    build: {
      outDir: path.resolve(OUT, 'renderer'),
      rollupOptions: { input: path.resolve('renderer/index.html') },
    },
  },
});
