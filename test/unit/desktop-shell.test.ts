import fs from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { screens } from '../../shared/domain/screens';
import type { ScreenId } from '../../shared/domain/screens';
import type { SyncJob } from '../../shared/domain/snapshot';
import { appMenuTemplate, showScreenScript } from '../../electron/main/app-menu';
import { DesktopPreferencesFile, closeKeepsRunning } from '../../electron/main/desktop-preferences';
import { autostartEntry, launchCommand, setLinuxAutostart } from '../../electron/main/login-item';
import { noticeForSync, shouldNotify } from '../../electron/main/notifications';
import { TONE_COLOURS, trayIconBitmap } from '../../electron/main/tray-icon';
import { trayMenuTemplate, trayStatus } from '../../electron/main/tray-menu';
import { placeWindow } from '../../electron/main/window-state';
import { makeTempDir } from '../helpers/temp-dir';
import { memoryLogger } from '../helpers/silent-logger';

type Item = MenuItemConstructorOptions;
const submenu = (items: Item[], label: string): Item[] =>
  (items.find((i) => i.label === label)?.submenu as Item[] | undefined) ?? [];
const click = (item: Item | undefined, checked?: boolean) =>
  (item?.click as ((i: { checked?: boolean }) => void) | undefined)?.({ checked });

describe('the application menu', () => {
  const build = (packaged: boolean, platform: NodeJS.Platform = 'linux') => {
    const went: ScreenId[] = [];
    const template = appMenuTemplate({
      platform,
      packaged,
      appName: 'RosterDesk',
      go: (s) => went.push(s),
    });
    return { template, went };
  };

  it('has the standard Edit items, so copy and paste work in forms', () => {
    const edit = submenu(build(true).template, '&Edit').map((i) => i.role);
    expect(edit).toEqual(
      expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']),
    );
  });

  it('offers Reload always and Developer Tools only when not packaged', () => {
    const roles = (packaged: boolean) =>
      submenu(build(packaged).template, '&View').map((i) => i.role);
    expect(roles(true)).toContain('reload');
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('has a shortcut for each main screen, in the navigation order, that opens it', () => {
    const { template, went } = build(true);
    const go = submenu(template, '&Go');
    expect(go.map((i) => [i.label, i.accelerator])).toEqual(
      // Ctrl+1…9 and 0 in the navigation's order; Settings is Ctrl+, as in most desktop apps.
      screens.map((s, i) => [
        s.label,
        s.id === 'settings' ? 'CmdOrCtrl+,' : i < 10 ? `CmdOrCtrl+${(i + 1) % 10}` : undefined,
      ]),
    );
    click(go[1]);
    click(go[5]);
    expect(went).toEqual(['users', 'changes']);
  });

  it('on macOS starts with the app menu holding Quit', () => {
    const [first] = build(true, 'darwin').template;
    expect(first?.label).toBe('RosterDesk');
    expect((first?.submenu as Item[]).map((i) => i.role)).toContain('quit');
  });

  it('shows a screen by setting the hash the renderer routes on', () => {
    expect(showScreenScript('changes')).toBe('window.location.hash = "#/changes";');
  });
});

describe('the tray', () => {
  const job = (state: SyncJob['state'], extra: Partial<SyncJob> = {}): SyncJob => ({
    jobId: 'j',
    connectionId: 'c',
    connectionName: 'Springfield ClassLink',
    state,
    startedAt: '2026-12-04T08:00:00.000Z',
    finishedAt: '2026-12-04T08:01:00.000Z',
    streams: [],
    snapshotId: 1,
    warnings: 0,
    error: null,
    retries: 0,
    ...extra,
  });

  it("says the last sync's state, in the icon's colour and the tooltip", () => {
    expect(trayStatus(null)).toEqual({ tone: 'none', line: 'RosterDesk: no sync yet' });
    const at = '2026-12-04T08:01:00.000Z';
    const ok = trayStatus(
      { connectionName: 'Springfield ClassLink', state: 'complete', at, error: null },
      'en-US',
    );
    expect(ok.tone).toBe('ok');
    expect(ok.line).toMatch(
      /^RosterDesk: Springfield ClassLink synced \(Dec 4, 2026, \d+:01 [AP]M\)$/,
    );
    expect(
      trayStatus({ connectionName: 'Clever', state: 'failed', at, error: 'HTTP 401' }).tone,
    ).toBe('problem');
    expect(trayStatus({ connectionName: 'Clever', state: 'running', at, error: null }).line).toBe(
      'RosterDesk: syncing Clever…',
    );
  });

  it('its menu opens the console, toggles the two desktop choices and has Quit', () => {
    const opened: (ScreenId | undefined)[] = [];
    const patches: object[] = [];
    let quit = 0;
    const menu = trayMenuTemplate({
      status: trayStatus(null),
      preferences: { closeToTray: 'when-scheduled', startAtLogin: false },
      open: (s) => opened.push(s),
      setPreferences: (p) => patches.push(p),
      quit: () => quit++,
    });
    const byLabel = (label: string) => menu.find((i) => i.label === label);
    expect(menu[0]).toEqual({ label: 'RosterDesk: no sync yet', enabled: false });
    click(byLabel('Open RosterDesk'));
    click(byLabel('Changes waiting'));
    expect(opened).toEqual([undefined, 'changes']);
    expect(byLabel('Keep running when the window is closed')?.checked).toBe(false);
    click(byLabel('Keep running when the window is closed'), true);
    click(byLabel('Start at login'), true);
    expect(patches).toEqual([{ closeToTray: 'always' }, { startAtLogin: true }]);
    click(byLabel('Quit RosterDesk'));
    expect(quit).toBe(1);
  });

  it('draws its icon as BGRA pixels: a badge in the state colour, transparent corners', () => {
    const size = 32;
    const pixels = trayIconBitmap('problem', size);
    expect(pixels.length).toBe(size * size * 4);
    expect(pixels.readUInt32LE(0)).toBe(0);
    const centre = ((size / 2) * size + size / 2) * 4;
    const [r, g, b] = TONE_COLOURS.problem;
    expect([...pixels.subarray(centre, centre + 4)]).toEqual([b, g, r, 255]);
  });

  it('closing the window keeps RosterDesk running while a schedule is set, or always if chosen', () => {
    const prefs = (closeToTray: 'when-scheduled' | 'always' | 'never') => ({
      closeToTray,
      startAtLogin: false,
    });
    expect(closeKeepsRunning(prefs('when-scheduled'), 0)).toBe(false);
    expect(closeKeepsRunning(prefs('when-scheduled'), 2)).toBe(true);
    expect(closeKeepsRunning(prefs('never'), 2)).toBe(false);
    expect(closeKeepsRunning(prefs('always'), 0)).toBe(true);
  });

  it('notifies a finished sync when the window is not in front, opening the screen it is about', () => {
    expect(noticeForSync(job('complete', { warnings: 1234 }))).toEqual({
      title: 'Springfield ClassLink synced',
      body: 'The roster is read (1,234 warnings). Open the dashboard to see what needs fixing.',
      screen: 'dashboard',
    });
    expect(
      noticeForSync(job('failed', { error: 'The roster service refused the credentials' })),
    ).toEqual({
      title: 'Sync of Springfield ClassLink failed',
      body: 'The roster service refused the credentials. The previous snapshot stays in use.',
      screen: 'connections',
    });
    expect(noticeForSync(job('cancelled'))).toBeNull();
    expect(shouldNotify({ visible: true, focused: true })).toBe(false);
    expect(shouldNotify({ visible: true, focused: false })).toBe(true);
    expect(shouldNotify({ visible: false, focused: false })).toBe(true);
    expect(shouldNotify(null)).toBe(true);
  });
});

describe('the window and the desktop choices', () => {
  const display = { x: 0, y: 0, width: 1920, height: 1080 };

  it('opens where it was, on a display that still exists', () => {
    expect(
      placeWindow({ x: 100, y: 50, width: 1400, height: 900, maximized: false }, [display]),
    ).toEqual({
      bounds: { x: 100, y: 50, width: 1400, height: 900 },
      maximized: false,
    });
  });

  it('a window left on a display that is gone opens at the default size', () => {
    expect(
      placeWindow({ x: 2000, y: 0, width: 1400, height: 900, maximized: true }, [display]),
    ).toEqual({ bounds: { width: 1280, height: 820 }, maximized: true });
  });

  it('a window larger than its display is shrunk to fit it', () => {
    expect(
      placeWindow({ x: -10, y: 0, width: 3000, height: 1000, maximized: false }, [display]),
    ).toEqual({ bounds: { x: 0, y: 0, width: 1920, height: 1000 }, maximized: false });
  });

  it('keeps the choices in a private file, start at login off by default', () => {
    const tmp = makeTempDir();
    try {
      const file = new DesktopPreferencesFile(tmp.dir, memoryLogger());
      expect(file.get()).toEqual({ closeToTray: 'when-scheduled', startAtLogin: false });
      file.set({ startAtLogin: true });
      expect(new DesktopPreferencesFile(tmp.dir, memoryLogger()).get().startAtLogin).toBe(true);
      expect(fs.statSync(path.join(tmp.dir, 'desktop.json')).mode & 0o777).toBe(0o600);
      fs.writeFileSync(path.join(tmp.dir, 'desktop.json'), '{"closeToTray": 7');
      expect(new DesktopPreferencesFile(tmp.dir, memoryLogger()).get()).toEqual({
        closeToTray: 'when-scheduled',
        startAtLogin: false,
      });
    } finally {
      tmp.cleanup();
    }
  });

  it('starts at login on Linux through an XDG autostart entry that runs this app', () => {
    expect(
      launchCommand({ execPath: '/opt/RosterDesk/rosterdesk', packaged: true, appPath: 'x' }),
    ).toEqual(['/opt/RosterDesk/rosterdesk']);
    expect(
      launchCommand({ execPath: '/e/electron', packaged: false, appPath: '/home/a/my rd' }),
    ).toEqual(['/e/electron', '/home/a/my rd']);
    expect(
      launchCommand({
        execPath: '/tmp/.mount/x',
        packaged: true,
        appPath: 'x',
        appImage: '/home/a/RosterDesk.AppImage',
      }),
    ).toEqual(['/home/a/RosterDesk.AppImage']);
    expect(autostartEntry(['/e/electron', '/home/a/my rd'])).toContain(
      'Exec=/e/electron "/home/a/my rd"\n',
    );
    const tmp = makeTempDir();
    try {
      const file = path.join(tmp.dir, 'autostart/rosterdesk.desktop');
      setLinuxAutostart(true, ['/opt/rd'], file);
      expect(fs.readFileSync(file, 'utf8')).toMatch(
        /^\[Desktop Entry\]\nType=Application\nName=RosterDesk\n/,
      );
      setLinuxAutostart(false, ['/opt/rd'], file);
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });
});
