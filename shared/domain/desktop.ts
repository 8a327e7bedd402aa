import { z } from 'zod';

/**
 * What closing the window does in the desktop app: keep RosterDesk running in the tray (so
 * scheduled syncs go on) only while a schedule is set, always, or never (closing quits).
 */
export const closeToTrayChoices = ['when-scheduled', 'always', 'never'] as const;

export const desktopPreferencesSchema = z.object({
  closeToTray: z.enum(closeToTrayChoices),
  /** Start RosterDesk when the admin logs in to the computer: opt-in. */
  startAtLogin: z.boolean(),
});
export type DesktopPreferences = z.infer<typeof desktopPreferencesSchema>;

export const DEFAULT_DESKTOP_PREFERENCES: DesktopPreferences = {
  closeToTray: 'when-scheduled',
  startAtLogin: false,
};

/** The desktop app's own settings; `supported: false` on the browser host, which has no tray. */
export const desktopStateSchema = z.object({
  supported: z.boolean(),
  preferences: desktopPreferencesSchema,
});
export type DesktopState = z.infer<typeof desktopStateSchema>;
