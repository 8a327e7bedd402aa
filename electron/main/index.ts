import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain } from 'electron';
import { openAppServices } from '../core/app/app-services';
import type { AppServices } from '../core/app/app-services';
import {
  ELECTRON_SQLITE_BINDING,
  SQLITE_BINDING_ENV,
  outsideAsar,
} from '../core/db/sqlite-binding';
import { createHandlers } from '../core/handlers';
import { createLogger } from '../core/runtime/logger';
import {
  checkNativeModules,
  currentRuntime,
  describeProblem,
} from '../core/runtime/native-modules';
import { DesktopShell } from './desktop-shell';
import { forwardEvents, registerIpc, trustedUrlMatcher } from './ipc-adapter';
import { hardenApp, openExternalSafely } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
// The dev server's URL becomes the trusted IPC origin, so it is honoured only in development.
const rendererUrl =
  (!app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined) ??
  pathToFileURL(path.join(here, '../renderer/index.html')).href;
const isTrustedUrl = trustedUrlMatcher(rendererUrl);
let services: AppServices | null = null;
let shell: DesktopShell | null = null;

// better-sqlite3 built for Electron's ABI (npm run setup, or the installer): this process reads the
// choice from the environment, and so do the worker threads it starts (snapshot lanes, diagnostics).
process.env[SQLITE_BINDING_ENV] ??= outsideAsar(
  path.join(app.getAppPath(), ELECTRON_SQLITE_BINDING),
);

hardenApp(isTrustedUrl);

// A second launch (double-click) hands over to the first, which comes to the front; the data-folder
// lock below still refuses any other process (the browser host, the CLI) on the same folder.
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();
app.on('second-instance', () => shell?.show());

/** Says why RosterDesk cannot start, in the log, on stderr and in a dialog, then exits 2. */
function cannotStart(title: string, message: string, dataDir: string, detail?: string): void {
  try {
    createLogger({ dataDir }).error(`${title}: ${message}${detail ? ` (${detail})` : ''}`);
  } catch {
    // No log when the data folder itself is the problem: stderr and the dialog still say it.
  }
  process.stderr.write(`${title}: ${message}\n`);
  dialog.showErrorBox(title, message);
  app.exit(2);
}

void app.whenReady().then(() => {
  if (!firstInstance) return;
  const dataDir = process.env.ROSTERDESK_DATA_DIR ?? app.getPath('userData');
  const problem = checkNativeModules(currentRuntime(app.isPackaged));
  if (problem) {
    cannotStart('RosterDesk cannot start', describeProblem(problem), dataDir, problem.detail);
    return;
  }
  try {
    services = openAppServices({ dataDir, owner: 'the RosterDesk window' });
  } catch (error) {
    cannotStart(
      'RosterDesk cannot open its cache',
      error instanceof Error ? error.message : String(error),
      dataDir,
    );
    return;
  }
  const running = services;
  const desktop = new DesktopShell({
    services,
    rendererUrl,
    preload: path.join(here, '../preload/index.cjs'),
    // With a sync scheduled, closing the window keeps RosterDesk running in the tray (by default).
    schedulesSet: () => running.schedules.list().filter((s) => s.schedule.mode !== 'off').length,
  });
  shell = desktop;
  const table = createHandlers(services, {
    openExternal: openExternalSafely,
    pickFile: async () => {
      const [window] = BrowserWindow.getAllWindows();
      const options = {
        title: 'Choose a OneRoster CSV export',
        properties: ['openFile', 'openDirectory'] as ('openFile' | 'openDirectory')[],
        filters: [{ name: 'OneRoster export', extensions: ['zip', 'csv'] }],
      };
      const picked = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    desktop: {
      get: () => desktop.preferences.get(),
      set: (patch) => desktop.setPreferences(patch),
    },
  });
  registerIpc(ipcMain, table, services.logger, isTrustedUrl);
  forwardEvents(
    services.events,
    () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    isTrustedUrl,
  );
  desktop.start();
  app.on('activate', () => desktop.show());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin' && !shell?.keepsRunning()) app.quit();
});

app.on('will-quit', () => {
  void services?.close();
  services = null;
});
