import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_DESKTOP_PREFERENCES, desktopPreferencesSchema } from '../../shared/domain/desktop';
import type { DesktopPreferences } from '../../shared/domain/desktop';
import { writePrivateFile } from '../core/db/private-files';
import type { Logger } from '../core/runtime/logger';

/** Whether closing the window leaves RosterDesk running in the tray. */
export function closeKeepsRunning(preferences: DesktopPreferences, schedulesSet: number): boolean {
  if (preferences.closeToTray === 'always') return true;
  if (preferences.closeToTray === 'never') return false;
  return schedulesSet > 0;
}

/**
 * The desktop app's own choices in `<data dir>/desktop.json` (0600): what closing the window does
 * and start-at-login. A file that cannot be read gives the defaults and one warning in the log.
 */
export class DesktopPreferencesFile {
  private readonly file: string;
  private current: DesktopPreferences;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = path.join(dataDir, 'desktop.json');
    this.current = this.read();
  }

  get(): DesktopPreferences {
    return { ...this.current };
  }

  set(patch: Partial<DesktopPreferences>): DesktopPreferences {
    this.current = desktopPreferencesSchema.parse({ ...this.current, ...patch });
    writePrivateFile(this.file, `${JSON.stringify(this.current, null, 2)}\n`);
    return this.get();
  }

  private read(): DesktopPreferences {
    if (!fs.existsSync(this.file)) return { ...DEFAULT_DESKTOP_PREFERENCES };
    try {
      return desktopPreferencesSchema.parse({
        ...DEFAULT_DESKTOP_PREFERENCES,
        ...(JSON.parse(fs.readFileSync(this.file, 'utf8')) as object),
      });
    } catch (error) {
      this.logger.warn(
        `${this.file} could not be read (${error instanceof Error ? error.message : String(error)}): the desktop defaults are used`,
      );
      return { ...DEFAULT_DESKTOP_PREFERENCES };
    }
  }
}
