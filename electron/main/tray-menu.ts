import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopPreferences } from '../../shared/domain/desktop';
import type { ScreenId } from '../../shared/domain/screens';
import type { SyncJob } from '../../shared/domain/snapshot';

/** The last sync the tray reports: from the cache at start, then from each sync that ends. */
export interface LastSync {
  connectionName: string;
  state: SyncJob['state'];
  /** When it ended (ISO), or started while running. */
  at: string | null;
  error: string | null;
}

export type TrayTone = 'none' | 'ok' | 'running' | 'problem';

export interface TrayStatus {
  tone: TrayTone;
  /** The tooltip, and the first (disabled) line of the tray menu. */
  line: string;
}

const clock = (iso: string, locale?: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

/** What the tray icon says about the last sync. */
export function trayStatus(last: LastSync | null, locale?: string): TrayStatus {
  if (!last) return { tone: 'none', line: 'RosterDesk: no sync yet' };
  const when = last.at ? ` (${clock(last.at, locale)})` : '';
  switch (last.state) {
    case 'running':
      return { tone: 'running', line: `RosterDesk: syncing ${last.connectionName}…` };
    case 'complete':
      return { tone: 'ok', line: `RosterDesk: ${last.connectionName} synced${when}` };
    case 'held':
      return {
        tone: 'problem',
        line: `RosterDesk: a sync of ${last.connectionName} is held for review${when}`,
      };
    case 'cancelled':
      return { tone: 'none', line: `RosterDesk: sync of ${last.connectionName} cancelled${when}` };
    case 'failed':
      return { tone: 'problem', line: `RosterDesk: sync of ${last.connectionName} failed${when}` };
  }
}

export interface TrayMenuOptions {
  status: TrayStatus;
  preferences: DesktopPreferences;
  open(screen?: ScreenId): void;
  setPreferences(patch: Partial<DesktopPreferences>): void;
  quit(): void;
}

/** The tray's menu: the last sync, open the console, the two desktop choices, and Quit. */
export function trayMenuTemplate(options: TrayMenuOptions): MenuItemConstructorOptions[] {
  return [
    { label: options.status.line, enabled: false },
    { type: 'separator' },
    { label: 'Open RosterDesk', click: () => options.open() },
    { label: 'Dashboard', click: () => options.open('dashboard') },
    { label: 'Changes waiting', click: () => options.open('changes') },
    { type: 'separator' },
    {
      label: 'Keep running when the window is closed',
      type: 'checkbox',
      checked: options.preferences.closeToTray === 'always',
      click: (item) =>
        options.setPreferences({ closeToTray: item.checked ? 'always' : 'when-scheduled' }),
    },
    {
      label: 'Start at login',
      type: 'checkbox',
      checked: options.preferences.startAtLogin,
      click: (item) => options.setPreferences({ startAtLogin: item.checked }),
    },
    { type: 'separator' },
    { label: 'Quit RosterDesk', click: () => options.quit() },
  ];
}
