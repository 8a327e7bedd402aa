import type { MenuItemConstructorOptions } from 'electron';
import { screens } from '../../shared/domain/screens';
import type { ScreenId } from '../../shared/domain/screens';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** A packaged app has no Developer Tools item. */
  packaged: boolean;
  appName: string;
  /** Shows the window on a screen. */
  go(screen: ScreenId): void;
}

/**
 * Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth (⌘ on macOS), for the screens in the navigation's
 * order; Settings is Ctrl+, wherever it sits, as in most desktop apps.
 */
export function screenAccelerator(index: number, id?: ScreenId): string | undefined {
  if (id === 'settings') return 'CmdOrCtrl+,';
  if (index < 9) return `CmdOrCtrl+${index + 1}`;
  return index === 9 ? 'CmdOrCtrl+0' : undefined;
}

/**
 * The application menu: the standard Edit items (so copy and paste work in every form), Reload,
 * Developer Tools only when not packaged, and a Go menu with a shortcut for each screen.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const go: MenuItemConstructorOptions[] = screens.map((screen, index) => {
    const accelerator = screenAccelerator(index, screen.id);
    return {
      label: screen.label,
      ...(accelerator ? { accelerator } : {}),
      click: () => options.go(screen.id),
    };
  });
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    ...(options.packaged ? [] : [{ role: 'toggleDevTools' } as const]),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(mac
      ? [
          {
            label: options.appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    { label: '&File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: '&View', submenu: view },
    { label: '&Go', submenu: go },
    { role: 'windowMenu' },
  ];
}

/** The script that shows a screen in the window: the renderer's routes live in the URL hash. */
export function showScreenScript(screen: ScreenId): string {
  return `window.location.hash = ${JSON.stringify(`#/${screen}`)};`;
}
