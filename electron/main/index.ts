import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, ipcMain } from 'electron';
import { openAppServices } from '../core/app/app-services';
import type { AppServices } from '../core/app/app-services';
import { createHandlers } from '../core/handlers';
import { registerIpc, trustedUrlMatcher } from './ipc-adapter';
import { hardenApp, openExternalSafely } from './security';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ??
  pathToFileURL(path.join(here, '../renderer/index.html')).href;
const isTrustedUrl = trustedUrlMatcher(rendererUrl);
let services: AppServices | null = null;

hardenApp(isTrustedUrl);

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
  try {
    const dataDir = process.env.ROSTERDESK_DATA_DIR ?? app.getPath('userData');
    services = openAppServices({ dataDir });
  } catch (error) {
    dialog.showErrorBox(
      'RosterDesk cannot open its cache',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(2);
    return;
  }
  const table = createHandlers(services, { openExternal: openExternalSafely });
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
