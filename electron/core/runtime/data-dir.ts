import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'RosterDesk';

/**
 * Where RosterDesk keeps its cache and logs: ROSTERDESK_DATA_DIR when set (tests use a fresh
 * temporary folder each), else the OS's per-user application-data folder.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  const override = env.ROSTERDESK_DATA_DIR?.trim();
  if (override) return path.resolve(override);
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
  }
}
