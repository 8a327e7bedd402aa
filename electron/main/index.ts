import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain } from 'electron';
import { openAppServices } from '../core/app/app-services';
import type { AppServices } from '../core/app/app-services';
import { createHandlers } from '../core/handlers';
import { registerIpc, trustedUrlMatcher } from './ipc-adapter';
import { hardenApp, openExternalSafely } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
// The dev server's URL becomes the trusted IPC origin, so it is honoured only in development.
const rendererUrl =
  (!app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined) ??
  pathToFileURL(path.join(here, '../renderer/index.html')).href;
const isTrustedUrl = trustedUrlMatcher(rendererUrl);
let services: AppServices | null = null;

hardenApp(isTrustedUrl);

// A second launch (double-click) hands over to the first, which comes to the front; the data-folder
// lock below still refuses any other process (the browser host, the CLI) on the same folder.
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();
app.on('second-instance', () => {
  const [window] = BrowserWindow.getAllWindows();
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
});

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'RosterDesk',
    show: false,
    // Spelled out here, where reviewers and Electronegativity look for them.
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
}

void app.whenReady().then(() => {
  if (!firstInstance) return;
  try {
    const dataDir = process.env.ROSTERDESK_DATA_DIR ?? app.getPath('userData');
    services = openAppServices({ dataDir, owner: 'the RosterDesk window' });
  } catch (error) {
    dialog.showErrorBox(
      'RosterDesk cannot open its cache',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(2);
    return;
  }
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
  });
  registerIpc(ipcMain, table, services.logger, isTrustedUrl);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void services?.close();
  services = null;
});
