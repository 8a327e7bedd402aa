import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Start at login. macOS and Windows have app.setLoginItemSettings; Linux desktops read XDG
 * autostart entries (~/.config/autostart/*.desktop), which Electron does not write.
 */
export function autostartEntry(command: string[]): string {
  const quoted = command.map((part) =>
    /[\s"'\\$`]/.test(part) ? `"${part.replace(/(["\\$`])/g, '\\$1')}"` : part,
  );
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=RosterDesk',
    'Comment=Roster review and license admin',
    `Exec=${quoted.join(' ')}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}

/** The command that starts this app: the AppImage itself, the installed binary, or Electron on a checkout. */
export function launchCommand(input: {
  execPath: string;
  packaged: boolean;
  appPath: string;
  appImage?: string | undefined;
}): string[] {
  if (input.appImage) return [input.appImage];
  return input.packaged ? [input.execPath] : [input.execPath, input.appPath];
}

export function autostartFile(configHome = process.env.XDG_CONFIG_HOME): string {
  return path.join(
    configHome || path.join(os.homedir(), '.config'),
    'autostart',
    'rosterdesk.desktop',
  );
}

/** Writes or removes the Linux autostart entry. */
export function setLinuxAutostart(
  enabled: boolean,
  command: string[],
  file = autostartFile(),
): void {
  if (!enabled) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, autostartEntry(command), { mode: 0o644 });
}
