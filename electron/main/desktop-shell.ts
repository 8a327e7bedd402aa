import { BrowserWindow, Menu, Notification, Tray, app, nativeImage, screen } from 'electron';
import type { DesktopPreferences } from '../../shared/domain/desktop';
import type { ScreenId } from '../../shared/domain/screens';
import type { SyncJob } from '../../shared/domain/snapshot';
import type { AppServices } from '../core/app/app-services';
import { appMenuTemplate, showScreenScript } from './app-menu';
import { DesktopPreferencesFile, closeKeepsRunning } from './desktop-preferences';
import { launchCommand, setLinuxAutostart } from './login-item';
import { noticeForSync, shouldNotify } from './notifications';
import { trayIconBitmap } from './tray-icon';
import { trayMenuTemplate, trayStatus } from './tray-menu';
import type { LastSync } from './tray-menu';
import { MIN_SIZE, placeWindow, readWindowState, writeWindowState } from './window-state';

export interface DesktopShellOptions {
  services: AppServices;
  rendererUrl: string;
  preload: string;
  /** How many connections have a sync schedule: closing keeps running in the tray while any do. */
  schedulesSet: () => number;
}

/** The newest sync the cache knows of, for the tray at start. */
function lastSyncOf(services: AppServices): LastSync | null {
  const newest = services.snapshots
    .list()
    .reduce<ReturnType<AppServices['snapshots']['list']>[number] | null>(
      (best, s) => (best === null || s.id > best.id ? s : best),
      null,
    );
  if (!newest) return null;
  const name = services.connections.list().find((c) => c.id === newest.connectionId)?.name;
  return {
    connectionName: name ?? newest.sourceLabel,
    state: newest.status,
    at: newest.finishedAt ?? newest.startedAt,
    error: newest.error,
  };
}

/**
 * The desktop app around the console: the window (remembering where it was), the application
 * menu, the tray with the last sync's state, OS notifications and start at login.
 */
export class DesktopShell {
  readonly preferences: DesktopPreferencesFile;
  private window: BrowserWindow | null = null;
  private tray: Tray | null = null;
  private last: LastSync | null;
  private quitting = false;

  constructor(private readonly options: DesktopShellOptions) {
    this.preferences = new DesktopPreferencesFile(
      options.services.dataDir,
      options.services.logger,
    );
    this.last = lastSyncOf(options.services);
  }

  start(): void {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          platform: process.platform,
          packaged: app.isPackaged,
          appName: app.name,
          go: (screenId) => this.show(screenId),
        }),
      ),
    );
    this.createTray();
    this.applyLoginItem(this.preferences.get());
    this.options.services.syncJobs.onFinished((job) => this.syncFinished(job));
    app.on('before-quit', () => {
      this.quitting = true;
    });
    this.show();
  }

  /** True while closing the window should leave RosterDesk in the tray. */
  keepsRunning(): boolean {
    return (
      this.tray !== null && closeKeepsRunning(this.preferences.get(), this.options.schedulesSet())
    );
  }

  setPreferences(patch: Partial<DesktopPreferences>): DesktopPreferences {
    const before = this.preferences.get();
    const after = this.preferences.set(patch);
    if (after.startAtLogin !== before.startAtLogin) this.applyLoginItem(after);
    this.refreshTray();
    return after;
  }

  /** Brings the window to the front (making it again after a close to the tray), on a screen. */
  show(screenId?: ScreenId): void {
    const window = this.window ?? this.createWindow(screenId);
    if (window.isMinimized()) window.restore();
    if (!window.isVisible()) window.show();
    window.focus();
    if (screenId && this.window === window && !window.webContents.isLoading())
      void window.webContents.executeJavaScript(showScreenScript(screenId));
  }

  private createWindow(screenId?: ScreenId): BrowserWindow {
    const dataDir = this.options.services.dataDir;
    const place = placeWindow(
      readWindowState(dataDir),
      screen.getAllDisplays().map((d) => d.workArea),
    );
    const window = new BrowserWindow({
      ...place.bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      title: 'RosterDesk',
      show: false,
      // Spelled out here, where reviewers and Electronegativity look for them.
      webPreferences: {
        preload: this.options.preload,
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
    if (place.maximized) window.maximize();
    window.once('ready-to-show', () => window.show());
    window.on('close', (event) => {
      writeWindowState(dataDir, {
        ...window.getNormalBounds(),
        maximized: window.isMaximized(),
      });
      if (!this.quitting && this.keepsRunning()) {
        event.preventDefault();
        window.hide();
      }
    });
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    this.window = window;
    const url = screenId
      ? `${this.options.rendererUrl.split('#')[0]}#/${screenId}`
      : this.options.rendererUrl;
    void window.loadURL(url);
    return window;
  }

  private createTray(): void {
    try {
      this.tray = new Tray(this.icon());
      this.tray.on('click', () => this.show());
      this.refreshTray();
      this.options.services.logger.info('desktop: tray icon shown');
    } catch (error) {
      // A desktop without a status area: the app still works, closing the window then quits.
      this.tray = null;
      this.options.services.logger.warn(
        `no tray icon on this desktop (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }

  private icon(): Electron.NativeImage {
    const status = trayStatus(this.last);
    const size = process.platform === 'darwin' ? 18 : 32;
    return nativeImage.createFromBitmap(trayIconBitmap(status.tone, size), {
      width: size,
      height: size,
    });
  }

  private refreshTray(): void {
    if (!this.tray) return;
    const status = trayStatus(this.last);
    this.tray.setImage(this.icon());
    this.tray.setToolTip(status.line);
    this.tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate({
          status,
          preferences: this.preferences.get(),
          open: (screenId) => this.show(screenId),
          setPreferences: (patch) => void this.setPreferences(patch),
          quit: () => {
            this.quitting = true;
            app.quit();
          },
        }),
      ),
    );
  }

  private syncFinished(job: SyncJob): void {
    this.last = {
      connectionName: job.connectionName,
      state: job.state,
      at: job.finishedAt,
      error: job.error,
    };
    this.refreshTray();
    const notice = noticeForSync(job);
    const window = this.window;
    if (
      !notice ||
      !Notification.isSupported() ||
      !shouldNotify(window ? { visible: window.isVisible(), focused: window.isFocused() } : null)
    )
      return;
    const notification = new Notification({ title: notice.title, body: notice.body });
    notification.on('click', () => this.show(notice.screen));
    notification.show();
  }

  private applyLoginItem(preferences: DesktopPreferences): void {
    try {
      if (process.platform === 'linux')
        setLinuxAutostart(
          preferences.startAtLogin,
          launchCommand({
            execPath: process.execPath,
            packaged: app.isPackaged,
            appPath: app.getAppPath(),
            appImage: process.env.APPIMAGE,
          }),
        );
      else app.setLoginItemSettings({ openAtLogin: preferences.startAtLogin });
    } catch (error) {
      this.options.services.logger.warn(
        `start at login could not be ${preferences.startAtLogin ? 'set' : 'removed'} (${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
}
