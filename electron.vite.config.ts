import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/** The SQL migrations are read at run time from beside the bundled main script. */
function copyMigrations(): Plugin {
  return {
    name: 'rosterdesk-copy-migrations',
    closeBundle() {
      const from = path.resolve('electron/core/db/migrations');
      const to = path.resolve('out/main/migrations');
      fs.mkdirSync(to, { recursive: true });
      for (const file of fs.readdirSync(from))
        fs.copyFileSync(path.join(from, file), path.join(to, file));
    },
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: path.resolve('electron/main/index.ts'),
          'diagnostics-worker': path.resolve('electron/core/diagnostics/diagnostics-worker.ts'),
        },
        external: ['better-sqlite3', '@napi-rs/keyring'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
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
      outDir: path.resolve('out/renderer'),
      rollupOptions: { input: path.resolve('renderer/index.html') },
    },
  },
});
